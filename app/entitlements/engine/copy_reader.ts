import { USABLE_IDENTIFIER_STATUSES } from '#platform/identifiers/identifier_types'
import {
  typedFactValue,
  type CalendarDate,
  type FactPeriod,
  type FactValue,
  type Period,
  type PersonFacts,
} from '#eligibility/main'
import type { EnginePerson, LoadOptions } from '#entitlements/engine/person_facts'
import type { Sql } from '#entitlements/engine/sql'

/*
 * The persons of an id range read with `COPY (SELECT …) TO STDOUT` and parsed by hand, one
 * person at a time, into one reused EnginePerson: no row objects from the driver, and the
 * facts, periods and lists of a person are recycled for the next one. A full run reads
 * millions of facts; this keeps the reading cheap and the garbage collector idle.
 *
 * The reused person is valid until the next call of `next()`: evaluate it before moving on.
 */

const TAB = 9
const NEWLINE = 10
const BACKSLASH = 92
const DASH = 45
const ZERO = 48

/** Statuses of an identification means that count for has_identifier() (as loadPersons). */
const USABLE_STATUSES = `(${USABLE_IDENTIFIER_STATUSES.map((status) => `'${status}'`).join(',')})`

const NO_VALUE = Symbol('no value')

function unescapeCopy(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) =>
    c === 't'
      ? '\t'
      : c === 'n'
        ? '\n'
        : c === 'r'
          ? '\r'
          : c === 'b'
            ? '\b'
            : c === 'f'
              ? '\f'
              : c === 'v'
                ? '\v'
                : c
  )
}

/** A cursor over the lines of a COPY text buffer. */
class Lines {
  position = 0
  constructor(readonly buffer: Buffer) {}

  get done() {
    return this.position >= this.buffer.length
  }

  /** The leading integer of the current line (a person id), or Infinity at the end. */
  peekId(): number {
    const buffer = this.buffer
    let i = this.position
    if (i >= buffer.length) return Number.POSITIVE_INFINITY
    let value = 0
    for (let c = buffer[i]; c !== TAB && c !== NEWLINE; c = buffer[++i])
      value = value * 10 + c - ZERO
    return value
  }

  int(): number {
    const buffer = this.buffer
    let i = this.position
    let value = 0
    let negative = false
    if (buffer[i] === DASH) {
      negative = true
      i++
    }
    for (let c = buffer[i]; c !== TAB && c !== NEWLINE; c = buffer[++i])
      value = value * 10 + c - ZERO
    this.position = i + 1
    return negative ? -value : value
  }

  /** Whether the current field is NULL (`\N`); consumes it when it is. */
  isNull(): boolean {
    const buffer = this.buffer
    const i = this.position
    if (buffer[i] === BACKSLASH && buffer[i + 1] === 78) {
      this.position = i + 3
      return true
    }
    return false
  }

  /** A field as text (UTF-8, COPY escapes undone). */
  text(): string {
    const buffer = this.buffer
    const start = this.position
    let i = start
    let escaped = false
    for (let c = buffer[i]; c !== TAB && c !== NEWLINE; c = buffer[++i]) {
      if (c === BACKSLASH) {
        escaped = true
        i++
      }
    }
    this.position = i + 1
    const text = buffer.toString('utf8', start, i)
    return escaped ? unescapeCopy(text) : text
  }

  skipLine() {
    const end = this.buffer.indexOf(NEWLINE, this.position)
    this.position = end < 0 ? this.buffer.length : end + 1
  }
}

/**
 * The lines of a COPY buffer by their leading person id, ascending; lines of one person keep
 * their order in the buffer. PostgreSQL need not sort: a range read comes in table order,
 * which is usually, but not always, person order.
 */
export class LineIndex {
  constructor(
    readonly ids: Float64Array,
    readonly starts: Uint32Array,
    readonly length: number
  ) {}

  static build(buffer: Buffer): LineIndex {
    let count = 0
    for (let i = buffer.indexOf(NEWLINE); i >= 0; i = buffer.indexOf(NEWLINE, i + 1)) count++
    const ids = new Float64Array(count)
    const starts = new Uint32Array(count)
    const lines = new Lines(buffer)
    let sorted = true
    for (let n = 0; n < count; n++) {
      starts[n] = lines.position
      ids[n] = lines.peekId()
      if (n > 0 && ids[n] < ids[n - 1]) sorted = false
      lines.skipLine()
    }
    if (sorted) return new LineIndex(ids, starts, count)
    const order = Array.from({ length: count }, (_, n) => n)
    order.sort((a, b) => ids[a] - ids[b] || a - b)
    const sortedIds = new Float64Array(count)
    const sortedStarts = new Uint32Array(count)
    for (let n = 0; n < count; n++) {
      sortedIds[n] = ids[order[n]]
      sortedStarts[n] = starts[order[n]]
    }
    return new LineIndex(sortedIds, sortedStarts, count)
  }

  /** The first line whose person id is at least `id`. */
  lowerBound(id: number): number {
    let low = 0
    let high = this.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.ids[middle] < id) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** Lines of one table walked person by person through a LineIndex. */
class PersonLines {
  readonly lines: Lines
  #next: number

