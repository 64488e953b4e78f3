// A seeded PRNG (mulberry32) so that a seed and an index regenerate the same input anywhere.

/** Derive the 32-bit state of input `index` of a run, so any input is rebuilt without the ones before it. */
export function seedFor(seed: number, index: number): number {
  // Mix both numbers (murmur3's finalizer) so neighbouring indexes start far apart.
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1): mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Pick by weight: `[[weight, item], …]`. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    const total = items.reduce((sum, [weight]) => sum + weight, 0)
    let left = this.next() * total
    for (const [weight, item] of items) {
      left -= weight
      if (left < 0) return item
    }
    return (items[items.length - 1] as readonly [number, T])[1]
  }
}
