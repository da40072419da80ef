// The duplicate index's band table (open addressing, backward-shift deletion) must behave
// exactly like a Map under any mix of inserts, updates and deletes — including keys that
// collide on their home slot and wrap around the end of the table, and growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandTable } from '../../src/stories/duplicates.ts';

/** A small deterministic generator (the test must fail the same way every time). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const [name, keyOf] of [
  // Keys that share home slots (multiples of the table size) and sit at its end, so probe runs wrap.
  ['colliding keys', (r: () => number) => (Math.floor(r() * 40) * 1024 + 1020 + Math.floor(r() * 8)) % (1 << 30)],
  ['spread keys', (r: () => number) => Math.floor(r() * (1 << 30))],
] as const) {
  test(`band table agrees with a Map: ${name}, 20,000 operations with growth`, () => {
    const r = rng(name.length);
    const table = new BandTable();
    const map = new Map<number, number>();
    const seen: number[] = [];
    for (let op = 0; op < 20_000; op++) {
      const x = r();
      if (x < 0.55 || seen.length === 0) {
        const key = keyOf(r);
        const slot = op;
        table.setHead(key, slot);
        map.set(key, slot);
        seen.push(key);
      } else if (x < 0.85) {
        const key = seen[Math.floor(r() * seen.length)]!;
        table.delete(key);
        map.delete(key);
      } else {
        const key = r() < 0.8 ? seen[Math.floor(r() * seen.length)]! : keyOf(r);
        assert.equal(table.head(key), map.get(key) ?? -1, `lookup of ${key} after ${op} operations`);
      }
    }
    for (const key of new Set(seen)) assert.equal(table.head(key), map.get(key) ?? -1, `final lookup of ${key}`);
  });
}
