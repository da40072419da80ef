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

/** What related-post picking knows of an article. */
export interface RelatedCandidate {
  id: string;
  time: number;
  storyId: number;
  /** Duplicate group key, if the article has copies. */
  group: string | null;
  /** Its unit term vector (heaviest terms). */
  vector: Map<string, number>;
}

export interface RelatedPost {
  id: string;
  reason: 'same-story' | 'shared-subject';
  similarity: number;
}

/** Terms two vectors have in common. */
export function sharedTerms(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let n = 0;
  for (const t of small.keys()) if (large.has(t)) n++;
  return n;
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
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