  constructor(
    buffer: Buffer,
    readonly index: LineIndex,
    fromId = 0
  ) {
    this.lines = new Lines(buffer)
    this.#next = fromId > 0 ? index.lowerBound(fromId) : 0
  }

  /** Positions `lines` on the next line of the person; false when the person has no more. */
  nextOf(id: number): boolean {
    const { ids, starts, length } = this.index
    let n = this.#next
    while (n < length && ids[n] < id) n++
    if (n >= length || ids[n] !== id) {
      this.#next = n
      return false
    }
    this.lines.position = starts[n]
    this.#next = n + 1
    return true
  }
}

/**
 * The list-group memberships of all persons, read once per run: reading them per chunk
 * would join the whole membership table for every chunk. A run evaluates the memberships
 * as they were when it started; later changes reach the persons through incremental passes.
 */
export interface MemberSnapshot {
  buffer: Buffer
  index: LineIndex
}

export async function loadMemberSnapshot(sql: Sql): Promise<MemberSnapshot> {
  const buffer = await sql.copyOut(
    `COPY (SELECT p.id, g.tenant_id, g.key, m.valid_from, m.valid_to
             FROM person_group_members m
             JOIN person_groups g ON g.id = m.group_id AND g.kind = 'list'
             JOIN persons p ON p.code_hash = m.person_code_hash) TO STDOUT`
  )
  return { buffer, index: LineIndex.build(buffer) }
}

/** Calendar dates read from COPY, shared: a run sees few distinct dates. */
class Dates {
  readonly #strings = new Map<number, CalendarDate>()

  /** A `YYYY-MM-DD` field, or null for `\N`. */
  read(lines: Lines): CalendarDate | null {
    if (lines.isNull()) return null
    const buffer = lines.buffer
    const i = lines.position
    if (buffer[i + 10] !== TAB && buffer[i + 10] !== NEWLINE) {
      // Not the ISO form (a year beyond 9999, BC): leave it to the text path.
      return lines.text()
    }
    const key =
      (buffer[i] - ZERO) * 10_000_000 +
      (buffer[i + 1] - ZERO) * 1_000_000 +
      (buffer[i + 2] - ZERO) * 100_000 +
      (buffer[i + 3] - ZERO) * 10_000 +
      (buffer[i + 5] - ZERO) * 1000 +
      (buffer[i + 6] - ZERO) * 100 +
      (buffer[i + 8] - ZERO) * 10 +
      (buffer[i + 9] - ZERO)
    lines.position = i + 11
    let date = this.#strings.get(key)
    if (date === undefined) {
      date = buffer.toString('latin1', i, i + 10)
      if (this.#strings.size < 100_000) this.#strings.set(key, date)
    }
    return date
  }
}

/** Pools of reused objects: taken in order per person, reset for the next one. */
class Pool<T> {
  readonly #items: T[] = []
  #used = 0
  constructor(readonly make: () => T) {}
  take(): T {
    if (this.#used < this.#items.length) return this.#items[this.#used++]
    const item = this.make()
    this.#items.push(item)
    this.#used++
    return item
  }
  reset() {
    this.#used = 0
  }
}

/** A map of lists refilled per person: lists are kept per key and emptied, not re-created. */
class ListMap<T> {
  readonly #lists = new Map<string, T[]>()
  constructor(readonly map: Map<string, T[]>) {}
  push(key: string, value: T): T[] {
    let list = this.map.get(key)
    if (list === undefined) {
      list = this.#lists.get(key)
      if (list === undefined) {
        list = []
        this.#lists.set(key, list)
      } else list.length = 0
      this.map.set(key, list)
    }
    list.push(value)
    return list
  }
  clear() {
    if (this.map.size) this.map.clear()
  }
}

export interface CopyChunk {
  fromId: number
  persons: Buffer
  facts: Buffer
  identifiers: Buffer | null
  members: MemberSnapshot
}

/** The COPY statements that read an id range (ids are integers, checked here). */
export async function readChunk(
  sql: Sql,
  scope: { fromId: number; toId: number },
  options: Pick<LoadOptions, 'identifiers'>,
  members: MemberSnapshot
): Promise<CopyChunk> {
  const from = scope.fromId
  const to = scope.toId
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error('Bad id range')
  const copy = (select: string) => sql.copyOut(`COPY (${select}) TO STDOUT`)
  const persons = await copy(
    `SELECT id, birth_date, death_date FROM persons WHERE id BETWEEN ${from} AND ${to} ORDER BY id`
  )
  const facts = await copy(
    `SELECT person_id, attribute, value, valid_from, valid_to, data_source_id, id FROM facts
      WHERE person_id BETWEEN ${from} AND ${to} AND retracted_at IS NULL`
  )
  const identifiers = options.identifiers
    ? await copy(
        `SELECT person_id, type, valid_from, valid_to FROM person_identifiers
          WHERE person_id BETWEEN ${from} AND ${to} AND retracted_at IS NULL
            AND status IN ${USABLE_STATUSES}`
      )
    : null
  return { fromId: from, persons, facts, identifiers, members }
}

/** Walks the persons of a chunk read by `readChunk`, in id order (see the top of the file). */
export class PersonCursor {
  readonly person: EnginePerson
  readonly #persons: Lines
  readonly #facts: PersonLines
  readonly #members: PersonLines
  readonly #identifiers: PersonLines | null
  readonly #dates = new Dates()
  readonly #factPool = new Pool<FactPeriod>(() => ({
    value: '',
    from: '',
    to: null,
    source: undefined,
  }))
  readonly #periodPool = new Pool<Period>(() => ({ from: '', to: null }))
  readonly #factLists: ListMap<FactPeriod>
  readonly #idLists: ListMap<number>
  readonly #groupLists: ListMap<Period>
  readonly #identifierLists: ListMap<Period>
  readonly #attributes = new Map<string, Map<string, FactValue | typeof NO_VALUE>>()
  readonly #groupKeys = new Map<number, Map<string, string>>()

