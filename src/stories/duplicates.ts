// duplicates: groups of copies of one text (the same agency story run by many outlets,
// with new headlines, boilerplate, a dropped paragraph or light edits). Exact copies are
// found by the normalised-body hash; near copies by MinHash LSH band lookup, then checked
// on the estimated shingle Jaccard. Each group has a canonical article: an agency's copy if
// there is one, else the earliest.
import { bandKeys, estimatedJaccard, exactHash, LSH_BANDS, minhash, normalisedWords, NUM_HASHES, shingles } from './fingerprint.ts';

export interface DuplicateSettings {
  /** Estimated shingle Jaccard at or above which two bodies are copies of one text. */
  minJaccard: number;
  /** Bodies shorter than this (in words) are only matched exactly: short texts share phrases by chance. */
  minWords: number;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { minJaccard: 0.5, minWords: 25 };

/** News agencies whose copy others republish: their version is the original. */
export const AGENCY_RE =
  /\b(?:associated press|ap|reuters|afp|agence france[- ]presse|dpa|deutsche presse[- ]agentur|pa media|press association|ansa|efe|xinhua|kyodo|anadolu|tass|upi|canadian press|aap|bloomberg)\b/i;

export interface DuplicateInput {
  id: string;
  text?: string | null;
  /** Milliseconds since the epoch (earliest copy is canonical when no agency copy exists). */
  time: number;
  /** Outlet name or host. */
  source?: string | null;
}

export interface DuplicateGroup {
  /** Stable: the id of the first member. */
  key: string;
  canonical: string;
  members: { id: string; time: number; source: string | null; agency: boolean }[];
}

export interface DuplicateResult {
  /** The canonical article of the group this one joined; null when it is the canonical (or unique). */
  duplicateOf: string | null;
  /** Group key, or null when the article has no copies yet. */
  group: string | null;
  /** Similarity to the matched copy (1 for an exact copy). */
  similarity: number;
}

/** The per-band "next article under the same key" links are allocated for this many article slots at a time. */
const SLOT_CHUNK_BITS = 12;
const SLOT_CHUNK = 1 << SLOT_CHUNK_BITS;
const EMPTY = -1;

/** Where an article slot's signature starts in its chunk of `#sigs`. */
const sigOffset = (slot: number): number => (slot & (SLOT_CHUNK - 1)) * NUM_HASHES;

/**
 * One LSH band: band key (below 2^30) → the first article slot under it (the others follow
 * through the index's `next` links, in the order they were added). Open addressing with
 * linear probing over two Int32Arrays: 8–16 bytes a key, where a Map entry takes ~37.
 * (Exported for its test.)
 */
export class BandTable {
  #keys = new Int32Array(1024).fill(EMPTY);
  #heads = new Int32Array(1024);
  #size = 0;

  /** The key's index, or −1 − the free index where it would go. */
  #find(key: number): number {
    const mask = this.#keys.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = this.#keys[i]!;
      if (k === key) return i;
      if (k === EMPTY) return -1 - i;
    }
  }

  head(key: number): number {
    const i = this.#find(key);
    return i >= 0 ? this.#heads[i]! : -1;
  }

  setHead(key: number, slot: number): void {
    let i = this.#find(key);
    if (i >= 0) {
      this.#heads[i] = slot;
      return;
    }
    if ((this.#size + 1) * 5 > this.#keys.length * 4) {
      this.#grow();
      i = this.#find(key);
    }
    i = -1 - i;
    this.#keys[i] = key;
    this.#heads[i] = slot;
    this.#size++;
  }

  delete(key: number): void {
    let i = this.#find(key);
    if (i < 0) return;
    this.#size--;
    // Backward-shift deletion: a later entry of the probe run that may sit in the hole moves into it.
    const keys = this.#keys;
    const mask = keys.length - 1;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j]!;
      if (k === EMPTY) break;
      const home = k & mask;
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      keys[i] = k;
      this.#heads[i] = this.#heads[j]!;
      i = j;
    }
    keys[i] = EMPTY;
  }

  #grow(): void {
    const keys = this.#keys;
    const heads = this.#heads;
    this.#keys = new Int32Array(keys.length * 2).fill(EMPTY);
    this.#heads = new Int32Array(keys.length * 2);
    const mask = this.#keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k === EMPTY) continue;
      let at = k & mask;
      while (this.#keys[at] !== EMPTY) at = (at + 1) & mask;
      this.#keys[at] = k;
      this.#heads[at] = heads[i]!;
    }
  }
}

