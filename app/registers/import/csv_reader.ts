/**
 * Streaming RFC 4180 reader for register exchange files. Yields one event per record: the
 * fields with the line the record starts on, or an error (non-UTF-8 bytes, unbalanced quotes)
 * with the line and 1-based column. Accepts a UTF-8 BOM, CRLF line ends and quoted commas,
 * quotes and line breaks. Memory stays flat: only the current record is held.
 *
 * A quoted field left open does not swallow the rest of the file: after MAX_RECORD_LINES
 * physical lines (or at the end of the file) the record is reported as unbalanced and the lines
 * after its first line are read again as records of their own.
 */
export type CsvErrorReason = 'non_utf8' | 'unbalanced_quotes'

export type CsvEvent =
  | { kind: 'row'; line: number; fields: string[] }
  | { kind: 'error'; line: number; column: number | null; reason: CsvErrorReason }

export const MAX_RECORD_LINES = 20

interface PhysicalLine {
  line: number
  text: string | null
}

type ScanResult = 'done' | 'open' | { column: number }

class RecordParser {
  #pending: PhysicalLine[] = []
  #fields: string[] = []
  #field = ''
  #inQuotes = false
  #afterQuote = false
  #openColumn = 1

  /** True while a quoted field spans lines. */
  get pending() {
    return this.#pending.length > 0
  }

  #reset() {
    this.#fields = []
    this.#field = ''
    this.#inQuotes = false
    this.#afterQuote = false
  }

  *feed(first: PhysicalLine): Generator<CsvEvent> {
    const queue: PhysicalLine[] = [first]
    while (queue.length > 0) {
      const item = queue.shift()!
      if (this.#pending.length === 0) {
        if (item.text === null) {
          yield { kind: 'error', line: item.line, column: null, reason: 'non_utf8' }
          continue
        }
        if (item.text === '') continue
        this.#reset()
      } else if (item.text === null) {
        yield this.#unbalanced()
        queue.unshift(...this.#pending.slice(1), item)
        this.#pending = []
        continue
      } else {
        this.#field += '\n'
      }
      this.#pending.push(item)
      const result = this.#scan(item.text)
      if (result === 'open') {
        if (this.#pending.length >= MAX_RECORD_LINES) {
          yield this.#unbalanced()
          queue.unshift(...this.#pending.slice(1))
          this.#pending = []
        }
        continue
      }
      const line = this.#pending[0].line
      this.#pending = []
      if (result === 'done') {
        yield { kind: 'row', line, fields: this.#fields }
      } else {
        yield { kind: 'error', line, column: result.column, reason: 'unbalanced_quotes' }
      }
    }
  }

  *finish(): Generator<CsvEvent> {
    while (this.#pending.length > 0) {
      const rest = this.#pending.slice(1)
      yield this.#unbalanced()
      this.#pending = []
      for (const item of rest) yield* this.feed(item)
    }
  }

  #unbalanced(): CsvEvent {
    return {
      kind: 'error',
      line: this.#pending[0].line,
      column: this.#openColumn,
      reason: 'unbalanced_quotes',
    }
  }

  #scan(text: string): ScanResult {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.#inQuotes) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            this.#field += '"'
            i++
          } else {
            this.#inQuotes = false
            this.#afterQuote = true
          }
        } else {
          this.#field += text[i]
        }
      } else if (c === 44) {
        this.#fields.push(this.#field)
        this.#field = ''
        this.#afterQuote = false
      } else if (c === 34) {
        if (this.#field !== '' || this.#afterQuote) return { column: this.#fields.length + 1 }
        this.#inQuotes = true
        this.#openColumn = this.#fields.length + 1
      } else if (this.#afterQuote) {
        return { column: this.#fields.length + 1 }
      } else {
        this.#field += text[i]
      }
    }
    if (this.#inQuotes) return 'open'
    this.#fields.push(this.#field)
    return 'done'
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true })
// Whole chunks: keeps every BOM, so `trimLine` strips exactly what `decodeLine` would.
const chunkDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function decodeLine(bytes: Uint8Array, first: boolean): string | null {
  let end = bytes.length
  if (end > 0 && bytes[end - 1] === 13) end--
  let start = 0
  if (first && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  try {
    return decoder.decode(bytes.subarray(start, end))
  } catch {
    return null
  }
}

/**
 * One line decoded out of a whole decoded chunk, exactly as `decodeLine` would have: the CR
 * dropped, and the BOM `decode` strips at the start of each call (plus the one skipped by hand
 * on line 1).
 */
function trimLine(text: string, first: boolean): string {
  let start = 0
  let end = text.length
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--
  if (first && text.charCodeAt(0) === 0xfeff) start++
  if (text.charCodeAt(start) === 0xfeff) start++
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

/**
 * The records of a source in batches (one batch per chunk read): the same events as `readCsv`
 * without one generator step per record. A chunk that decodes as UTF-8 as a whole is split in
 * string space, and a line without quotes outside a pending record is split on commas.
 */
export async function* readCsvBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
): AsyncGenerator<CsvEvent[]> {
  const parser = new RecordParser()
  let carry: Buffer | null = null
  let lineNo = 0
  const feed = (events: CsvEvent[], line: number, text: string | null) => {
    if (text !== null && !parser.pending && text.indexOf('"') === -1) {
      if (text !== '') events.push({ kind: 'row', line, fields: text.split(',') })
      return
    }
    for (const event of parser.feed({ line, text })) events.push(event)
  }
  for await (const chunk of source) {
    let buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (carry) buffer = Buffer.concat([carry, buffer])
    carry = null
    const events: CsvEvent[] = []
    const last = buffer.lastIndexOf(10)
    let decoded: string | null = null
    if (last !== -1) {
      try {
        decoded = chunkDecoder.decode(buffer.subarray(0, last))
      } catch {
        decoded = null
      }
    }
    if (decoded !== null) {
      let start = 0
      for (;;) {
        const nl = decoded.indexOf('\n', start)
        const text = nl === -1 ? decoded.slice(start) : decoded.slice(start, nl)
        lineNo++
        feed(events, lineNo, trimLine(text, lineNo === 1))
        if (nl === -1) break
        start = nl + 1
      }
    } else {
      let start = 0
      for (let nl = buffer.indexOf(10); nl !== -1; nl = buffer.indexOf(10, start)) {
        lineNo++
        feed(events, lineNo, decodeLine(buffer.subarray(start, nl), lineNo === 1))
        start = nl + 1
      }
    }
    if (last + 1 < buffer.length) carry = Buffer.from(buffer.subarray(last + 1))
    if (events.length > 0) yield events
  }
  const events: CsvEvent[] = []
  if (carry) {
    lineNo++
    feed(events, lineNo, decodeLine(carry, lineNo === 1))
  }
  for (const event of parser.finish()) events.push(event)
  if (events.length > 0) yield events
}

export async function* readCsv(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
): AsyncGenerator<CsvEvent> {
  for await (const batch of readCsvBatches(source)) yield* batch
}
