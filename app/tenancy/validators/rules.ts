import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldContext } from '@vinejs/vine/types'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { isValidRegistrationNumber } from '#platform/identifiers/registration_number'

/** A Latvian legal entity's registration number (11 digits with its check rule). */
export const registrationNumber = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string' || !isValidRegistrationNumber(value)) {
      field.report(
        'The {{ field }} is not a valid registration number',
        'registrationNumber',
        field
      )
    }
  },
  { name: 'registrationNumber' }
)

interface ScopedOptions {
  table: string
  column: string
  /** Column holding the scope (tenant_id, user_id…) and the metadata key it comes from. */
  scopeColumn: string
  metaKey: string
  /** Narrows the rows that count (pending invitations only, say). */
  where?: (query: DatabaseQueryBuilderContract<any>) => void
}

function scopeValue(field: FieldContext, metaKey: string): number {
  const scope = field.meta[metaKey]
  if (scope === undefined || scope === null) {
    // A programming error: the caller forgot validateUsing(…, { meta: { tenantId } }).
    throw new Error(`Validator metadata "${metaKey}" is required for a scoped rule`)
  }
  return Number(scope)
}

function scopedQuery(options: ScopedOptions, value: unknown, field: FieldContext) {
  const query = db
    .from(options.table)
    .where(options.scopeColumn, scopeValue(field, options.metaKey))
    .where(options.column, value as string | number)
  options.where?.(query)
  return query.select(options.column).first()
}

const scopedUniqueRule = vine.createRule(
  async (value: unknown, options: ScopedOptions, field: FieldContext) => {
    if (!field.isValid) return
    if (await scopedQuery(options, value, field)) {
      field.report('The {{ field }} has already been taken', 'uniqueInTenant', field)
    }
  },
  { name: 'uniqueInTenant', isAsync: true }
)

const scopedExistsRule = vine.createRule(
  async (value: unknown, options: ScopedOptions, field: FieldContext) => {
    if (!field.isValid) return
    if (!(await scopedQuery(options, value, field))) {
      field.report('The selected {{ field }} is invalid', 'existsInTenant', field)
    }
  },
  { name: 'existsInTenant', isAsync: true }
)

/**
 * The value must not exist in `table.column` among the rows of the tenant
 * given as validator metadata: `validateUsing(v, { meta: { tenantId } })`.
 */
export function uniqueInTenant(table: string, column: string, where?: ScopedOptions['where']) {
  return scopedUniqueRule({ table, column, scopeColumn: 'tenant_id', metaKey: 'tenantId', where })
}

/**
 * The value must exist in `table.column` among the rows of the tenant given
 * as validator metadata, so a forged id from another tenant fails validation.
 */
export function existsInTenant(table: string, column: string, where?: ScopedOptions['where']) {
  return scopedExistsRule({ table, column, scopeColumn: 'tenant_id', metaKey: 'tenantId', where })
}

/** Like existsInTenant, scoped to the user given as `meta: { userId }`. */
export function existsForUser(table: string, column: string, where?: ScopedOptions['where']) {
  return scopedExistsRule({ table, column, scopeColumn: 'user_id', metaKey: 'userId', where })
}
