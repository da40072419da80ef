// duplicates: groups of copies of one text (the same agency story run by many outlets,
// with new headlines, boilerplate, a dropped paragraph or light edits). Exact copies are
// found by the normalised-body hash; near copies by MinHash LSH band lookup, then checked
// on the estimated shingle Jaccard. Each group has a canonical article: an agency's copy if
// there is one, else the earliest.
import { bandKeys, estimatedJaccard, exactHash, LSH_BANDS, minhash, normalisedWords, shingles } from './fingerprint.ts';

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

/** Ids under one band key: most keys hold one article, which is kept without an array around it. */
type BandEntry = string | string[];

/** The duplicate index. Memory per article: one 512-byte signature and 32 band entries (about 1.5 KB). */
export class DuplicateIndex {
  readonly settings: DuplicateSettings;
  #exact = new Map<string, string>();
  /** One table per band: band key → the articles under it. */
  #bands: Map<number, BandEntry>[] = Array.from({ length: LSH_BANDS }, () => new Map());
  #sigs = new Map<string, Uint32Array>();
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
          const entry = this.#bands[b]!.get(keys[b]!);
          if (entry === undefined) continue;
          for (const other of typeof entry === 'string' ? [entry] : entry) {
            if (seen.has(other)) continue;
            seen.add(other);
            const j = estimatedJaccard(sig, this.#sigs.get(other)!);
            if (j >= this.settings.minJaccard && j > similarity) {
              similarity = j;
              match = other;
            }
          }
        }
      }
      this.#sigs.set(doc.id, sig);
      for (let b = 0; b < keys.length; b++) {
        const band = this.#bands[b]!;
        const entry = band.get(keys[b]!);
        if (entry === undefined) band.set(keys[b]!, doc.id);
        else if (typeof entry === 'string') band.set(keys[b]!, [entry, doc.id]);
        else entry.push(doc.id);
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
      const sig = this.#sigs.get(id);
      if (sig) {
        this.#sigs.delete(id);
        // The band keys come back from the signature, so no per-article key list is kept.
        const keys = bandKeys(sig);
        for (let b = 0; b < keys.length; b++) {
          const band = this.#bands[b]!;
          const entry = band.get(keys[b]!);
          if (entry === undefined) continue;
          if (typeof entry === 'string') {
            if (entry === id) band.delete(keys[b]!);
            continue;
          }
          const i = entry.indexOf(id);
          if (i >= 0) entry.splice(i, 1);
          if (entry.length === 1) band.set(keys[b]!, entry[0]!);
          else if (entry.length === 0) band.delete(keys[b]!);
        }
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
