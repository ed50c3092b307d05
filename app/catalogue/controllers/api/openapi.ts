import type { OpenApiFragment, OpenApiObject } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonBody, jsonResponse, ref } from '#platform/api/openapi/helpers'
import {
  BENEFIT_FORMS,
  BUDGET_PERIODS,
  COMBINATION_POLICIES,
  VERSION_STATUSES,
  VISIBILITIES,
} from '#catalogue/catalogue_options'
import { routeParams } from '#platform/http/route_params'

const date = { type: 'string', format: 'date', examples: ['2026-01-01'] }
const nullable = (schema: OpenApiObject) => ({
  ...schema,
  type: [schema.type as string, 'null'],
})
const datedRef = (key: string, keyDescription: string) => ({
  type: 'object',
  required: [key, 'from'],
  properties: {
    [key]: { type: 'string', description: keyDescription },
    from: date,
    to: { ...nullable(date), description: 'Empty: open-ended' },
  },
})

const scenario = {
  type: 'object',
  description:
    'A test case of the rule (OpenFisca style): persons with their facts on a decision date ' +
    'and whether each is expected to be entitled.',
  required: ['name', 'date', 'persons'],
  properties: {
    name: { type: 'string', maxLength: 200 },
    date: { ...date, description: 'The decision date' },
    persons: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        required: ['name', 'birth_date', 'facts', 'expected'],
        properties: {
          name: { type: 'string', maxLength: 100 },
          birth_date: date,
          facts: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              required: ['attribute', 'value', 'from'],
              properties: {
                attribute: { type: 'string', examples: ['disability.group'] },
                value: { type: 'string', examples: ['I'] },
                from: date,
                to: { ...nullable(date), description: 'Empty: open-ended' },
              },
            },
          },
          groups: {
            type: 'array',
            items: datedRef('key', "A person group's key (membership in that period)"),
          },
          identifiers: {
            type: 'array',
            items: datedRef('type', 'An identifier type held in that period, e.g. honour_card'),
          },
          expected: { type: 'boolean', description: 'Entitled on the date?' },
        },
      },
    },
  },
}

/** The fields of a version, as create and update take them. */
const draftProperties: Record<string, OpenApiObject> = {
  sector: {
    type: 'string',
    description:
      'A core sector (transport, education, welfare, health, culture, loyalty) or one a plugin adds',
  },
  visibility: { type: 'string', enum: [...VISIBILITIES] },
  effective_from: { ...date, description: 'The day this version takes effect' },
  name_lv: { type: 'string', minLength: 2, maxLength: 200 },
  name_en: { type: 'string', minLength: 2, maxLength: 200 },
  description_lv: { type: 'string', maxLength: 4000, description: 'Plain language' },
  description_en: { type: 'string', maxLength: 4000, description: 'Plain language' },
  legal_act: {
    type: ['string', 'null'],
    maxLength: 300,
    description: 'Required for public grantors',
  },
  legal_point: { type: ['string', 'null'], maxLength: 100 },
  legal_url: { type: ['string', 'null'], format: 'uri', maxLength: 500 },
  programme_terms: {
    type: ['string', 'null'],
    maxLength: 4000,
    description: "A merchant's programme terms (instead of a legal act)",
  },
  form: { type: 'string', enum: [...BENEFIT_FORMS] },
  value: {
    type: ['integer', 'null'],
    minimum: 0,
    description: 'percent: 1–100; fixed_price and amount_off: euro cents; free: ignored',
  },
  service_codes: {
    type: 'array',
    items: { type: 'string' },
    description: 'Services it applies to (only where a live contract covers them)',
  },
  municipalities: {
    type: 'array',
    items: { type: 'string' },
    description: 'Official names; empty: everywhere',
  },
  weekdays: {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 7 },
    description: 'ISO weekdays (1 Monday … 7 Sunday); empty: every day',
  },
  time_windows: {
    type: 'array',
    items: {
      type: 'object',
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['07:00'] },
        to: { type: 'string', examples: ['09:30', '24:00'] },
      },
    },
  },
  specific_dates: {
    type: 'array',
    items: { type: 'string', pattern: '^\\d{2}-\\d{2}$', examples: ['05-04', '11-18'] },
    description: 'Every year on these days (MM-DD)',
  },
  limit_per_day: { type: ['integer', 'null'], minimum: 1 },
  limit_per_month: { type: ['integer', 'null'], minimum: 1 },
  priority: {
    type: 'integer',
    minimum: 0,
    maximum: 1000,
    description: 'Higher wins when several benefits apply',
  },
  combination_policy: { type: 'string', enum: [...COMBINATION_POLICIES] },
  budget_cents: { type: ['integer', 'null'], minimum: 0 },
  budget_period: { type: ['string', 'null'], enum: [...BUDGET_PERIODS, null] },
  rule: {
    type: 'string',
    maxLength: 5000,
    description:
      'The eligibility rule, a CEL expression over the attribute catalogue, type-checked on ' +
      'save (errors name line and column)',
    examples: ['age >= 65 && residence.municipality == "Rīga"'],
  },
  extra: {
    type: 'object',
    description: "Fields sector plugins add to the form, by the plugin's key",
  },
  scenarios: {
    type: 'array',
    maxItems: 30,
    items: ref('RuleScenario'),
    description: 'Run on every save and before publishing; a failing one blocks publishing',
  },
}

