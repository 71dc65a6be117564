// A small seeded random source. The demo must be reproducible from its seed alone, so nothing here
// touches Math.random or the clock; faker gets its own seeded instance for names and places.

/** sfc32, seeded through splitmix32: fast, 128 bits of state, good enough for synthetic data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.float();
  }

  /** Uniform in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Whole number in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** One key of a weight table ({ NEG: 50, EMO: 33, ... }); weights need not sum to 1. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>> | WeightTable<K>): K {
    if (weights instanceof WeightTable) return weights.keyAt(this.float());
    // Two passes over the keys, allocating nothing: most tables are small literals made per call.
    let total = 0;
    for (const k in weights) total += weights[k] as number;
    let r = this.float() * total;
    let last = '';
    for (const k in weights) {
      r -= weights[k] as number;
      last = k;
      if (r < 0) return k;
    }
    return last as K;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count with mean `lambda` (Knuth; fine for the small means used here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k += 1;
      p *= this.float();
    } while (p > l);
    return k - 1;
  }

  /** `k` distinct items from `items`, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
}

/** A large weight table prepared once (cumulative shares, binary search) for the hottest draws. */
export class WeightTable<K extends string> {
  private readonly keys: K[] = [];
  private readonly cumulative: number[] = [];

  constructor(weights: Readonly<Partial<Record<K, number>>>) {
    let total = 0;
    for (const k in weights) {
      total += weights[k] as number;
      this.keys.push(k);
      this.cumulative.push(total);
    }
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= total;
  }

  keyAt(u: number): K {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < this.cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.keys[lo]!;
  }
}
