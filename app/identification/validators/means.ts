import vine from '@vinejs/vine'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { BLOCK_REASONS, REPLACE_REASONS, UNBLOCK_REASONS } from '#identification/lifecycle'

/** A means by its type and the number printed on it (hashed before any lookup). */
export const meansSearchValidator = vine.compile(
  vine.object({
    type: vine.enum(IDENTIFIER_TYPES),
    value: vine.string().trim().minLength(1).maxLength(200),
  })
)

export const blockMeansValidator = vine.compile(vine.object({ reason: vine.enum(BLOCK_REASONS) }))

export const unblockMeansValidator = vine.compile(
  vine.object({ reason: vine.enum(UNBLOCK_REASONS) })
)

export const replaceMeansValidator = vine.compile(
  vine.object({
    reason: vine.enum(REPLACE_REASONS),
    replacementId: vine.number().withoutDecimals().positive(),
  })
)
