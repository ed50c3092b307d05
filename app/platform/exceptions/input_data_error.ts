import { Exception } from '@adonisjs/core/exceptions'

/**
 * PostgreSQL's answers to a value it cannot hold or read: out of range for the column's type
 * (22003), not a number or date (22P02, 22007, 22008), a NUL or invalid byte (22021). Here they can
 * only come from a request's values (a filter `?tenantId=2147483648`, `?page=1e30`): the
 * thing asked for cannot exist, so the answer is a 404 and the SQL stays in the log.
 */
const INPUT_DATA_ERRORS = new Set(['22003', '22P02', '22007', '22008', '22021'])

export function isInputDataError(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && INPUT_DATA_ERRORS.has(code)
}

export const inputNotFound = () =>
  new Exception('Not found', { status: 404, code: 'E_INPUT_NOT_FOUND' })
