import { OPEN } from '#decisions/index/days'

const EMPTY = 0
const DELETED = 0xffffffff
const MAX_LOAD = 0.7

/** The first 64 bits of an identifier's keyed hash (hex), as two unsigned 32-bit halves. */
export function hashKey(valueHash: string): [number, number] {
  return [Number.parseInt(valueHash.slice(0, 8), 16), Number.parseInt(valueHash.slice(8, 16), 16)]
}

/**
 * Identifier hash → (person, first day, last day), open addressing with linear probing over
 * parallel typed arrays: 16 bytes a slot and no object per identifier. The key is the first
 * 64 bits of the keyed hash: with 3 M identifiers a random unknown value matches one with a
 * probability of about 1.6 × 10⁻¹³. A person id of 0 marks an empty slot (register person ids
 * start at 1).
 */
export class IdentifierTable {
  #capacity: number
  #mask: number
  #hi: Uint32Array
  #lo: Uint32Array
  #person: Uint32Array
  #from: Uint16Array
  #to: Uint16Array
  #used = 0
  #size = 0

  constructor(expected = 1024) {
    this.#capacity = capacityFor(expected)
    this.#mask = this.#capacity - 1
    this.#hi = new Uint32Array(this.#capacity)
    this.#lo = new Uint32Array(this.#capacity)
    this.#person = new Uint32Array(this.#capacity)
    this.#from = new Uint16Array(this.#capacity)
    this.#to = new Uint16Array(this.#capacity)
  }

  get size() {
    return this.#size
  }

  get bytes() {
    return this.#capacity * 16
  }

  /** The slot of the key, or -1. */
  find(hi: number, lo: number): number {
    let slot = mix(hi, lo) & this.#mask
    const person = this.#person
    for (;;) {
      const p = person[slot]
      if (p === EMPTY) return -1
      if (p !== DELETED && this.#lo[slot] === lo && this.#hi[slot] === hi) return slot
      slot = (slot + 1) & this.#mask
    }
  }

  /** The person the identifier means on the day, or 0. */
  personOn(hi: number, lo: number, day: number): number {
    const slot = this.find(hi, lo)
    if (slot < 0 || this.#from[slot] > day) return 0
    const to = this.#to[slot]
    return to !== OPEN && to < day ? 0 : this.#person[slot]
  }

  set(hi: number, lo: number, personId: number, from: number, to: number) {
    if (personId <= 0 || personId >= DELETED) throw new RangeError(`person id ${personId}`)
    const existing = this.find(hi, lo)
    if (existing >= 0) return this.#write(existing, hi, lo, personId, from, to)
    if ((this.#used + 1) / this.#capacity > MAX_LOAD) this.#grow()
    let slot = mix(hi, lo) & this.#mask
    while (this.#person[slot] !== EMPTY && this.#person[slot] !== DELETED) {
      slot = (slot + 1) & this.#mask
    }
    if (this.#person[slot] === EMPTY) this.#used++
    this.#size++
    this.#write(slot, hi, lo, personId, from, to)
  }

  delete(hi: number, lo: number) {
    const slot = this.find(hi, lo)
    if (slot < 0) return
    this.#person[slot] = DELETED
    this.#size--
  }

  #write(slot: number, hi: number, lo: number, personId: number, from: number, to: number) {
    this.#hi[slot] = hi
    this.#lo[slot] = lo
    this.#person[slot] = personId
    this.#from[slot] = from
    this.#to[slot] = to
  }

  #grow() {
    const old = {
      hi: this.#hi,
      lo: this.#lo,
      person: this.#person,
      from: this.#from,
      to: this.#to,
    }
    const next = new IdentifierTable(Math.max(this.#size * 2, 1024))
    for (let slot = 0; slot < old.person.length; slot++) {
      const p = old.person[slot]
      if (p !== EMPTY && p !== DELETED) {
        next.set(old.hi[slot], old.lo[slot], p, old.from[slot], old.to[slot])
      }
    }
    this.#capacity = next.#capacity
    this.#mask = next.#mask
    this.#hi = next.#hi
    this.#lo = next.#lo
    this.#person = next.#person
    this.#from = next.#from
    this.#to = next.#to
    this.#used = next.#used
    this.#size = next.#size
  }
}

/** A power of two that keeps `expected` keys under the load limit. */
export function capacityFor(expected: number) {
  let capacity = 1024
  while (expected / capacity > MAX_LOAD) capacity *= 2
  return capacity
}

/** The key's halves are already uniform (HMAC output): a cheap fold suffices. */
function mix(hi: number, lo: number) {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0
}