/** The duplicate index. Memory per article: one 512-byte signature and 32 band entries (4-byte links plus 8–16 bytes a key in typed arrays). */
export class DuplicateIndex {
  readonly settings: DuplicateSettings;
  #exact = new Map<string, string>();
  /** One table per band: band key → the articles under it. */
  #bands: BandTable[] = Array.from({ length: LSH_BANDS }, () => new BandTable());
  /** Indexed article → its slot; a slot's id and signature, and per band the next slot under the same key. */
  #slotOf = new Map<string, number>();
  #ids: (string | undefined)[] = [];
  /** Signatures, NUM_HASHES values a slot, in chunks of SLOT_CHUNK slots (one typed array per article costs ~200 bytes more). */
  #sigs: Uint32Array[] = [];
  #next: Int32Array[] = [];
  #free: number[] = [];
  #groupOf = new Map<string, DuplicateGroup>();
  #info = new Map<string, { time: number; source: string | null }>();

  constructor(settings: Partial<DuplicateSettings> = {}) {
    this.settings = { ...DEFAULT_DUPLICATE_SETTINGS, ...settings };
  }

  /** Adds an article and tells whether it copies one already seen. */
  add(doc: DuplicateInput): DuplicateResult {
    const body = doc.text ?? '';
    const wordList = normalisedWords(body);
    this.#info.set(doc.id, { time: doc.time, source: doc.source ?? null });
    if (wordList.length === 0) return { duplicateOf: null, group: null, similarity: 0 };

    let match: string | undefined;
    let similarity = 0;
    const hash = exactHash(wordList);
    const exact = this.#exact.get(hash);
    if (exact !== undefined) {
      match = exact;
      similarity = 1;
    } else this.#exact.set(hash, doc.id);

    if (wordList.length >= this.settings.minWords) {
      const sig = minhash(shingles(wordList));
      const keys = bandKeys(sig);
      if (match === undefined) {
        const seen = new Set<string>();
        for (let b = 0; b < keys.length; b++) {
          for (let slot = this.#bands[b]!.head(keys[b]!); slot >= 0; slot = this.#nextOf(slot, b)) {
            const other = this.#ids[slot]!;
            if (seen.has(other)) continue;
            seen.add(other);
            const j = estimatedJaccard(sig, this.#sigs[slot >>> SLOT_CHUNK_BITS]!, sigOffset(slot));
            if (j >= this.settings.minJaccard && j > similarity) {
              similarity = j;
              match = other;
            }
          }
        }
      }
      const slot = this.#newSlot(doc.id, sig);
      for (let b = 0; b < keys.length; b++) {
        const band = this.#bands[b]!;
        let last = band.head(keys[b]!);
        if (last < 0) {
          band.setHead(keys[b]!, slot);
          continue;
        }
        for (let n = this.#nextOf(last, b); n >= 0; n = this.#nextOf(n, b)) last = n;
        this.#setNext(last, b, slot);
      }
    }
    if (match === undefined) return { duplicateOf: null, group: null, similarity: 0 };

    let group = this.#groupOf.get(match);
    if (!group) {
      const info = this.#info.get(match)!;
      group = { key: match, canonical: match, members: [member(match, info.time, info.source)] };
      this.#groupOf.set(match, group);
    }
    group.members.push(member(doc.id, doc.time, doc.source ?? null));
    this.#groupOf.set(doc.id, group);
    group.canonical = pickCanonical(group);
    return { duplicateOf: group.canonical === doc.id ? null : group.canonical, group: group.key, similarity };
  }

  /** The group an article belongs to, if it has copies. */
  group(id: string): DuplicateGroup | undefined {
    return this.#groupOf.get(id);
  }

  /** True when `a` and `b` are copies of one text. */
  sameGroup(a: string, b: string): boolean {
    const g = this.#groupOf.get(a);
    return g !== undefined && g === this.#groupOf.get(b);
  }

  /**
   * Forgets articles (the engine's window moved past them): their exact hash, MinHash
   * signature, band entries and group membership. A later copy of a forgotten article is
   * not found as a copy any more; a group that keeps other members picks its canonical
   * again among them.
   */
  evict(ids: Iterable<string>): void {
    const gone = new Set<string>();
    for (const id of ids) {
      if (!this.#info.delete(id)) continue;
      gone.add(id);
      const slot = this.#slotOf.get(id);
      if (slot !== undefined) {
        // The band keys come back from the signature, so no per-article key list is kept.
        const keys = bandKeys(this.#sigOf(slot));
        for (let b = 0; b < keys.length; b++) {
          const band = this.#bands[b]!;
          const after = this.#nextOf(slot, b);
          const head = band.head(keys[b]!);
          if (head === slot) {
            if (after >= 0) band.setHead(keys[b]!, after);
            else band.delete(keys[b]!);
            continue;
          }
          for (let n = head; n >= 0; n = this.#nextOf(n, b)) {
            if (this.#nextOf(n, b) === slot) {
              this.#setNext(n, b, after);
              break;
            }
          }
        }
        this.#slotOf.delete(id);
        this.#ids[slot] = undefined;
        this.#free.push(slot);
      }
      const g = this.#groupOf.get(id);
      if (g) {
        this.#groupOf.delete(id);
        g.members = g.members.filter((m) => m.id !== id);
        if (g.members.length > 0 && g.canonical === id) g.canonical = pickCanonical(g);
      }
    }
    if (gone.size === 0) return;
    // No id → hash map is kept (it would cost as much as the hashes): one pass instead.
    for (const [hash, id] of this.#exact) if (gone.has(id)) this.#exact.delete(hash);
  }

  #newSlot(id: string, sig: Uint32Array): number {
    let slot = this.#free.pop();
    if (slot === undefined) {
      slot = this.#ids.length;
      if ((slot & (SLOT_CHUNK - 1)) === 0) {
        this.#next.push(new Int32Array(SLOT_CHUNK * LSH_BANDS));
        this.#sigs.push(new Uint32Array(SLOT_CHUNK * NUM_HASHES));
      }
      this.#ids.push(undefined);
    }
    this.#ids[slot] = id;
    this.#sigs[slot >>> SLOT_CHUNK_BITS]!.set(sig, sigOffset(slot));
    this.#slotOf.set(id, slot);
    const at = (slot & (SLOT_CHUNK - 1)) * LSH_BANDS;
    this.#next[slot >>> SLOT_CHUNK_BITS]!.fill(-1, at, at + LSH_BANDS);
    return slot;
  }

  #sigOf(slot: number): Uint32Array {
    const at = sigOffset(slot);
    return this.#sigs[slot >>> SLOT_CHUNK_BITS]!.subarray(at, at + NUM_HASHES);
  }

  #nextOf(slot: number, band: number): number {
    return this.#next[slot >>> SLOT_CHUNK_BITS]![(slot & (SLOT_CHUNK - 1)) * LSH_BANDS + band]!;
  }

  #setNext(slot: number, band: number, to: number): void {
    this.#next[slot >>> SLOT_CHUNK_BITS]![(slot & (SLOT_CHUNK - 1)) * LSH_BANDS + band] = to;
  }

  /** Articles held (for memory checks). */
  get size(): number {
    return this.#info.size;
  }

  /** The other outlets that ran the same text ("also published by"), canonical excluded. */
  alsoPublishedBy(id: string): { id: string; source: string | null }[] {
    const g = this.#groupOf.get(id);
    if (!g) return [];
    return g.members.filter((m) => m.id !== g.canonical).map((m) => ({ id: m.id, source: m.source }));
  }
}

function member(id: string, time: number, source: string | null) {
  return { id, time, source, agency: source !== null && AGENCY_RE.test(source) };
}

/** An agency's copy first, then the earliest; ties keep the first seen. */
function pickCanonical(g: DuplicateGroup): string {
  let best = g.members[0]!;
  for (const m of g.members) {
    if (m.agency !== best.agency ? m.agency : m.time < best.time) best = m;
  }
  return best.id;
}
