import { Worker } from 'node:worker_threads'
import type { CatalogueAttribute } from '#registers/attribute_catalogue'
import type { EncryptionSettings } from '#registers/import/code_encrypter'
import type { FileKind, RowIssue } from '#registers/import/row_validator'

/**
 * Runs the row path of one file (stage_rows.ts) in a worker thread (load_worker.ts): the main
 * thread reads the file and hands it over chunk by chunk; the worker COPYs the staging rows
 * into PostgreSQL itself and answers per chunk, in file order, with issues and held hashes. At most
 * `IN_FLIGHT` chunks are ahead of the consumer, so memory stays flat.
 */
export interface LoadWorkerData {
  kind: FileKind
  allowed: string[]
  /** The import catalogue's attributes: workers cannot read the registry, filled at boot. */
  attributes: CatalogueAttribute[]
  hashSecret: string
  listHashSecret: string
  /** The app's encrypter; `fast`: use fastCodeEncrypter (checked by the main thread). */
  encryption: EncryptionSettings & { fast: boolean }
  /** Where the worker COPYs the accepted rows (an UNLOGGED staging table). */
  copy: { databaseUrl: string; table: string; columns: readonly string[] }
}

export type ToWorker = { chunk: Uint8Array | string } | { end: true }

export interface WorkerBatch {
  type: 'batch'
  /** Rows written to the staging table. */
  rows: number
  issues: RowIssue[]
  held: string[]
  read: number
  headers: number
}

export type FromWorker =
  | { type: 'ready'; probe: string }
  | { type: 'ack' }
  | WorkerBatch
  | { type: 'done' }
  | { type: 'error'; message: string }

const IN_FLIGHT = 4

/** Starts load_worker.ts; under the TypeScript loader of development and tests too. */
function startWorker(data: LoadWorkerData): Worker {
  const entry = new URL(
    import.meta.url.endsWith('.ts') ? './load_worker.ts' : './load_worker.js',
    import.meta.url
  ).href
  const loader = entry.endsWith('.ts') ? import.meta.resolve('@poppinss/ts-exec') : null
  const code = `(${loader ? `import(${JSON.stringify(loader)})` : 'Promise.resolve()'}).then(() => import(${JSON.stringify(entry)}))`
  // A small heap: a worker holds one chunk's rows at a time (the duplicate detector's table
  // lives outside the heap), and an uncapped heap only collects garbage late.
  return new Worker(code, {
    eval: true,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
  })
}

export async function* stageInWorker(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  data: LoadWorkerData,
  checkProbe: (probe: string) => boolean
): AsyncGenerator<WorkerBatch> {
  const worker = startWorker(data)
  const inbox: FromWorker[] = []
  let failure: Error | null = null
  let notify: (() => void) | null = null
  const wakeInbox = () => {
    notify?.()
    notify = null
  }
  // Batches answered but not yet consumed: the pump waits while the consumer (a COPY that
  // PostgreSQL drains more slowly than workers fill it) is behind, so they cannot pile up.
  let unconsumed = 0
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'batch') unconsumed++
    inbox.push(message)
    wakeInbox()
  })
  worker.on('error', (error) => {
    failure = error
    wakeInbox()
  })
  worker.on('exit', (code) => {
    failure ??= new Error(`Import worker exited (${code})`)
    wakeInbox()
  })
  const next = async (): Promise<FromWorker> => {
    for (;;) {
      if (inbox.length > 0) return inbox.shift()!
      if (failure) throw failure
      await new Promise<void>((resolve) => (notify = resolve))
    }
  }

  let credits = IN_FLIGHT
  let finished = false
  let wakePump: (() => void) | null = null
  const release = () => {
    wakePump?.()
    wakePump = null
  }
  const pump = (async () => {
    for await (const chunk of source) {
      while ((credits === 0 || unconsumed >= IN_FLIGHT) && !finished) {
        await new Promise<void>((resolve) => (wakePump = resolve))
      }
      if (finished) return
      credits--
      worker.postMessage({ chunk } satisfies ToWorker)
    }
    if (!finished) worker.postMessage({ end: true } satisfies ToWorker)
  })()
  let pumpFailure: unknown = null
  pump.catch((error) => {
    pumpFailure = error
    failure ??= error instanceof Error ? error : new Error(String(error))
    wakeInbox()
  })

  try {
    const ready = await next()
    if (ready.type !== 'ready' || !checkProbe(ready.probe)) {
      throw new Error('Import worker encrypts differently from the app')
    }
    for (;;) {
      const message = await next()
      if (message.type === 'ack') {
        credits++
        release()
      } else if (message.type === 'batch') {
        yield message
        unconsumed--
        release()
      } else if (message.type === 'error') {
        throw new Error(message.message)
      } else if (message.type === 'done') {
        break
      }
    }
    finished = true
    release()
    await pump
    if (pumpFailure) throw pumpFailure
  } finally {
    finished = true
    release()
    worker.removeAllListeners('exit')
    await worker.terminate()
  }
}
