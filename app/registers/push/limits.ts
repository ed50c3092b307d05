/** At most this many rows (persons + facts) in one pushed or pulled batch. */
export const MAX_PUSH_ROWS = 10_000
