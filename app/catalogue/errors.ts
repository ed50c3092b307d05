import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

/** One field's problem: a translation key in catalogue.json, or a ready lv/en message. */
export interface CatalogueFieldError {
  field: string
  key?: string
  values?: Record<string, string | number>
  message?: { lv: string; en: string }
  /** Rule errors carry their place in the source. */
  line?: number
  column?: number
}

/** Input that passed the schema but breaks a catalogue rule (an unknown attribute, say). */
export class CatalogueValidationError extends Error {
  constructor(readonly fields: CatalogueFieldError[]) {
    super(`Invalid catalogue input: ${fields.map((f) => f.field).join(', ')}`)
    this.name = 'CatalogueValidationError'
  }
}

/** A workflow step that is not allowed now (publishing one's own draft, say). */
export class CatalogueWorkflowError extends Error {
  constructor(
    readonly key: string,
    readonly field = 'status'
  ) {
    super(`Catalogue workflow refused: ${key}`)
    this.name = 'CatalogueWorkflowError'
  }
}

export function fieldMessage(
  error: CatalogueFieldError,
  t: (key: string, values?: any) => string,
  locale: string
) {
  const text = error.message
    ? error.message[locale === 'en' ? 'en' : 'lv']
    : t(`catalogue.errors.${error.key}`, error.values ?? {})
  if (error.line === undefined) return text
  return `${t('catalogue.errors.at_position', { line: error.line, column: error.column ?? 1 })} ${text}`
}

/** Reports catalogue errors like validation errors: 422 JSON, or back to the form. */
export function toValidationError(
  ctx: HttpContext,
  error: CatalogueValidationError | CatalogueWorkflowError
) {
  const t = (key: string, values?: any) => ctx.i18n.t(key, values)
  const fields =
    error instanceof CatalogueValidationError
      ? error.fields
      : [{ field: error.field, key: error.key }]
  return new vineErrors.E_VALIDATION_ERROR(
    fields.map((field) => ({
      field: field.field,
      rule: field.key ?? field.message?.en ?? 'invalid',
      message: fieldMessage(field, t, ctx.i18n.locale),
    }))
  )
}

/** Runs a catalogue action, turning its domain errors into validation errors. */
export async function reportingCatalogueErrors<T>(ctx: HttpContext, work: () => Promise<T>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof CatalogueValidationError || error instanceof CatalogueWorkflowError) {
      throw toValidationError(ctx, error)
    }
    throw error
  }
}
