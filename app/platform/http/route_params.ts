/**
 * Matchers for route parameters, shared by every route file and plugin. A value the column
 * cannot hold (2147483648 in an int4 key, `-1`, `1e3`, `%00`, forty digits) never reaches
 * PostgreSQL, where it would fail with a 500 naming the SQL: the route does not match and the
 * answer is the ordinary 404.
 */
export interface RouteParamMatcher {
  match: RegExp
  cast?: (value: string) => unknown
}

/**
 * A regular expression for the canonical decimal integers 1..max (no sign, no leading zero):
 * shorter numbers, then each digit of `max` lowered in turn, then `max` itself.
 */
export function positiveIntegerUpTo(max: string): RegExp {
  if (!/^[1-9]\d*$/.test(max)) throw new Error(`Not a positive integer: ${max}`)
  const digits = max.length
  const alternatives: string[] = []
  if (digits > 1) alternatives.push(`[1-9]\\d{0,${digits - 2}}`)
  for (let i = 0; i < digits; i++) {
    const low = i === 0 ? 1 : 0
    const high = Number(max[i]) - 1
    if (high < low) continue
    const rest = digits - i - 1
    alternatives.push(`${max.slice(0, i)}[${low}-${high}]${rest ? `\\d{${rest}}` : ''}`)
  }
  alternatives.push(max)
  return new RegExp(`^(?:${alternatives.join('|')})$`)
}

const toNumber = (value: string) => Number(value)

export const routeParams = {
  /** A key of an `increments` (int4) column: 1..2147483647. */
  int4Id: { match: positiveIntegerUpTo('2147483647'), cast: toNumber },
  /**
   * A key of a `bigIncrements` (int8) column, up to 2^53 - 1: handlers read ids as JavaScript
   * numbers, which are exact only that far; no sequence here comes near it.
   */
  int8Id: { match: positiveIntegerUpTo(String(Number.MAX_SAFE_INTEGER)), cast: toNumber },
  /** A benefit code (`riga.free_days`) or a data source code (`pmlp`), as their validators allow. */
  code: { match: /^[a-z0-9][a-z0-9_.-]{0,63}$/ },
  /**
   * A mailed one-time token (32 random bytes, base64url); only its hash is looked up. Short
   * ones still match, so that a truncated link gets the page that explains it.
   */
  token: { match: /^[A-Za-z0-9_-]{1,128}$/ },
} satisfies Record<string, RouteParamMatcher>