const requiredDraft = [
  'sector',
  'visibility',
  'effective_from',
  'name_lv',
  'name_en',
  'description_lv',
  'description_en',
  'form',
  'priority',
  'combination_policy',
  'rule',
]

const codeParameter = {
  name: 'code',
  in: 'path',
  required: true,
  // Another shape matches no route: 404 (app/platform/http/route_params.ts).
  schema: { type: 'string', pattern: routeParams.code.match.source },
  description: "The benefit's code in this tenant's catalogue",
}

const benefitDetail = jsonResponse('The benefit and all its versions', ref('BenefitDetail'))

const WORKFLOW_CODES = [
  'not_draft',
  'not_in_review',
  'four_eyes',
  'invalid_rule',
  'no_scenarios',
  'scenarios_failed',
  'effective_date_not_later',
  'open_draft_exists',
]

const conflict = {
  '409': {
    description:
      "The benefit's state refuses the step; `code` says why: " + WORKFLOW_CODES.join(', '),
    content: { 'application/json': { schema: ref('Errors') } },
  },
}

const invalid = {
  '422': {
    description:
      'Invalid input: one item per field with `code: validation_failed`, the `rule` that ' +
      'failed and, for errors in the eligibility rule, its `line` and `column`',
    content: { 'application/json': { schema: ref('CatalogueValidationErrors') } },
  },
}

