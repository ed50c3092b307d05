import { OPEN } from '#decisions/index/days'

const EMPTY = 0
const DELETED = 0xffffffff
const MAX_LOAD = 0.7

/** The first 64 bits of an identifier's keyed hash (hex), as two unsigned 32-bit halves. */
export function hashKey(valueHash: string): [number, number] {
  return [Number.parseInt(valueHash.slice(0, 8), 16), Number.parseInt(valueHash.slice(8, 16), 16)]
}

/**
 * Identifier hash → (person, first day, last day), open addressing with linear probing in one
 * Uint32Array of 4 words a slot (key high, key low, person, first day | last day << 16): 16 bytes
 * and one cache line a lookup, no object per identifier. The key is the first 64 bits of the
 * keyed hash: with 3 M identifiers a random unknown value matches one with a probability of
 * about 1.6 × 10⁻¹³. A person id of 0 marks an empty slot (register person ids start at 1).
 */
export class IdentifierTable {
  #capacity: number
  #mask: number
  #slots: Uint32Array
  #used = 0
  #size = 0

  constructor(expected = 1024) {
    this.#capacity = capacityFor(expected)
    this.#mask = this.#capacity - 1
    this.#slots = new Uint32Array(this.#capacity * 4)
  }

  get size() {
    return this.#size
  }

  get bytes() {
    return this.#slots.byteLength
  }

  /** The slot of the key, or -1. */
  find(hi: number, lo: number): number {
    const slots = this.#slots
    let slot = mix(hi, lo) & this.#mask
    for (;;) {
      const at = slot << 2
      const p = slots[at + 2]
      if (p === EMPTY) return -1
      if (p !== DELETED && slots[at + 1] === lo && slots[at] === hi) return slot
      slot = (slot + 1) & this.#mask
    }
  }

  /** The person the identifier means on the day, or 0. */
  personOn(hi: number, lo: number, day: number): number {
    const slot = this.find(hi, lo)
    if (slot < 0) return 0
    const at = slot << 2
    const days = this.#slots[at + 3]
    const to = days >>> 16
    if ((days & 0xffff) > day || (to !== OPEN && to < day)) return 0
    return this.#slots[at + 2]
  }

  set(hi: number, lo: number, personId: number, from: number, to: number) {
    if (personId <= 0 || personId >= DELETED) throw new RangeError(`person id ${personId}`)
    const existing = this.find(hi, lo)
    if (existing >= 0) return this.#write(existing, hi, lo, personId, from, to)
    if ((this.#used + 1) / this.#capacity > MAX_LOAD) this.#grow()
    let slot = mix(hi, lo) & this.#mask
    for (;;) {
      const p = this.#slots[(slot << 2) + 2]
      if (p === EMPTY || p === DELETED) break
      slot = (slot + 1) & this.#mask
    }
    if (this.#slots[(slot << 2) + 2] === EMPTY) this.#used++
    this.#size++
    this.#write(slot, hi, lo, personId, from, to)
  }

  delete(hi: number, lo: number) {
    const slot = this.find(hi, lo)
    if (slot < 0) return
    this.#slots[(slot << 2) + 2] = DELETED
    this.#size--
  }

  #write(slot: number, hi: number, lo: number, personId: number, from: number, to: number) {
    const at = slot << 2
    this.#slots[at] = hi
    this.#slots[at + 1] = lo
    this.#slots[at + 2] = personId
    this.#slots[at + 3] = (from & 0xffff) | ((to & 0xffff) << 16)
  }

  #grow() {
    const old = this.#slots
    const next = new IdentifierTable(Math.max(this.#size * 2, 1024))
    for (let at = 0; at < old.length; at += 4) {
      const p = old[at + 2]
      if (p !== EMPTY && p !== DELETED) {
        next.set(old[at], old[at + 1], p, old[at + 3] & 0xffff, old[at + 3] >>> 16)
      }
    }
    this.#capacity = next.#capacity
    this.#mask = next.#mask
    this.#slots = next.#slots
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
