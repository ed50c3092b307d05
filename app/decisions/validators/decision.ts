import vine from '@vinejs/vine'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'

/** POST /api/v1/decisions (docs/contracts.md, "Providers' systems"). */
export const decisionRequestValidator = vine.compile(
  vine.object({
    identifier: vine.object({
      type: vine.enum(IDENTIFIER_TYPES),
      value: vine.string().trim().minLength(1).maxLength(200),
    }),
    service: vine.string().trim().minLength(1).maxLength(64),
    // An instant with its offset (a bare local time would be ambiguous at a clock change).
    at: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/),
    price_cents: vine.number().withoutDecimals().range([0, 2_147_483_647]).optional(),
  })
)
