/** How long a web session may live in all, and without a request. */
export type SessionLifetimes = { absoluteSeconds: number; idleSeconds: number }

export function hasExpired(
  row: { created_at: Date | string; last_seen_at: Date | string },
  now: Date,
  lifetimes: SessionLifetimes
) {
  const at = now.getTime()
  return (
    at >= new Date(row.created_at).getTime() + lifetimes.absoluteSeconds * 1000 ||
    at >= new Date(row.last_seen_at).getTime() + lifetimes.idleSeconds * 1000
  )
}
