// fingerprint: text fingerprints for copy detection — an exact hash of the normalised body,
// word shingles, and MinHash signatures whose banded LSH keys find near-duplicates by
// lookup (a hash-table probe per band), never by comparing against every stored article.
import { createHash } from 'node:crypto';
import { words } from './text.ts';

/** Words per shingle: five keeps shared phrases ("the prime minister said on") rare across distinct articles. */
export const SHINGLE_WORDS = 5;
/** MinHash functions per signature (bands × rows). */
export const NUM_HASHES = 128;
/** 32 bands of 4 rows: pairs with shingle Jaccard ≈ 0.45 or more collide in some band with high probability. */
export const LSH_BANDS = 32;
export const LSH_ROWS = NUM_HASHES / LSH_BANDS;

/** Normalised word sequence of a body: quotes, dashes, case, accents and whitespace no longer matter. */
export function normalisedWords(body: string): string[] {
  return words(body);
}

/** SHA-1 (hex) of the normalised body (or its normalised words): equal for copies differing only in whitespace, case or quote style. */
export function exactHash(body: string | string[]): string {
  const list = typeof body === 'string' ? normalisedWords(body) : body;
  return createHash('sha1').update(list.join(' ')).digest('hex');
}

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit integer mixer (the finaliser of MurmurHash3): a cheap, well-spread permutation. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Per-function seeds, fixed so signatures stored today compare with those computed tomorrow. */
const SEEDS = Uint32Array.from({ length: NUM_HASHES }, (_, i) => mix(0x9e3779b9 * (i + 1)));

/** Hashed word shingles of a body (a set). Fewer words than a shingle: one shingle of all of them. */
export function shingles(wordList: string[], size = SHINGLE_WORDS): Set<number> {
  const out = new Set<number>();
  if (wordList.length === 0) return out;
  // Each word is hashed once; a shingle's hash chains its words' hashes (no string joins).
  const wh = wordList.map(fnv1a);
  const n = Math.max(1, wh.length - size + 1);
  for (let i = 0; i < n; i++) {
    let h = size;
    for (let k = i; k < Math.min(i + size, wh.length); k++) h = mix(h ^ wh[k]!) + k - i;
    out.add(h >>> 0);
  }
  return out;
}

/** MinHash signature of a shingle set: the minimum of each seeded hash over the set. */
export function minhash(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const sh of set) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = mix(sh ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Share of agreeing signature slots between `a` and the signature stored in `b` from
 * `offset` on (the index keeps signatures side by side in chunks): an unbiased estimate of
 * the shingle sets' Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array, offset = 0): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[offset + i]) same++;
  return same / NUM_HASHES;
}

/**
 * Band keys stay below 2^30 so a JavaScript engine stores them as small integers, not boxed
 * numbers or strings (about 3 KB less per indexed article over 32 bands). Two more bits
 * would only spare a few chance collisions, and every candidate is checked on its signature.
 */
const BAND_KEY_MASK = 0x3fffffff;

/** LSH keys of a signature: for each band (its index), a hash of its rows. Look keys up per band. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < LSH_ROWS; r++) h = mix(h ^ sig[b * LSH_ROWS + r]!);
    keys.push(h & BAND_KEY_MASK);
  }
  return keys;
}
