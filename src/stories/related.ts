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
 * A sparse term vector stored compactly: its terms (interned by the engine, so shared across
 * articles) and their weights in a typed array. A Map of 80 terms costs several kilobytes
 * per held article; this is about 1.3 KB.
 */
export class TermVector {
  readonly terms: readonly string[];
  readonly weights: Float64Array;

  /** `intern` maps a term to the one shared copy of it (default: as given). */
  constructor(entries: Iterable<readonly [string, number]>, intern: (t: string) => string = (t) => t) {
    const list = [...entries];
    this.terms = list.map(([t]) => intern(t));
    this.weights = Float64Array.from(list, ([, w]) => w);
  }

  get size(): number {
    return this.terms.length;
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.terms.length; i++) yield [this.terms[i]!, this.weights[i]!];
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
