const NONE = -1
const MAX_LOAD = 0.7

/** One current entitlement as the index keeps it. */
export interface IndexedEntitlement {
  /** The benefit's slot in the catalogue snapshot (see BenefitSlots). */
  benefit: number
  /** First and last day (days.ts; last may be OPEN). */
  from: number
  to: number
}

/**
 * Person → their current entitlements, as linked lists in typed arrays: a person table (open
 * addressing, [person id, first record] pairs, 8 bytes a slot) points at the first of the
 * person's records (3 words, 12 bytes: benefit slot | first day << 16, last day, next).
 * Interleaved so that a lookup touches one cache line per table. Replacing a person's list puts
 * the old records on a free list, so a refresh allocates nothing once the pool is large enough.
 */
export class EntitlementLists {
  #mask: number
  #persons: Int32Array
  #count = 0
  #pool: Int32Array
  #top = 0
  #free = NONE
  #records = 0

  constructor(expectedPersons = 1024, expectedRecords = 1024) {
    let capacity = 1024
    while (expectedPersons / capacity > MAX_LOAD) capacity *= 2
    this.#mask = capacity - 1
    this.#persons = newPersonTable(capacity)
    this.#pool = new Int32Array(Math.max(1024, expectedRecords) * 3)
  }

  get records() {
    return this.#records
  }

  get bytes() {
    return this.#persons.byteLength + this.#pool.byteLength
  }

  /** The first record of the person's list, or -1. */
  head(personId: number): number {
    const persons = this.#persons
    let slot = Math.imul(personId, 0x9e3779b1) & this.#mask
    for (;;) {
      const key = persons[slot << 1]
      if (key === personId) return persons[(slot << 1) + 1]
      if (key === 0) return NONE
      slot = (slot + 1) & this.#mask
    }
  }

  next(record: number) {
    return this.#pool[record * 3 + 2]
  }
  benefitOf(record: number) {
    return this.#pool[record * 3] & 0xffff
  }
  fromOf(record: number) {
    return this.#pool[record * 3] >>> 16
  }
  toOf(record: number) {
    return this.#pool[record * 3 + 1]
  }

  /** Replaces the person's entitlements (an empty list removes them). */
  replace(personId: number, entitlements: IndexedEntitlement[]) {
    const slot = this.#slotFor(personId)
    const pool = this.#pool
    for (let r = this.#persons[(slot << 1) + 1]; r !== NONE;) {
      const following = pool[r * 3 + 2]
      pool[r * 3 + 2] = this.#free
      this.#free = r
      this.#records--
      r = following
    }
    let head = NONE
    for (let i = entitlements.length - 1; i >= 0; i--) {
      const record = this.#allocate()
      const e = entitlements[i]
      this.#pool[record * 3] = (e.benefit & 0xffff) | ((e.from & 0xffff) << 16)
      this.#pool[record * 3 + 1] = e.to
      this.#pool[record * 3 + 2] = head
      head = record
    }
    this.#persons[(slot << 1) + 1] = head
  }

  #slotFor(personId: number): number {
    if ((this.#count + 1) / (this.#mask + 1) > MAX_LOAD) this.#growPersons()
    const persons = this.#persons
    let slot = Math.imul(personId, 0x9e3779b1) & this.#mask
    for (;;) {
      const key = persons[slot << 1]
      if (key === personId) return slot
      if (key === 0) {
        persons[slot << 1] = personId
        this.#count++
        return slot
      }
      slot = (slot + 1) & this.#mask
    }
  }

  #allocate(): number {
    this.#records++
    if (this.#free !== NONE) {
      const record = this.#free
      this.#free = this.#pool[record * 3 + 2]
      return record
    }
    if ((this.#top + 1) * 3 > this.#pool.length) {
      const bigger = new Int32Array(this.#pool.length * 2)
      bigger.set(this.#pool)
      this.#pool = bigger
    }
    return this.#top++
  }

  #growPersons() {
    const old = this.#persons
    const capacity = (this.#mask + 1) * 2
    this.#mask = capacity - 1
    this.#persons = newPersonTable(capacity)
    for (let at = 0; at < old.length; at += 2) {
      const key = old[at]
      if (key === 0) continue
      let slot = Math.imul(key, 0x9e3779b1) & this.#mask
      while (this.#persons[slot << 1] !== 0) slot = (slot + 1) & this.#mask
      this.#persons[slot << 1] = key
      this.#persons[(slot << 1) + 1] = old[at + 1]
    }
  }
}

function newPersonTable(capacity: number) {
  const table = new Int32Array(capacity * 2)
  for (let slot = 0; slot < capacity; slot++) table[(slot << 1) + 1] = NONE
  return table
}
