/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32), so the synthetic council is
 * the same every time for the same seed. Math.random is never used.
 *
 * `fork(...keys)` derives an independent stream from this stream's seed and the keys without consuming
 * anything from this stream: each council, family and child gets its own stream, so adding a field to one
 * child's generation does not shift every value generated after it.
 */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  readonly seed: number

  constructor(seed: number) {
    this.seed = seed >>> 0
    let state = this.seed
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = 1
    for (let index = 0; index < 12; index++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** A number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, weight] of entries) total += weight
    let target = this.next() * total
    for (const [value, weight] of entries) {
      target -= weight
      if (target < 0) return value
    }
    const last = entries[entries.length - 1]
    if (last === undefined) throw new Error('Cannot pick from an empty list')
    return last[0]
  }

  /** Standard normal by Box-Muller. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma))
  }

  /** Poisson by inversion for small means, normal approximation for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0
    if (mean > 60) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))))
    const limit = Math.exp(-mean)
    let count = 0
    let product = this.next()
    while (product > limit) {
      count++
      product *= this.next()
    }
    return count
  }

  /** An independent stream keyed by this stream's seed and the keys; this stream is not advanced. */
  fork(...keys: (string | number)[]): Rng {
    let hash = this.seed ^ 0x811c9dc5
    for (const key of keys) {
      const text = `${typeof key}:${key}|`
      for (let index = 0; index < text.length; index++) {
        hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0
      }
    }
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0
    hash = Math.imul(hash ^ (hash >>> 12), 0x297a2d39) >>> 0
    return new Rng((hash ^ (hash >>> 15)) >>> 0)
  }
}
