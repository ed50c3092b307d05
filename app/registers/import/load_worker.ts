import { parentPort, workerData } from 'node:worker_threads'
import { createKeyedHasher } from '#registers/import/keyed_hasher'
import { stageRowBatches } from '#registers/import/stage_rows'
import { AttributeCatalogue } from '#registers/attribute_catalogue'
import pg from 'pg'
import { CopySink, copyText } from '#registers/import/staging'
import {
  driverCodeEncrypter,
  ENCRYPTION_PROBE,
  fastCodeEncrypter,
} from '#registers/import/code_encrypter'
import {
  type FromWorker,
  type LoadWorkerData,
  type ToWorker,
} from '#registers/import/load_protocol'

/**
 * Worker thread of an import's loading phase (see load_protocol.ts): validates, hashes and
 * encrypts the rows of one file fed to it chunk by chunk, COPYs them into the file's staging
 * table, and answers with counts, issues and held hashes per chunk, in file order.
 */
const data = workerData as LoadWorkerData
const port = parentPort!
// The app's configured encryption; the main thread checks a probe.
const encrypt = data.encryption.fast
  ? fastCodeEncrypter(data.encryption)
  : await driverCodeEncrypter(data.encryption)

const queue: Array<Uint8Array | string | null> = []
let wake: (() => void) | null = null
port.on('message', (message: ToWorker) => {
  queue.push('chunk' in message ? message.chunk : null)
  wake?.()
})

async function* chunks(): AsyncGenerator<Uint8Array | string> {
  for (;;) {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    wake = null
    const chunk = queue.shift()!
    port.postMessage({ type: 'ack' } satisfies FromWorker)
    if (chunk === null) return
    yield chunk
  }
}

const send = (message: FromWorker) => port.postMessage(message)

// The worker writes its rows into the staging table itself, over a connection of its own:
// the rows never cross to the main thread, whose heap would otherwise hold (and only lazily
// collect) every batch's COPY text.
const client = new pg.Client({ connectionString: data.copy.databaseUrl })
let sink: CopySink | null = null
try {
  await client.connect()
  sink = new CopySink(client, data.copy.table, data.copy.columns)
  send({ type: 'ready', probe: encrypt(ENCRYPTION_PROBE) })
  for await (const batch of stageRowBatches(chunks(), {
    kind: data.kind,
    allowed: new Set(data.allowed),
    catalogue: new AttributeCatalogue(data.attributes),
    hasher: createKeyedHasher(data.hashSecret, data.listHashSecret),
    encrypt,
  })) {
    if (batch.rows.length > 0) await sink.addText(copyText(batch.rows))
    send({
      type: 'batch',
      rows: batch.rows.length,
      issues: batch.issues,
      held: batch.held,
      read: batch.read,
      headers: batch.headers,
    })
  }
  await sink.close()
  sink = null
  send({ type: 'done' })
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) })
} finally {
  await client.end().catch(() => {})
}
