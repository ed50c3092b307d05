import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonResponse, ref } from '#platform/api/openapi/helpers'

const personalCode = {
  name: 'personal_code',
  in: 'query',
  required: true,
  description: 'Latvian personal code, with or without the dash (DDMMYY-CNNNN or 3xxxxx-xxxxx)',
  schema: { type: 'string', examples: ['161175-19997'] },
}
const at = {
  name: 'at',
  in: 'query',
  required: false,
  description: 'The day (YYYY-MM-DD, Europe/Riga); default today',
  schema: { type: 'string', format: 'date' },
}
const period = {
  valid_from: { type: 'string', format: 'date', description: 'First entitled day' },
  valid_to: {
    type: ['string', 'null'],
    format: 'date',
    description:
      'Last entitled day; null = nothing known ends it (an open fact, an open version, no age limit ahead)',
  },
  source: {
    type: 'string',
    enum: ['rule', 'list', 'manual'],
    description: 'rule: the eligibility rule; list: through a list group; manual: a decision',
  },
}

/** GET /api/v1/entitlements and /entitlements/explain (docs/contracts.md, "Grantors' systems"). */
export const entitlementsOpenApi: OpenApiFragment = {
  tags: [
    {
      name: 'Entitlements',
      description:
        "The client's tenant's entitlements of a person. Every call is an audited read of personal data.",
    },
  ],
  schemas: {
    Entitlement: {
      type: 'object',
      required: ['benefit', 'version', 'valid_from', 'valid_to', 'source'],
      properties: {
        benefit: { type: 'string', description: 'Benefit code' },
        version: { type: ['integer', 'null'], description: 'Benefit version number' },
        ...period,
      },
    },
    EntitlementList: {
      type: 'object',
      properties: {
        data: { type: 'array', items: ref('Entitlement') },
        at: { type: 'string', format: 'date' },
      },
    },
    ExplainNode: {
      type: 'object',
      description:
        'One condition of the rule (or a group of conditions: all, any, not, choice) with its value on the day and the facts behind it.',
      properties: {
        kind: { type: 'string', enum: ['all', 'any', 'not', 'condition', 'choice'] },
        expression: { type: 'string', description: 'The condition in CEL' },
        line: { type: 'integer' },
        column: { type: 'integer' },
        value: { description: 'Truth (or value) on the day' },
        age: { type: ['integer', 'null'] },
        facts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: {
                type: 'string',
                enum: ['fact', 'birth_date', 'death_date', 'group', 'identifier'],
              },
              attribute: { type: 'string' },
              value: {},
              from: { type: ['string', 'null'], format: 'date' },
              to: { type: ['string', 'null'], format: 'date' },
              source: { type: 'string', description: 'Data source code' },
            },
          },
        },
        children: { type: 'array', items: ref('ExplainNode') },
      },
    },
    EntitlementExplanation: {
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: {
            benefit: { type: 'string' },
            at: { type: 'string', format: 'date' },
            entitled: { type: 'boolean', description: 'A stored entitlement covers the day' },
            rule_holds: {
              type: ['boolean', 'null'],
              description: "The version's rule holds on the day (before manual decisions)",
            },
            version: {
              type: ['object', 'null'],
              properties: {
                version: { type: 'integer' },
                status: { type: 'string' },
                effective_from: { type: 'string', format: 'date' },
                effective_to: { type: ['string', 'null'], format: 'date' },
                rule: { type: 'string', description: 'The eligibility rule (CEL)' },
              },
            },
            explanation: { oneOf: [ref('ExplainNode'), { type: 'null' }] },
            entitlements: {
              type: 'array',
              items: {
                type: 'object',
                properties: { version: { type: ['integer', 'null'] }, ...period },
              },
            },
            decisions: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  kind: { type: 'string', enum: ['grant', 'revoke'] },
                  valid_from: { type: 'string', format: 'date' },
                  valid_to: { type: ['string', 'null'], format: 'date' },
                },
              },
            },
          },
        },
      },
    },
  },
  paths: {
    '/entitlements': {
      get: {
        tags: ['Entitlements'],
        summary: "A person's entitlements granted by this tenant, valid on a day",
        operationId: 'listEntitlements',
        parameters: [personalCode, at],
        ...bearer('entitlements:read'),
        responses: {
          '200': jsonResponse(
            'The entitlements (empty when the person is unknown or has none of this tenant)',
            ref('EntitlementList')
          ),
          ...errorResponses(401, 403, 422, 429),
        },
      },
    },
    '/entitlements/explain': {
      get: {
        tags: ['Entitlements'],
        summary: 'Why a person is or is not entitled to one of this tenant’s benefits on a day',
        operationId: 'explainEntitlement',
        parameters: [
          personalCode,
          {
            name: 'benefit',
            in: 'query',
            required: true,
            description: 'Benefit code of this tenant',
            schema: { type: 'string' },
          },
          at,
        ],
        ...bearer('entitlements:read'),
        responses: {
          '200': jsonResponse('The per-condition explanation', ref('EntitlementExplanation')),
          ...errorResponses(401, 403, 404, 422, 429),
        },
      },
    },
  },
}
