import vine from '@vinejs/vine'

/** A new API client; the scopes must be among those its owner may give (`meta.allowedScopes`). */
export const apiClientValidator = vine.withMetaData<{ allowedScopes: string[] }>().create({
  name: vine.string().trim().minLength(2).maxLength(100),
  scopes: vine
    .array(vine.enum((field) => field.meta.allowedScopes as string[]))
    .minLength(1)
    .distinct(),
  rateLimitPerMinute: vine.number().withoutDecimals().range([1, 100000]).optional(),
})
