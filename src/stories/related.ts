// related: "Related posts" for an article — other articles of its story that add something
// (not copies of it), then articles of other live stories that share its people, places and
// subject. Fewer rather than filler: every pick must clear a similarity floor, and nothing
// published long after the article is picked unless it is a follow-up in the same story.

export interface RelatedSettings {
  /** Posts to pick. */
  count: number;
  /** A same-story article at least this similar to the article is a near copy: it adds nothing. */
  maxSameStorySimilarity: number;
  /**
   * A same-story article must still be at least this similar to the article: a story can
   * drift or hold a wrong join, and a story-mate sharing little with the article is filler.
   * (At 0.05, a fifth of the UCI picks under 0.2 were of another category.)
   */
  minSameStorySimilarity: number;
  /**
   * A story-mate less similar than that still qualifies when it shares this many terms with
   * the article and is at least `minSharedSimilarity` similar: long articles on one story
   * share many words at a lower cosine, while a headline sharing one word is no evidence.
   */
  minSharedTerms: number;
  minSharedSimilarity: number;
  /** Another story must be at least this similar to the article to be looked into. */
  minOtherStorySimilarity: number;
  /** An article of another story must be at least this similar to the article. */
  minOtherArticleSimilarity: number;
  /** Articles of other stories published more than this after the article are never picked (ms). */
  maxLaterMs: number;
  /** Members of a story looked at (the most recent), bounding work on huge stories. */
  maxStoryScan: number;
}

export const DEFAULT_RELATED_SETTINGS: RelatedSettings = {
  count: 3,
  maxSameStorySimilarity: 0.9,
  minSameStorySimilarity: 0.25,
  minSharedTerms: 4,
  minSharedSimilarity: 0.1,
  minOtherStorySimilarity: 0.25,
  minOtherArticleSimilarity: 0.35,
  maxLaterMs: 24 * 3600_000,
  maxStoryScan: 300,
};

/**
 * Numbers for terms, shared by the term vectors made with it: a vector keeps 4-byte term
 * numbers instead of 8-byte references to strings. `compact` renumbers the held vectors
 * in place so that terms no vector uses any more are forgotten.
 */
export class TermTable {
  #ids = new Map<string, number>();
  #names: string[] = [];

  /** The term's number (a new one for a term not seen before). */
  id(t: string): number {
    const had = this.#ids.get(t);
    if (had !== undefined) return had;
    const id = this.#names.length;
    this.#ids.set(t, id);
    this.#names.push(t);
    return id;
  }

  name(id: number): string {
    return this.#names[id]!;
  }

  get size(): number {
    return this.#names.length;
  }

  /** Keeps only the terms of `vectors` (all made with this table), renumbering them in place. */
  compact(vectors: Iterable<TermVector>): void {
    const names = this.#names;
    this.#ids = new Map();
    this.#names = [];
    for (const v of vectors) {
      if (v.table !== this) throw new Error('TermTable.compact: a vector of another table');
      const ids = v.ids;
      for (let i = 0; i < ids.length; i++) ids[i] = this.id(names[ids[i]!]!);
    }
  }
}

/**
 * A sparse term vector stored compactly: its term numbers (in a `TermTable`, shared across
 * articles) and their weights, in typed arrays over one buffer. A Map of 80 terms costs
 * several kilobytes per held article; this is about 1.1 KB.
 */
export class TermVector {
  readonly table: TermTable;
  readonly weights: Float64Array;
  readonly ids: Int32Array;

