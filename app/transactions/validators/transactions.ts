import vine from '@vinejs/vine'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'

/** At most this many transactions per call (docs/contracts.md, "Providers' systems"). */
export const MAX_TRANSACTIONS_PER_CALL = 10_000

/** ISO 8601 date and time with seconds and an offset (Z or ±hh:mm). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/

const cents = () => vine.number().withoutDecimals().min(0).max(100_000_000)

/** The envelope; items are validated by `transactionItemsValidator` so one bad item fails alone. */
export const transactionBatchValidator = vine.create({
  transactions: vine.array(vine.any()).minLength(1).maxLength(MAX_TRANSACTIONS_PER_CALL),
})

const item = vine.object({
  id: vine
    .string()
    .minLength(1)
    .maxLength(100)
    .regex(/^[\x21-\x7e]+$/),
  decision_id: vine.string().maxLength(2000).optional(),
  identifier: vine
    .object({
      type: vine.enum(IDENTIFIER_TYPES),
      value: vine.string().trim().minLength(1).maxLength(200),
    })
    .optional(),
  service: vine.string().trim().minLength(1).maxLength(64),
  at: vine.string().regex(ISO_INSTANT),
  full_price_cents: cents(),
  charged_price_cents: cents(),
  benefit_code: vine.string().trim().minLength(1).maxLength(64).optional(),
  place: vine.string().trim().maxLength(200).optional(),
  corrects: vine
    .string()
    .minLength(1)
    .maxLength(100)
    .regex(/^[\x21-\x7e]+$/)
    .optional(),
  kind: vine.enum(['usage', 'correction', 'reversal'] as const).optional(),
})

/** Every item of a batch at once (the fast path); on failure each is checked alone. */
export const transactionItemsValidator = vine.create({ transactions: vine.array(item) })

/** One item, to tell which items of a failed batch are at fault. */
export const transactionItemValidator = vine.create(item)