  constructor(
    chunk: CopyChunk,
    readonly options: Pick<LoadOptions, 'attributes' | 'sources'>
  ) {
    this.#persons = new Lines(chunk.persons)
    this.#facts = new PersonLines(chunk.facts, LineIndex.build(chunk.facts))
    this.#members = new PersonLines(chunk.members.buffer, chunk.members.index, chunk.fromId)
    this.#identifiers = chunk.identifiers
      ? new PersonLines(chunk.identifiers, LineIndex.build(chunk.identifiers))
      : null
    const facts: PersonFacts = {
      birthDate: null,
      deathDate: null,
      facts: new Map(),
      groups: new Map(),
      identifiers: new Map(),
    }
    this.person = { id: 0, codeHash: '', facts, factIds: new Map() }
    this.#factLists = new ListMap(facts.facts)
    this.#idLists = new ListMap(this.person.factIds)
    this.#groupLists = new ListMap(facts.groups)
    this.#identifierLists = new ListMap(facts.identifiers)
  }

  #typed(attribute: string, raw: string): FactValue | typeof NO_VALUE {
    let values = this.#attributes.get(attribute)
    if (values === undefined) {
      values = new Map()
      this.#attributes.set(attribute, values)
    }
    let value = values.get(raw)
    if (value === undefined) {
      value = typedFactValue(this.options.attributes.get(attribute), raw) ?? NO_VALUE
      if (values.size < 10_000) values.set(raw, value)
    }
    return value
  }

  #groupKey(tenantId: number, key: string) {
    let keys = this.#groupKeys.get(tenantId)
    if (keys === undefined) {
      keys = new Map()
      this.#groupKeys.set(tenantId, keys)
    }
    let qualified = keys.get(key)
    if (qualified === undefined) {
      qualified = `${tenantId}:${key}`
      keys.set(key, qualified)
    }
    return qualified
  }

  /** The next person (the same object, refilled), or null after the last one. */
  next(): EnginePerson | null {
    const lines = this.#persons
    if (lines.done) return null
    const person = this.person
    const facts = person.facts
    const dates = this.#dates
    const id = lines.int()
    person.id = id
    facts.birthDate = dates.read(lines)
    facts.deathDate = dates.read(lines)
    this.#factPool.reset()
    this.#periodPool.reset()
    this.#factLists.clear()
    this.#idLists.clear()
    this.#groupLists.clear()
    this.#identifierLists.clear()

    const factLines = this.#facts
    const f = factLines.lines
    while (factLines.nextOf(id)) {
      f.int()
      const attribute = f.text()
      const raw = f.isNull() ? null : f.text()
      const from = dates.read(f)!
      const to = dates.read(f)
      const sourceId = f.int()
      const factId = f.int()
      const value = raw === null ? NO_VALUE : this.#typed(attribute, raw)
      if (value === NO_VALUE) continue
      const fact = this.#factPool.take()
      fact.value = value
      fact.from = from
      fact.to = to
      fact.source = this.options.sources.get(sourceId)
      // A person's facts of an attribute in id order, as the query-based load reads them.
      const list = this.#factLists.push(attribute, fact)
      const ids = this.#idLists.push(attribute, factId)
      for (let i = ids.length - 1; i > 0 && ids[i - 1] > factId; i--) {
        ids[i] = ids[i - 1]
        ids[i - 1] = factId
        list[i] = list[i - 1]
        list[i - 1] = fact
      }
    }

    const memberLines = this.#members
    const m = memberLines.lines
    while (memberLines.nextOf(id)) {
      m.int()
      const tenantId = m.int()
      const key = m.text()
      const period = this.#periodPool.take()
      period.from = dates.read(m)!
      period.to = dates.read(m)
      this.#groupLists.push(this.#groupKey(tenantId, key), period)
    }

    const identifierLines = this.#identifiers
    if (identifierLines) {
      const l = identifierLines.lines
      while (identifierLines.nextOf(id)) {
        l.int()
        const type = l.text()
        const period = this.#periodPool.take()
        period.from = dates.read(l)!
        period.to = dates.read(l)
        this.#identifierLists.push(type, period)
      }
    }
    return person
  }
}
