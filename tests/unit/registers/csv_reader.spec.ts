import { test } from '@japa/runner'
import { MAX_RECORD_LINES, readCsv, type CsvEvent } from '#registers/import/csv_reader'

async function read(input: string | Buffer, chunkSize = 0): Promise<CsvEvent[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  async function* chunks() {
    if (chunkSize === 0) {
      yield bytes
      return
    }
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize)
  }
  const events: CsvEvent[] = []
  for await (const event of readCsv(chunks())) events.push(event)
  return events
}

const row = (line: number, ...fields: string[]): CsvEvent => ({ kind: 'row', line, fields })

test.group('CSV reader', () => {
  test('reads plain rows with line numbers', async ({ assert }) => {
    assert.deepEqual(await read('a,b\n1,2\n'), [row(1, 'a', 'b'), row(2, '1', '2')])
  })

  test('accepts a BOM, CRLF line ends and a missing final line break', async ({ assert }) => {
    assert.deepEqual(await read('\ufeffa,b\r\n1,2\r\n3,'), [
      row(1, 'a', 'b'),
      row(2, '1', '2'),
      row(3, '3', ''),
    ])
  })

  test('reads quoted commas, doubled quotes and line breaks inside quotes', async ({ assert }) => {
    assert.deepEqual(await read('"a,b","say ""hi""","two\nlines",x\nnext,1\n'), [
      row(1, 'a,b', 'say "hi"', 'two\nlines', 'x'),
      row(3, 'next', '1'),
    ])
  })

  test('gives the same result whatever the chunk size, even inside a letter', async ({
    assert,
  }) => {
    const text = 'ā,"Ķekavas novads, ""x"""\r\nž,\n'
    const whole = await read(text)
    for (const size of [1, 2, 3, 5]) assert.deepEqual(await read(text, size), whole)
  })

  test('skips blank lines', async ({ assert }) => {
    assert.deepEqual(await read('a\n\nb\n'), [row(1, 'a'), row(3, 'b')])
  })

  test('reports a stray quote in an unquoted field with its column', async ({ assert }) => {
    assert.deepEqual(await read('a,b\nx,Jā"nis,z\nok,1\n'), [
      row(1, 'a', 'b'),
      { kind: 'error', line: 2, column: 2, reason: 'unbalanced_quotes' },
      row(3, 'ok', '1'),
    ])
  })

  test('reports text after a closing quote', async ({ assert }) => {
    const events = await read('"ab"c,d\n')
    assert.deepEqual(events, [{ kind: 'error', line: 1, column: 1, reason: 'unbalanced_quotes' }])
  })

  test('reports a quote left open at the end of the file and keeps the lines after it', async ({
    assert,
  }) => {
    assert.deepEqual(await read('a,b\nx,"open\ny,1\nz,2\n'), [
      row(1, 'a', 'b'),
      { kind: 'error', line: 2, column: 2, reason: 'unbalanced_quotes' },
      row(3, 'y', '1'),
      row(4, 'z', '2'),
    ])
  })

  test('gives up on an open quote after a bounded number of lines', async ({ assert }) => {
    const good = Array.from({ length: MAX_RECORD_LINES + 5 }, (_, i) => `r${i},1`).join('\n')
    const events = await read(`x,"open\n${good}\n"`)
    assert.deepEqual(events[0], { kind: 'error', line: 1, column: 2, reason: 'unbalanced_quotes' })
    assert.deepEqual(events[1], row(2, 'r0', '1'))
    assert.lengthOf(
      events.filter((e) => e.kind === 'row'),
      MAX_RECORD_LINES + 5
    )
  })

  test('reports a line with bytes that are not UTF-8 and reads on', async ({ assert }) => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\nB'),
      Buffer.from([0xe9, 0x72]),
      Buffer.from(',1\nok,2\n'),
    ])
    assert.deepEqual(await read(bytes), [
      row(1, 'a', 'b'),
      { kind: 'error', line: 2, column: null, reason: 'non_utf8' },
      row(3, 'ok', '2'),
    ])
  })
})
