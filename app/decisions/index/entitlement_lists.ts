const NONE = -1
const MAX_LOAD = 0.7

/** One current entitlement as the index keeps it. */
export interface IndexedEntitlement {
  /** The benefit's slot in the catalogue snapshot (see CatalogueSnapshot.slotOf). */
  benefit: number
  /** First and last day (days.ts; last may be OPEN). */
  from: number
  to: number
}

/**
 * Person → their current entitlements, as linked lists in typed arrays: a person table (open
 * addressing, 8 bytes a slot) points at the first of the person's records (10 bytes each:
 * benefit slot, first day, last day, next). Replacing a person's list puts the old records on
 * a free list, so a refresh allocates nothing once the pool is large enough.
 */
export class EntitlementLists {
  #mask: number
  #keys: Uint32Array
  #heads: Int32Array
  #persons = 0
  #benefit: Uint16Array
  #from: Uint16Array
  #to: Uint16Array
  #next: Int32Array
  #top = 0
  #free = NONE
  #records = 0

  constructor(expectedPersons = 1024, expectedRecords = 1024) {
    let capacity = 1024
    while (expectedPersons / capacity > MAX_LOAD) capacity *= 2
    this.#mask = capacity - 1
    this.#keys = new Uint32Array(capacity)
    this.#heads = new Int32Array(capacity).fill(NONE)
    const pool = Math.max(1024, expectedRecords)
    this.#benefit = new Uint16Array(pool)
    this.#from = new Uint16Array(pool)
    this.#to = new Uint16Array(pool)
    this.#next = new Int32Array(pool)
  }

  get records() {
    return this.#records
  }

  get bytes() {
    return this.#keys.length * 8 + this.#next.length * 10
  }

  /** The first record of the person's list, or -1. */
  head(personId: number): number {
    let slot = Math.imul(personId, 0x9e3779b1) & this.#mask
    for (;;) {
      const key = this.#keys[slot]
      if (key === personId) return this.#heads[slot]
      if (key === 0) return NONE
      slot = (slot + 1) & this.#mask
    }
  }

  next(record: number) {
    return this.#next[record]
  }
  benefitOf(record: number) {
    return this.#benefit[record]
  }
  fromOf(record: number) {
    return this.#from[record]
  }
  toOf(record: number) {
    return this.#to[record]
  }

  /** Replaces the person's entitlements (an empty list removes them). */
  replace(personId: number, entitlements: IndexedEntitlement[]) {
    const slot = this.#slotFor(personId)
    for (let r = this.#heads[slot]; r !== NONE;) {
      const following = this.#next[r]
      this.#next[r] = this.#free
      this.#free = r
      this.#records--
      r = following
    }
    let head = NONE
    for (let i = entitlements.length - 1; i >= 0; i--) {
      const record = this.#allocate()
      const e = entitlements[i]
      this.#benefit[record] = e.benefit
      this.#from[record] = e.from
      this.#to[record] = e.to
      this.#next[record] = head
      head = record
    }
    this.#heads[slot] = head
  }

  #slotFor(personId: number): number {
    if ((this.#persons + 1) / this.#keys.length > MAX_LOAD) this.#growPersons()
    let slot = Math.imul(personId, 0x9e3779b1) & this.#mask
    for (;;) {
      const key = this.#keys[slot]
      if (key === personId) return slot
      if (key === 0) {
        this.#keys[slot] = personId
        this.#persons++
        return slot
      }
      slot = (slot + 1) & this.#mask
    }
  }

  #allocate(): number {
    this.#records++
    if (this.#free !== NONE) {
      const record = this.#free
      this.#free = this.#next[record]
      return record
    }
    if (this.#top === this.#next.length) this.#growPool()
    return this.#top++
  }

  #growPersons() {
    const keys = this.#keys
    const heads = this.#heads
    const capacity = keys.length * 2
    this.#mask = capacity - 1
    this.#keys = new Uint32Array(capacity)
    this.#heads = new Int32Array(capacity).fill(NONE)
    for (const [old, key] of keys.entries()) {
      if (key === 0) continue
      let slot = Math.imul(key, 0x9e3779b1) & this.#mask
      while (this.#keys[slot] !== 0) slot = (slot + 1) & this.#mask
      this.#keys[slot] = key
      this.#heads[slot] = heads[old]
    }
  }

  #growPool() {
    const size = this.#next.length * 2
    const grow = <T extends Uint16Array | Int32Array>(array: T, make: (n: number) => T) => {
      const bigger = make(size)
      bigger.set(array)
      return bigger
    }
    this.#benefit = grow(this.#benefit, (n) => new Uint16Array(n))
    this.#from = grow(this.#from, (n) => new Uint16Array(n))
    this.#to = grow(this.#to, (n) => new Uint16Array(n))
    this.#next = grow(this.#next, (n) => new Int32Array(n))
  }
}
