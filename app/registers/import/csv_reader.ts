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

export async function* readCsv(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>
): AsyncGenerator<CsvEvent> {
  const parser = new RecordParser()
  let carry: Buffer | null = null
  let lineNo = 0
  for await (const chunk of source) {
    let buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (carry) buffer = Buffer.concat([carry, buffer])
    carry = null
    let start = 0
    for (let nl = buffer.indexOf(10); nl !== -1; nl = buffer.indexOf(10, start)) {
      lineNo++
      yield* parser.feed({
        line: lineNo,
        text: decodeLine(buffer.subarray(start, nl), lineNo === 1),
      })
      start = nl + 1
    }
    if (start < buffer.length) carry = Buffer.from(buffer.subarray(start))
  }
  if (carry) {
    lineNo++
    yield* parser.feed({ line: lineNo, text: decodeLine(carry, lineNo === 1) })
  }
  yield* parser.finish()
}
