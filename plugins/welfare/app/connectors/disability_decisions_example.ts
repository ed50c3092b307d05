import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type { ConnectorBatch, RegisterConnector } from '#registers/connectors/register_connector'

/*
| EXAMPLE connector: how a plugin pulls from a remote register. It reads a JSON feed of
| disability decisions (a file standing in for the register's web service) and hands them to
| core in batches with a cursor (the feed's sequence number), so a second pull only sees
| decisions added since. A real connector would call the register's API with `since` instead.
*/

interface Decision {
  sequence: number
  personal_code: string
  attribute: string
  value: string
  valid_from: string
  valid_to: string | null
}

/** Feed file: WELFARE_DISABILITY_FEED, else the example shipped with the plugin. */
export function feedPath() {
  return (
    env.get('WELFARE_DISABILITY_FEED') ??
    app.makePath('plugins/welfare/resources/examples/disability_decisions.json')
  )
}

const BATCH_SIZE = 2

const connector: RegisterConnector = {
  id: 'welfare.disability_decisions_example',
  source: env.get('WELFARE_DISABILITY_SOURCE') ?? 'disability-decisions',
  async *pull(since) {
    const feed = JSON.parse(await readFile(feedPath(), 'utf8')) as { decisions: Decision[] }
    const after = since === null ? 0 : Number(since)
    const fresh = feed.decisions
      .filter((decision) => decision.sequence > after)
      .sort((a, b) => a.sequence - b.sequence)
    for (let start = 0; start < fresh.length; start += BATCH_SIZE) {
      const page = fresh.slice(start, start + BATCH_SIZE)
      const batch: ConnectorBatch = {
        mode: 'delta',
        facts: page.map(({ sequence: _sequence, ...fact }) => fact),
        cursor: String(page[page.length - 1].sequence),
      }
      yield batch
    }
  },
}

export default connector
