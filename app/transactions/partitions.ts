import type pg from 'pg'

/** Months (UTC, `YYYY-MM`) whose partition this process has made sure of. */
const known = new Set<string>()

function monthOf(instant: Date) {
  return instant.toISOString().slice(0, 7)
}

/**
 * Makes sure `usage_transactions` has a partition for the month of each instant (migration
 * 1530 made two years back and one ahead; any other month is made here, on demand). A
 * partition dropped behind this process's back makes the insert fail: nothing is acknowledged.
 */
export async function ensurePartitions(client: pg.ClientBase, instants: Iterable<Date>) {
  const missing = new Set<string>()
  for (const instant of instants) {
    const month = monthOf(instant)
    if (!known.has(month)) missing.add(month)
  }
  if (missing.size === 0) return
  const months = [...missing]
  await client.query('SELECT usage_transactions_partition(m::date) FROM unnest($1::text[]) m', [
    months.map((month) => `${month}-01`),
  ])
  for (const month of months) known.add(month)
}

/** Forgets what this process knows (tests that drop partitions). */
export function forgetPartitions() {
  known.clear()
}