  /** `table` numbers the terms (default: one of the vector's own). */
  constructor(entries: Iterable<readonly [string, number]>, table: TermTable = new TermTable()) {
    const list = [...entries];
    const n = list.length;
    const buffer = new ArrayBuffer(n * 12);
    this.table = table;
    this.weights = new Float64Array(buffer, 0, n);
    this.ids = new Int32Array(buffer, n * 8, n);
    for (let i = 0; i < n; i++) {
      this.weights[i] = list[i]![1];
      this.ids[i] = table.id(list[i]![0]);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The terms, in the vector's order. */
  get terms(): string[] {
    return Array.from(this.ids, (id) => this.table.name(id));
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.ids.length; i++) yield [this.table.name(this.ids[i]!), this.weights[i]!];
  }

  toMap(): Map<string, number> {
    return new Map(this.entries());
  }
}

/** A term vector as a Map (term → weight) or compact. */
export type Vector = Map<string, number> | TermVector;

function asMap(v: Vector): Map<string, number> {
  return v instanceof Map ? v : v.toMap();
}

/** What related-post picking knows of an article. */
export interface RelatedCandidate {
  id: string;
  time: number;
  storyId: number;
  /** Duplicate group key, if the article has copies. */
  group: string | null;
  /** Its unit term vector (heaviest terms). */
  vector: Vector;
}

export interface RelatedPost {
  id: string;
  reason: 'same-story' | 'shared-subject';
  similarity: number;
}

/** The vectors as (walked, looked up): a compact one is walked, a Map looked up; else the smaller is walked. */
function pair(a: Vector, b: Vector): [Vector, Map<string, number>] {
  if (a instanceof Map && b instanceof Map) return a.size < b.size ? [a, b] : [b, a];
  if (a instanceof Map) return [b, a];
  if (b instanceof Map) return [a, b];
  return a.size < b.size ? [a, b.toMap()] : [b, a.toMap()];
}

/** Terms two vectors have in common. */
export function sharedTerms(a: Vector, b: Vector): number {
  const [walk, look] = pair(a, b);
  let n = 0;
  for (const [t] of walk.entries()) if (look.has(t)) n++;
  return n;
}

/** Dot product of two vectors (their cosine, as they are unit vectors). */
export function cosine(a: Vector, b: Vector): number {
  const [walk, look] = pair(a, b);
  let dot = 0;
  for (const [t, w] of walk.entries()) dot += w * (look.get(t) ?? 0);
  return dot;
}

/**
 * Picks related posts. `sameStory` are the article's story-mates; `otherStories` are other
 * live stories, each with its similarity to the article and its members, best first.
 */
export function pickRelated(
  article: RelatedCandidate,
  sameStory: RelatedCandidate[],
  otherStories: { sim: number; members: RelatedCandidate[] }[],
  s: RelatedSettings,
  count = s.count,
): RelatedPost[] {
  const out: RelatedPost[] = [];
  // One Map of the article's terms for all the comparisons below.
  const mine = { ...article, vector: asMap(article.vector) };
  article = mine;
  const isCopy = (c: RelatedCandidate) => c.id === article.id || (article.group !== null && c.group === article.group);
  const scored = sameStory
    .filter((c) => !isCopy(c))
    .map((c) => ({ c, sim: cosine(article.vector, c.vector) }))
    .filter((x) => x.sim < s.maxSameStorySimilarity && (x.sim >= s.minSameStorySimilarity || (x.sim >= s.minSharedSimilarity && sharedTerms(article.vector, x.c.vector) >= s.minSharedTerms)))
    .sort((a, b) => b.sim - a.sim || Math.abs(a.c.time - article.time) - Math.abs(b.c.time - article.time));
  // Two picks that copy each other would say the same thing twice.
  const groups = new Set<string>();
  for (const { c, sim } of scored) {
    if (out.length >= count) return out;
    if (c.group !== null && groups.has(c.group)) continue;
    if (c.group !== null) groups.add(c.group);
    out.push({ id: c.id, reason: 'same-story', similarity: sim });
  }
  for (const story of otherStories) {
    if (out.length >= count || story.sim < s.minOtherStorySimilarity) break;
    let best: { c: RelatedCandidate; sim: number } | undefined;
    for (const c of story.members) {
      if (isCopy(c) || c.time - article.time > s.maxLaterMs) continue;
      const sim = cosine(article.vector, c.vector);
      if (sim >= s.minOtherArticleSimilarity && sim < s.maxSameStorySimilarity && (!best || sim > best.sim)) best = { c, sim };
    }
    if (best) out.push({ id: best.c.id, reason: 'shared-subject', similarity: best.sim });
  }
  return out;
}
