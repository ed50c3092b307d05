import vine from '@vinejs/vine'

const personalCode = vine
  .string()
  .trim()
  .regex(/^(\d{6}-?[0-2]\d{4}|3[2-9]\d{4}-?\d{5})$/)

const date = vine
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)

export const entitlementsQueryValidator = vine.compile(
  vine.object({ personal_code: personalCode, at: date.clone().optional() })
)

export const explainQueryValidator = vine.compile(
  vine.object({
    personal_code: personalCode,
    benefit: vine.string().trim().maxLength(64),
    at: date.clone().optional(),
  })
)

export const personSearchValidator = vine.compile(vine.object({ personalCode }))

export const explainPageValidator = vine.compile(vine.object({ at: date.clone().optional() }))

export const decisionValidator = vine.compile(
  vine.object({
    benefitCode: vine.string().trim().maxLength(64),
    kind: vine.enum(['grant', 'revoke'] as const),
    validFrom: date.clone(),
    validTo: date.clone().optional(),
    reason: vine.string().trim().minLength(3).maxLength(2000),
  })
)
