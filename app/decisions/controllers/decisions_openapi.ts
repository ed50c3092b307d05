import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonBody, jsonResponse, ref } from '#platform/api/openapi/helpers'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'

/** POST /api/v1/decisions and GET /api/v1/services (docs/contracts.md, "Providers' systems"). */
export const decisionsOpenApi: OpenApiFragment = {
  tags: [
    {
      name: 'Point of use',
      description:
        "A service provider's systems: its services, and which benefit applies to an identification means. Answers name the benefit, never the person or why they are entitled.",
    },
  ],
  schemas: {
    DecisionRequest: {
      type: 'object',
      required: ['identifier', 'service', 'at'],
      properties: {
        identifier: {
          type: 'object',
          required: ['type', 'value'],
          properties: {
            type: { type: 'string', enum: [...IDENTIFIER_TYPES] },
            value: { type: 'string', maxLength: 200, description: 'As read from the card or app' },
          },
        },
        service: { type: 'string', description: "Code of one of this provider's services" },
        at: {
          type: 'string',
          format: 'date-time',
          description: 'When the service is used, ISO 8601 with offset',
        },
        price_cents: {
          type: 'integer',
          minimum: 0,
          description: "Full price in euro cents; default the service's base price",
        },
      },
    },
    Decision: {
      type: 'object',
      required: ['decision_id', 'benefit', 'valid_until'],
      properties: {
        decision_id: {
          type: 'string',
          description: 'Signed token naming what was decided; cite it in the transaction',
        },
        benefit: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['code', 'name', 'grantor'],
              properties: {
                code: { type: 'string' },
                name: { type: 'string', description: 'In the Accept-Language (lv default)' },
                grantor: { type: 'string', description: 'The granting organisation' },
                discount_percent: {
                  type: 'integer',
                  description: 'For percentage discounts and free services (100)',
                },
                price_cents: {
                  type: 'integer',
                  description: 'The price to charge, for fixed-price and amount-off benefits',
                },
              },
            },
          ],
        },
        valid_until: {
          type: 'string',
          format: 'date-time',
          description: 'The answer holds until then: the end of the local day (or time window)',
        },
      },
    },
    Service: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        name_lv: { type: 'string' },
        name_en: { type: 'string' },
        sector: { type: 'string' },
        base_price_cents: { type: 'integer' },
      },
    },
    ServiceList: {
      type: 'object',
      properties: { data: { type: 'array', items: ref('Service') } },
    },
  },
  paths: {
    '/decisions': {
      post: {
        tags: ['Point of use'],
        summary: 'The one benefit to apply for an identification means on a service',
        description:
          'Highest priority first, then the most favourable to the resident. An unknown or blocked means answers benefit null (200). A service code that is not this provider’s answers 422 unknown_service, as an unknown code does.',
        operationId: 'decide',
        requestBody: jsonBody(ref('DecisionRequest')),
        ...bearer('decisions:write'),
        responses: {
          '200': jsonResponse('The decision', ref('Decision')),
          ...errorResponses(401, 403, 422, 429),
        },
      },
    },
    '/services': {
      get: {
        tags: ['Point of use'],
        summary: "This provider's services",
        operationId: 'listServices',
        ...bearer('services:read'),
        responses: {
          '200': jsonResponse('The services', ref('ServiceList')),
          ...errorResponses(401, 403, 429),
        },
      },
    },
  },
}
