import vine from '@vinejs/vine'

/** The largest value of a PostgreSQL `integer` (int4): ids of `increments` keys, page numbers. */
export const INT4_MAX = 2_147_483_647

/**
 * An id from a request's body or query string. A larger number would fail in PostgreSQL
 * ("out of range for type integer") as a 500; here it is an ordinary validation error.
 */
export const int4Id = () => vine.number().withoutDecimals().range([1, INT4_MAX])

/** A page number: past INT4_MAX the OFFSET itself leaves PostgreSQL's bigint range. */
export const pageNumber = () => vine.number().withoutDecimals().range([1, INT4_MAX])