/** The catalogue's machine API in the OpenAPI description. */
export const catalogueFragment: OpenApiFragment = {
  tags: [
    {
      name: 'Catalogue',
      description:
        "The grantor's benefit catalogue: dated versions, draft → in review → published, " +
        'four eyes (whoever created a version — a user or an API client — cannot publish it).',
    },
  ],
  schemas: {
    RuleScenario: scenario,
    BenefitDraft: {
      type: 'object',
      required: requiredDraft,
      properties: draftProperties,
    },
    NewBenefit: {
      type: 'object',
      required: ['code', ...requiredDraft],
      properties: {
        code: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9_.-]*$',
          maxLength: 64,
          description: 'Unique in the tenant, lower case; never changes',
          examples: ['riga.seniors'],
        },
        ...draftProperties,
      },
    },
    DraftChanges: {
      type: 'object',
      description: "Any of the draft's fields; those left out keep their value",
      properties: draftProperties,
    },
    BenefitSummary: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        code: { type: 'string' },
        sector: { type: 'string' },
        visibility: { type: 'string', enum: [...VISIBILITIES] },
        name_lv: { type: 'string', description: 'From the latest version' },
        name_en: { type: 'string' },
        latest_status: { type: 'string', enum: [...VERSION_STATUSES] },
        current_version: {
          type: ['integer', 'null'],
          description: 'The published version in force today (Europe/Riga), if any',
        },
        versions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              version: { type: 'integer' },
              status: { type: 'string', enum: [...VERSION_STATUSES] },
              effective_from: date,
              effective_to: nullable(date),
            },
          },
        },
      },
    },
    BenefitVersion: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        benefit_id: { type: 'integer' },
        version: { type: 'integer' },
        status: { type: 'string', enum: [...VERSION_STATUSES] },
        effective_to: {
          ...nullable(date),
          description: 'Set when a later version is published: the day before it starts',
        },
        ...Object.fromEntries(
          Object.entries(draftProperties).filter(([key]) => !['sector', 'visibility'].includes(key))
        ),
        scenario_results: {
          type: ['array', 'null'],
          description: 'Per scenario and person: expected, actual, passed (from the last run)',
          items: {
            type: 'object',
            properties: {
              scenario: { type: 'string' },
              person: { type: 'string' },
              expected: { type: 'boolean' },
              actual: { type: ['boolean', 'null'] },
              passed: { type: 'boolean' },
            },
          },
        },
        scenarios_passed: { type: ['boolean', 'null'] },
        author_id: { type: ['integer', 'null'], description: 'The staff user, if one wrote it' },
        author_label: {
          type: 'string',
          description: "The author's e-mail, or api_client:<client_id> for an API client",
        },
        submitted_by: { type: ['integer', 'null'] },
        submitted_at: { type: ['string', 'null'], format: 'date-time' },
        published_by: { type: ['integer', 'null'] },
        published_by_label: { type: ['string', 'null'] },
        published_at: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    BenefitList: {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'array', items: ref('BenefitSummary') } },
    },
    BenefitDetail: {
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          type: 'object',
          required: ['benefit', 'versions'],
          properties: {
            benefit: ref('BenefitSummary'),
            versions: {
              type: 'array',
              items: ref('BenefitVersion'),
              description: 'Oldest first',
            },
          },
        },
      },
    },
    NewVersion: {
      type: 'object',
      required: ['effective_from'],
      properties: { effective_from: { ...date, description: 'After the published version' } },
    },
    CatalogueValidationErrors: {
      type: 'object',
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'message', 'field'],
            properties: {
              code: { type: 'string', const: 'validation_failed' },
              rule: {
                type: 'string',
                description: 'What failed, e.g. required, regex, rule_error, unknown_attribute',
              },
              field: { type: 'string', examples: ['rule', 'scenarios.0.persons.0.birth_date'] },
              message: { type: 'string', description: 'In the Accept-Language (lv default)' },
              line: { type: 'integer', description: 'For rule errors: 1-based line' },
              column: { type: 'integer', description: 'For rule errors: 1-based column' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/benefits': {
      get: {
        operationId: 'listBenefits',
        tags: ['Catalogue'],
        summary: "The tenant's benefits with their versions",
        ...bearer('catalogue:read'),
        responses: {
          '200': jsonResponse('The benefits, by code', ref('BenefitList')),
          ...errorResponses(401, 403, 429),
        },
      },
      post: {
        operationId: 'createBenefit',
        tags: ['Catalogue'],
        summary: 'Create a benefit with its first version as a draft',
        description:
          'Same validation as the staff form: the rule is type-checked against the attribute ' +
          'catalogue and the scenarios run. The API client is recorded as the author.',
        ...bearer('catalogue:write'),
        requestBody: jsonBody(ref('NewBenefit')),
        responses: {
          '201': { ...benefitDetail, description: 'Created' },
          ...errorResponses(401, 403),
          ...invalid,
          ...errorResponses(429),
        },
      },
    },
    '/benefits/{code}': {
      get: {
        operationId: 'getBenefit',
        tags: ['Catalogue'],
        summary: 'One benefit with every version, its rule and scenarios',
        ...bearer('catalogue:read'),
        parameters: [codeParameter],
        responses: { '200': benefitDetail, ...errorResponses(401, 403, 404, 429) },
      },
    },
    '/benefits/{code}/draft': {
      patch: {
        operationId: 'updateBenefitDraft',
        tags: ['Catalogue'],
        summary: "Change the benefit's draft version",
        description:
          "Fields sent replace the draft's; fields left out keep their value (`scenarios` is " +
          'replaced as a whole). Scenarios rerun. 409 `not_draft` when there is no draft.',
        ...bearer('catalogue:write'),
        parameters: [codeParameter],
        requestBody: jsonBody(ref('DraftChanges')),
        responses: {
          '200': benefitDetail,
          ...errorResponses(401, 403, 404),
          ...conflict,
          ...invalid,
          ...errorResponses(429),
        },
      },
    },
    '/benefits/{code}/versions': {
      post: {
        operationId: 'createBenefitVersion',
        tags: ['Catalogue'],
        summary: 'Start a new dated version (a draft copied from the latest)',
        description:
          'Past versions stay as they are; when the new one is published, the one in force ' +
          'ends the day before it starts.',
        ...bearer('catalogue:write'),
        parameters: [codeParameter],
        requestBody: jsonBody(ref('NewVersion')),
        responses: {
          '201': { ...benefitDetail, description: 'Created' },
          ...errorResponses(401, 403, 404),
          ...conflict,
          ...invalid,
          ...errorResponses(429),
        },
      },
    },
    '/benefits/{code}/submit': {
      post: {
        operationId: 'submitBenefit',
        tags: ['Catalogue'],
        summary: 'Send the draft for review (draft → in review)',
        description: 'The rule must still type-check.',
        ...bearer('catalogue:write'),
        parameters: [codeParameter],
        responses: {
          '200': benefitDetail,
          ...errorResponses(401, 403, 404),
          ...conflict,
          ...errorResponses(429),
        },
      },
    },
    '/benefits/{code}/publish': {
      post: {
        operationId: 'publishBenefit',
        tags: ['Catalogue'],
        summary: 'Publish the version in review (in review → published)',
        description:
          'Four eyes: refused (409 `four_eyes`) when the same API client (or user) created the ' +
          'version. The scenarios rerun; a failing one refuses (409 `scenarios_failed`).',
        ...bearer('catalogue:write'),
        parameters: [codeParameter],
        responses: {
          '200': benefitDetail,
          ...errorResponses(401, 403, 404),
          ...conflict,
          ...errorResponses(429),
        },
      },
    },
  },
}
