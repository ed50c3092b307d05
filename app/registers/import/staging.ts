import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** Writes rows into a staging table with `COPY … FROM STDIN`. */
export type StagingValue = string | number | null

export interface StagingSink {
  add(values: StagingValue[]): Promise<void> | void
  close(): Promise<void>
}

const FLUSH_BYTES = 1 << 20
const COPY_SPECIAL = /[\\\t\n\r]/

export function copyValue(value: StagingValue): string {
  if (value === null) return '\\N'
  if (typeof value === 'number') return String(value)
  if (!COPY_SPECIAL.test(value)) return value
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'
  )
}

/** Rows in COPY text format. */
export function copyText(rows: StagingValue[][]): string {
  let text = ''
  for (const values of rows) text += values.map(copyValue).join('\t') + '\n'
  return text
}

export class CopySink implements StagingSink {
  #stream: Writable
  #done: Promise<void>
  #failure: Error | null = null
  #buffer = ''

  constructor(client: pg.ClientBase, table: string, columns: readonly string[]) {
    this.#stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
    this.#done = new Promise<void>((resolve, reject) => {
      this.#stream.on('finish', () => resolve())
      this.#stream.on('error', (error) => {
        this.#failure = error
        reject(error)
      })
    })
    this.#done.catch(() => {})
  }

  async add(values: StagingValue[]) {
    this.#buffer += values.map(copyValue).join('\t') + '\n'
    if (this.#buffer.length >= FLUSH_BYTES) await this.#flush()
  }

  /** Appends rows already in COPY text format (see `copyText`). */
  async addText(text: string) {
    this.#buffer += text
    if (this.#buffer.length >= FLUSH_BYTES) await this.#flush()
  }

  async #flush() {
    if (this.#failure) throw this.#failure
    if (this.#buffer === '') return
    const chunk = this.#buffer
    this.#buffer = ''
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain')
  }

  async close() {
    await this.#flush()
    this.#stream.end()
    await this.#done
  }
}

export function openStagingSink(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[]
): StagingSink {
  return new CopySink(client, table, columns)
}
