import type { OpenApiFragment } from '#platform/api/openapi/registry'
import { bearer, errorResponses, jsonBody, jsonResponse, ref } from '#platform/api/openapi/helpers'
import { MAX_PUSH_ROWS } from '#registers/push/limits'
import { routeParams } from '#platform/http/route_params'

const date = (description: string) => ({ type: 'string', format: 'date', description })
const optionalDate = (description: string) => ({
  type: ['string', 'null'],
  format: 'date',
  description,
})

/** POST /api/v1/registers/{source}/changes (docs/contracts.md, "Registers"). */
export const registersOpenApi: OpenApiFragment = {
  tags: [
    {
      name: 'Registers',
      description:
        "A data source's system delivers persons and facts. The client must be one the operator issued to that data source (scope registers:write).",
    },
  ],
  schemas: {
    RegisterPerson: {
      type: 'object',
      required: ['personal_code', 'given_names', 'surname', 'birth_date'],
      properties: {
        personal_code: {
          type: 'string',
          description: 'DDMMYY-CNNNX (date and check digit are checked) or 3[2-9]NNNN-NNNNN',
          examples: ['161175-19997'],
        },
        given_names: { type: 'string' },
        surname: { type: 'string' },
        birth_date: date('Birth date'),
        death_date: optionalDate('Death date; null or absent while alive'),
        previous_personal_code: {
          type: ['string', 'null'],
          description:
            'The code the person had before switching to personal_code (the old code moves to the code history).',
        },
      },
    },
    RegisterFact: {
      type: 'object',
      required: ['personal_code', 'attribute', 'value', 'valid_from'],
      properties: {
        personal_code: { type: 'string' },
        attribute: {
          type: 'string',
          description:
            'An attribute of the catalogue the data source is registered for, e.g. disability.group',
        },
        value: {
          type: ['string', 'number', 'boolean'],
          description:
            'Checked against the attribute catalogue; numbers and booleans as their text',
        },
        valid_from: date('First day the fact holds'),
        valid_to: optionalDate('Last day the fact holds; null or absent = open-ended'),
      },
    },
    RegisterChanges: {
      type: 'object',
      required: ['mode'],
      description: `At most ${MAX_PUSH_ROWS} rows (persons + facts) and 4 MiB per call.`,
      properties: {
        mode: {
          type: 'string',
          enum: ['delta', 'snapshot'],
          description:
            "delta adds and changes only; snapshot also ends this source's facts of the attributes in the batch that the batch no longer holds (valid_to = the day before batch_date; a fact not started yet is retracted). Persons with a rejected fact row keep their facts.",
        },
        persons: {
          type: 'array',
          items: ref('RegisterPerson'),
          description: 'Only for sources registered as delivering persons',
        },
        facts: { type: 'array', items: ref('RegisterFact') },
        batch_date: date('The day the batch describes (default today, Europe/Riga)'),
      },
    },
    RegisterRejection: {
      type: 'object',
      required: ['index', 'kind', 'field', 'reason'],
      properties: {
        index: { type: 'integer', description: 'Position in its array, from 0' },
        kind: { type: 'string', enum: ['persons', 'facts'] },
        field: { type: ['string', 'null'], description: 'The field at fault' },
        reason: {
          type: 'string',
          description:
            'Reason code, e.g. bad_check_digit, impossible_date, unknown_attribute, attribute_not_allowed, value_not_allowed, unknown_municipality, period_order, duplicate_row, unknown_person, conflicting_row, required, not_a_string, file_not_allowed',
        },
        message: {
          type: 'string',
          description:
            'The reason in the Accept-Language, more precise where it can be (an unknown municipality name with the official name meant, or the day a municipality ended and its successor)',
        },
      },
    },
    RegisterChangesResult: {
      type: 'object',
      required: ['accepted', 'unchanged', 'rejected'],
      properties: {
        accepted: { type: 'integer', description: 'Rows that changed something (written once)' },
        unchanged: {
          type: 'integer',
          description: 'Rows already stored as sent: nothing written, nothing logged',
        },
        rejected: { type: 'array', items: ref('RegisterRejection') },
        import_id: {
          type: ['integer', 'null'],
          description: 'The batch in the operator portal’s import history',
        },
      },
    },
  },
  paths: {
    '/registers/{source}/changes': {
      post: {
        tags: ['Registers'],
        summary: 'Deliver a batch of persons and facts',
        description:
          'Validated row by row like a file import and applied in one transaction, exactly once: re-sending the same batch answers every row unchanged. Each change is appended to the register change log and reaches the entitlements through the incremental pass.',
        operationId: 'pushRegisterChanges',
        ...bearer('registers:write'),
        parameters: [
          {
            name: 'source',
            in: 'path',
            required: true,
            description: 'Data source code',
            schema: { type: 'string', pattern: routeParams.code.match.source },
          },
        ],
        requestBody: jsonBody(ref('RegisterChanges')),
        responses: {
          '200': jsonResponse('The batch is applied', ref('RegisterChangesResult')),
          ...errorResponses(401, 403, 404, 422, 429),
          '413': {
            description: `Over ${MAX_PUSH_ROWS} rows or 4 MiB: split the batch`,
            content: { 'application/json': { schema: ref('Errors') } },
          },
        },
      },
    },
  },
}
