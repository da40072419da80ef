// demo/random: deterministic randomness for the demo newsroom.
//
// Everything the newsroom generates is derived from a hash of (seed, what, index), never
// from a shared stream, so any one item can be rebuilt on its own (item 99,999 without
// items 0–99,998) and the same seed always gives the same newsroom.

/** 32-bit FNV-1a over the parts joined with a separator, then an avalanche mix so that
 * neighbouring indexes give unrelated values. */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join('\u0001');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small seeded generator (mulberry32): fast, good enough for choosing words. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('demo/random: pick() from an empty list (a content table is empty)');
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A generator seeded from a hash of the parts: `rngFor(seed, 'event', 17)`. */
export function rngFor(...parts: readonly (string | number)[]): Rng {
  return new Rng(hash32(...parts));
}

/** Alternations written inline in content: "the bridge {collapsed|gave way}". */
const ALTERNATION = /\{([^{}]*\|[^{}]*)\}/g;

/** Resolves every "{a|b|c}" in a text with the generator, so each outlet words the same
 * fact its own way while the names and numbers stay put. */
export function vary(text: string, rng: Rng): string {
  return text.replace(ALTERNATION, (_m, body: string) => rng.pick(body.split('|'))).replace(/ {2,}/g, ' ').replace(/ ([,.;:])/g, '$1');
}
