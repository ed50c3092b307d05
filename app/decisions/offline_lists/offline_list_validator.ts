import vine from '@vinejs/vine'

export const offlineListQueryValidator = vine.compile(
  vine.object({
    since: vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
)
