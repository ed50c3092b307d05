import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'

const FLUSH_AT = 1 << 20
const NEEDS_QUOTES = /[",\r\n]/

/** RFC 4180 field: quoted only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * Appends CSV lines to a file in ~1 MiB chunks, honouring back-pressure so memory stays flat.
 * Counts lines (the header is line 1) so planted bad rows can be reported by line number.
 */
export class CsvWriter {
  #stream: WriteStream
  #buffer = ''
  #lines = 0

  constructor(path: string, header: string) {
    this.#stream = createWriteStream(path, { highWaterMark: FLUSH_AT })
    this.line(header)
  }

  /** Number of lines written so far; the next line gets number `lines + 1`. */
  get lines() {
    return this.#lines
  }

  /** Appends one line (without its line break). Call `maybeFlush` regularly. */
  line(text: string) {
    this.#buffer += text + '\n'
    this.#lines++
  }

  /** Appends raw bytes as one line, for planting encodings that a JS string cannot hold. */
  async rawLine(bytes: Buffer) {
    await this.flush()
    await this.#write(Buffer.concat([bytes, Buffer.from('\n')]))
    this.#lines++
  }

  async maybeFlush() {
    if (this.#buffer.length >= FLUSH_AT) await this.flush()
  }

  async flush() {
    if (this.#buffer.length === 0) return
    const chunk = this.#buffer
    this.#buffer = ''
    await this.#write(chunk)
  }

  async close() {
    await this.flush()
    this.#stream.end()
    await once(this.#stream, 'close')
  }

  async #write(chunk: string | Buffer) {
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain')
  }
}
