/**
 * A small seeded PRNG (sfc32, seeded from a string through cyrb128), so that a seed gives the
 * same population on every machine and Node version. Not for anything secret.
 */
function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

export class Random {
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(seed: string) {
    ;[this.#a, this.#b, this.#c, this.#d] = cyrb128(seed)
    for (let i = 0; i < 15; i++) this.next()
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296
  }

  /** Uniform integer in [0, n) for n up to 2^53. */
  int(n: number): number {
    if (n <= 4294967296) return Math.floor(this.float() * n)
    return Math.floor(((this.next() * 2097152 + (this.next() >>> 11)) / 9007199254740992) * n)
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  /** Index drawn by weight, given cumulative weights (last element = total). */
  weighted(totals: Float64Array | readonly number[]): number {
    const target = this.float() * totals[totals.length - 1]
    let lo = 0
    let hi = totals.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (totals[mid] > target) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, i) => (out[i] = sum += w))
  return out
}
