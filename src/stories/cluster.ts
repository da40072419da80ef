// cluster: online story clustering. Each article arrives once; it joins the most similar
// live story or starts a new one, in time proportional to its own length and the handful
// of stories that share its rare words — never a pass over all stories.
//
// Representation: TF-IDF over title, lead and body terms plus named entities, with IDF
// learned online from the articles seen so far. A story is the sum of its articles'
// unit vectors (its centroid direction). Candidate stories come from an inverted index
// (term → live stories using it) over the article's most distinctive terms. A story goes
// stale when nothing joined it for a while; a stale story can no longer be joined, and a
// live one's similarity is discounted by the time since its last article, so an old story
// does not swallow a new event that happens to use the same words. Nor may an article join a
// story when it lacks the words nearly all of that story's articles use (the new-event gate).
// A term's weight mixes how rare it is among articles with how rare it is among live stories
// (a story's own name is common among articles exactly while that story dominates the news,
// yet it is used by one story only). An article that started a story of its own but was
// close to one story only is folded into that story if nothing joined it meanwhile. A
// headline set in a place that a story about a few other places never named does not join
// it (place disagreement, `placeNewMax`).
import { foldDemonym, placeOf } from './places.ts';
import { entities, leadTerms, terms } from './text.ts';

export interface ClusterSettings {
  /** Cosine to a story's centroid at or above which an article joins it. */
  joinThreshold: number;
  /** Two stories whose centroids are this similar are one story: the smaller folds into the larger. */
  mergeThreshold: number;
  /** After this long without a new article, a story can no longer be joined (ms). */
  staleAfterMs: number;
  /** Similarity is multiplied by 1 − gap/decayMs (floored at 0.5) for a gap since the story's last article. */
  decayMs: number;
  /** Weight of a title term relative to a body term. */
  titleWeight: number;
  /** Weight of a lead-paragraph term relative to a body term. */
  leadWeight: number;
  /** Weight of a named entity (added on top of its words). */
  entityWeight: number;
  /** Body words read (the lead is the first `leadWords` of them). */
  maxBodyWords: number;
  leadWords: number;
  /** Distinctive terms of an article used to look up candidate stories. */
  candidateTerms: number;
  /**
   * A term whose posting lists more live stories than this is skipped in candidate lookup:
   * it says little about which story an article belongs to, and bounds the work per article.
   * (Limiting by document frequency instead hid a story's own name — "Snowden", "Titanfall" —
   * exactly when that story dominated the news.)
   */
  maxPostingStories: number;
  /** Terms kept in a story centroid (the heaviest); bounds memory of huge stories. */
  maxCentroidTerms: number;
  /** Big stories attract: similarity × (1 + sizeBoost·ln(min(size, sizeBoostCap))), as a Dirichlet-process prior would. */
  sizeBoost: number;
  /**
   * The size prior stops growing at this many articles. Uncapped, a story of 250 articles
   * took a new event's first article at a cosine a third lower than a story of 20 needed
   * (×1.55 against ×1.30), and once that article is in, the rest of the event follows.
   */
  sizeBoostCap: number;
  /**
   * New-event gate (nats). A story's defining words are those used by at least
   * `definingShare` of its articles; each one an article lacks costs −ln(1 − share), the
   * surprise of its absence if the article were another of the story's. A story whose
   * missing defining words cost more than this cannot be joined: an article on the same
   * people but without any of what made the story (a parody video, not the rapper's
   * wedding plans) starts its own. Stories of fewer than `definingMinArticles` are exempt.
   */
  missingDefiningGate: number;
  definingShare: number;
  definingMinArticles: number;
  /**
   * Cosine to a story's centroid at which the new-event gate no longer applies. The gate is
   * for articles that share a story's names but not its event, at a modest cosine; an article
   * this close is the event, and the words it lacks are ones three articles happened to share
   * ("company", "plan", "concern": with 3 articles each costs 0.7–1.4 nats, so seven of them
   * shut out a rewrite of the story's own headline at cosine 0.9).
   */
  definingExemptSimilarity: number;
  /** Documents assumed seen before the first (see `idf`). */
  idfPriorDocs: number;
  /**
   * Share (0–1, as an exponent) of a term's weight taken from its rarity among live stories
   * instead of among articles: weight = idf^(1−mix) · isf^mix, where isf = ln((live stories +
   * `storyIdfPrior`) / (live stories using the term + 1)) + 1. Article IDF alone discounts a
   * story's own name ("Snowden") by the very articles that make the story; counted over
   * stories, that name is as rare as it gets, while "stocks" or "apple", in many stories, stay
   * common. Mixes of 0.3–0.6 measured alike on both sets (within one decision); 0.5 is the middle.
   */
  storyIdfMix: number;
  /** Stories assumed live before the first (see `storyIdfMix`). */
  storyIdfPrior: number;
  /**
   * Late fold of a lone article. An article that starts a story while its best candidate
   * scored at least `foldThreshold` and at least `foldLead` times the runner-up is folded into
   * that candidate when, `foldAfter` additions later or more, the candidate takes another
   * article and the article's own story still has nobody else. Joining it at once at that
   * score would take in other stories' first articles too; waiting lets a new event's
   * first article gather its own followers first. 0 disables.
   */
  foldThreshold: number;
  foldLead: number;
  foldAfter: number;
  /**
   * Place disagreement. An article whose headline names places (`places.ts`), none of which
   * the story's headlines named, may not join that story when the story is about places — at
   * least `placeShare` of its articles name one — and a few of them only: the chance that its next article names a
   * place it never named, estimated as Good–Turing's missing mass (places named by one article
   * + 1) / (place mentions + 2), is under `placeNewMax`. Stories with fewer than
   * `placeMinArticles` articles naming a place are exempt. A story on Russian gas for Europe
   * then does not take "Ohio gas prices steady", while a story on pump prices across the
   * states, where nearly every article names a new state, takes "Maine gas prices rise".
   * 0 (`placeNewMax`) disables.
   */
  placeNewMax: number;
  placeShare: number;
  placeMinArticles: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  joinThreshold: 0.12,
  mergeThreshold: 0.4,
  staleAfterMs: 4 * 24 * 3600_000,
  decayMs: 8 * 24 * 3600_000,
  titleWeight: 2,
  leadWeight: 1.5,
  entityWeight: 1,
  maxBodyWords: 400,
  leadWords: 60,
  candidateTerms: 12,
  maxPostingStories: 50,
  maxCentroidTerms: 400,
  sizeBoost: 0.1,
  sizeBoostCap: 20,
  missingDefiningGate: 7,
  definingShare: 0.5,
  definingMinArticles: 3,
  definingExemptSimilarity: 0.7,
  idfPriorDocs: 1000,
  storyIdfMix: 0.5,
  storyIdfPrior: 100,
  foldThreshold: 0.08,
  foldLead: 2,
  foldAfter: 20,
  placeNewMax: 0.15,
  placeShare: 0.5,
  placeMinArticles: 3,
};

/** How often (stream time) a posting too crowded to read is checked for stale stories. */
const CROWDED_PRUNE_MS = 3600_000;

/** What clustering reads of an article. */
export interface ClusterInput {
  id: string;
  title?: string | null;
  /** The body (plain text). */
  text?: string | null;
  /** Milliseconds since the epoch; absent: the latest time seen so far. */
  time?: number | null;
}

/**
 * A story's defining words and the cost of missing each, as two parallel lists (a pair per
 * word cost ~80 bytes more: a story of 100 articles has a few hundred of them).
 */
export interface Defining {
  terms: readonly string[];
  costs: Float64Array;
}

const NO_DEFINING: Defining = { terms: [], costs: new Float64Array(0) };

export interface StoryState {
  id: number;
  /** Article ids still held, in arrival order (the engine drops those older than its window). */
  articles: string[];
  /** Articles the story has ever had, evicted ones included (the size prior reads this). */
  size: number;
  firstTime: number;
  lastTime: number;
  /** Sum of member unit vectors (term → weight), pruned to the heaviest terms. */
  centroid: Map<string, number>;
  /** Squared norm of `centroid`. */
  norm2: number;
  /** Articles whose vectors were summed into the centroid (copies are attached without). */
  absorbed: number;
  /** term → how many absorbed articles use it (kept for the centroid's terms only). */
  termDocs: Map<string, number>;
  /** The defining words and the cost of missing each (see `missingDefiningGate`); rebuilt on change. */
  defining: Defining;
  /** Place → absorbed articles naming it (see `placeNewMax`). */
  places: Map<string, number>;
  /** Absorbed articles naming at least one place. */
  placed: number;
}

export interface JoinResult {
  storyId: number;
  /** True when the article started the story. */
  created: boolean;
  /** Similarity to the story joined (0 for a new story). */
  similarity: number;
  /** Stories folded into `storyId` because of this article (their ids now redirect). */
  merged: number[];
}

/** Weighted term counts of an article (before IDF). */
export function termWeights(doc: ClusterInput, s: ClusterSettings): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (t: string, w: number) => tf.set(t, (tf.get(t) ?? 0) + w);
  const title = doc.title ?? '';
  // A demonym is its place's name ("Russian gas", "Russia's gas").
  for (const t of terms(title)) add(foldDemonym(t), s.titleWeight);
  for (const e of entities(title)) add(`@${e}`, s.entityWeight * s.titleWeight);
  const body = doc.text ?? '';
  if (body) {
    const bodyTerms = leadTerms(body, s.maxBodyWords);
    for (let i = 0; i < bodyTerms.length; i++) add(foldDemonym(bodyTerms[i]!), i < s.leadWords ? s.leadWeight : 1);
    for (const e of entities(body.slice(0, s.maxBodyWords * 8))) add(`@${e}`, s.entityWeight);
  }
  return tf;
}

/** The online clusterer. Not thread-safe; one per process, fed in arrival order. */
export class StoryClusterer {
  readonly settings: ClusterSettings;
  #df = new Map<string, number>();
  #docs = 0;
  #stories = new Map<number, StoryState>();
  /** term → live stories whose centroid has it (story id → last time the posting was refreshed). */
  #postings = new Map<string, Map<number, number>>();
  #redirects = new Map<number, number>();
  /** Story id → the ids redirecting to it (the reverse of `#redirects`, so a merge need not scan them all). */
  #redirectedFrom = new Map<number, number[]>();
  /** When each crowded posting was last pruned of stale stories (stream time). */
  #prunedAt = new Map<string, number>();
  #nextId = 1;
  #now = 0;
  /** Articles clustered so far (the clock of `foldAfter`). */
  #added = 0;
  /** Story id → lone-article stories waiting to fold into it: [their id, `#added` when made]. */
  #folds = new Map<number, [number, number][]>();

  constructor(settings: Partial<ClusterSettings> = {}) {
    this.settings = { ...DEFAULT_CLUSTER_SETTINGS, ...settings };
  }

  /**
   * Inverse document frequency as learned so far, mixed with the term's rarity among live
   * stories (`storyIdfMix`). `idfPriorDocs` pseudo-documents (and `storyIdfPrior`
   * pseudo-stories) without the term are counted in, so the first articles of a fresh install
   * are not compared with an IDF where every word looks common.
   */
  idf(term: string): number {
    const s = this.settings;
    const df = this.#df.get(term) ?? 0;
    const idf = Math.log((this.#docs + s.idfPriorDocs) / (df + 1)) + 1;
    if (s.storyIdfMix <= 0) return idf;
    // The posting's size: live stories whose centroid has the term (stale entries are dropped
    // as met, so it may count a few stories gone stale lately; so does the live count).
    const sf = this.#postings.get(term)?.size ?? 0;
    const isf = Math.log((this.#stories.size + s.storyIdfPrior) / (sf + 1)) + 1;
    return idf ** (1 - s.storyIdfMix) * isf ** s.storyIdfMix;
  }

  /** Unit TF-IDF vector of an article under the current IDF. */
  vector(tf: Map<string, number>): Map<string, number> {
    const v = new Map<string, number>();
    let n2 = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf(t);
      v.set(t, w);
      n2 += w * w;
    }
    const n = Math.sqrt(n2) || 1;
    for (const [t, w] of v) v.set(t, w / n);
    return v;
  }

  /** Adds an article: it joins the best live story above the threshold or starts one. */
  add(doc: ClusterInput): JoinResult {
    return this.addVector(doc, this.learn(doc)).result;
  }

  /** Counts an article's terms into the online IDF and returns its unit vector. */
  learn(doc: ClusterInput): Map<string, number> {
    const tf = termWeights(doc, this.settings);
    this.#docs++;
    for (const t of tf.keys()) this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
    return this.vector(tf);
  }

  /** Puts an article into a given story without moving the centroid (a copy of an article already in it). */
  attach(id: string, storyId: number, time: number | null): number | undefined {
    const st = this.story(storyId);
    if (!st) return undefined;
    st.articles.push(id);
    st.size++;
    if (time !== null && time > st.lastTime) st.lastTime = time;
    if (time !== null && time > this.#now) this.#now = time;
    return st.id;
  }

  /** Live stories similar to a vector at a time (time-discounted cosine), best first. */
  similarStories(v: Map<string, number>, time: number | null): { id: number; sim: number }[] {
    return this.#score(v, time ?? this.#now, null).sort((a, b) => b.sim - a.sim);
  }

  /** Clusters an article whose vector `learn` gave. */
  addVector(doc: ClusterInput, v: Map<string, number>): { result: JoinResult } {
    const s = this.settings;
    const time = doc.time ?? this.#now;
    if (time > this.#now) this.#now = time;

    const places = headlinePlaces(doc);
    const scored = this.#score(v, time, places);
    let best: { id: number; sim: number } | undefined;
    for (const c of scored) if (!best || c.sim > best.sim) best = c;
    this.#added++;

    let story: StoryState;
    let created = false;
    if (best && best.sim >= s.joinThreshold) {
      story = this.#stories.get(best.id)!;
    } else {
      story = {
        id: this.#nextId++, articles: [], size: 0, firstTime: time, lastTime: time, centroid: new Map(), norm2: 0,
        absorbed: 0, termDocs: new Map(), defining: NO_DEFINING, places: new Map(), placed: 0,
      };
      this.#stories.set(story.id, story);
      created = true;
      if (best && s.foldThreshold > 0 && best.sim >= s.foldThreshold) {
        let second = 0;
        for (const c of scored) if (c !== best && c.sim > second) second = c.sim;
        if (best.sim >= s.foldLead * second) {
          const waiting = this.#folds.get(best.id);
          if (waiting) waiting.push([story.id, this.#added]);
          else this.#folds.set(best.id, [[story.id, this.#added]]);
        }
      }
    }
    this.#absorb(story, v, time, places);
    story.articles.push(doc.id);
    story.size++;

    const merged: number[] = [];
    if (!created) {
      // Folds happen when the story takes an article, so the pipeline sees them as merges into
      // the story it stores this article under (`merged`), like any other.
      const waiting = this.#folds.get(story.id);
      if (waiting) {
        this.#folds.delete(story.id);
        const still: [number, number][] = [];
        for (const [id, at] of waiting) {
          const lone = this.#stories.get(id);
          if (!lone || lone === story || lone.absorbed !== 1) continue;
          if (this.#added - at < s.foldAfter) {
            still.push([id, at]);
            continue;
          }
          const kept = this.#merge(story, lone);
          merged.push(kept === story ? lone.id : story.id);
          story = kept;
        }
        // A folded story's own waiting list came along in the merge.
        if (still.length) this.#folds.set(story.id, [...still, ...(this.#folds.get(story.id) ?? [])]);
      }
      for (const c of scored) {
        if (c.id === story.id || c.sim < s.joinThreshold) continue;
        const other = this.#stories.get(c.id);
        if (!other) continue;
        if (this.storySimilarity(story, other) >= s.mergeThreshold) {
          const kept = this.#merge(story, other);
          merged.push(kept === story ? other.id : story.id);
          story = kept;
        }
      }
    }
    return { result: { storyId: story.id, created, similarity: created ? 0 : best!.sim, merged } };
  }

  /** Cosine of two stories' centroids. */
  storySimilarity(a: StoryState, b: StoryState): number {
    const [small, large] = a.centroid.size < b.centroid.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [t, w] of small.centroid) dot += w * (large.centroid.get(t) ?? 0);
    return dot / Math.sqrt(a.norm2 * b.norm2 || 1);
  }

  /**
   * Live candidate stories sharing the article's distinctive terms, with time-discounted
   * cosine. With `places` (the headline's), leave out the stories the article may not join
   * (`missingDefiningGate`, `placeNewMax`); related-post lookups (null) keep them, a
   * neighbouring story is still a related subject.
   */
  #score(v: Map<string, number>, time: number, places: Set<string> | null): { id: number; sim: number }[] {
    const gate = places !== null;
    const s = this.settings;
    const lookup = [...v].sort((a, b) => b[1] - a[1]);
    const candidates = new Set<number>();
    let used = 0;
    for (const [t] of lookup) {
      if (used >= s.candidateTerms) break;
      const posting = this.#postings.get(t);
      if (!posting) continue;
      if (posting.size > s.maxPostingStories) {
        // A crowded posting may be mostly stale stories: prune it, but at most once per
        // CROWDED_PRUNE_MS of stream time, so a common word costs nothing most of the time.
        if (time - (this.#prunedAt.get(t) ?? -Infinity) >= CROWDED_PRUNE_MS) {
          this.#prunedAt.set(t, time);
          this.#prunePosting(t, posting, time);
        }
        if (posting.size > s.maxPostingStories) continue;
      }
      used++;
      for (const [id, seen] of posting) {
        // Postings of stale stories are dropped as they are met: the index only holds live stories.
        if (time - seen > s.staleAfterMs || !this.#stories.has(id)) posting.delete(id);
        else candidates.add(id);
      }
      if (posting.size === 0) this.#postings.delete(t);
    }
    const out: { id: number; sim: number }[] = [];
    for (const id of candidates) {
      const st = this.#stories.get(id)!;
      const gap = Math.max(0, time - st.lastTime);
      if (gap > s.staleAfterMs) continue;
      if (places?.size && s.placeNewMax > 0 && this.#elsewhere(st, places)) continue;
      let dot = 0;
      for (const [t, w] of v) dot += w * (st.centroid.get(t) ?? 0);
      const cos = dot / Math.sqrt(st.norm2 || 1);
      if (gate && cos < s.definingExemptSimilarity && this.#missesDefining(st, v, s.missingDefiningGate)) continue;
      const prior = 1 + s.sizeBoost * Math.log(Math.min(st.size, s.sizeBoostCap));
      out.push({ id, sim: cos * Math.max(0.5, 1 - gap / s.decayMs) * prior });
    }
    return out;
  }

  /**
   * True when the article's places (none of which the story has named) rule the story out:
   * see `placeNewMax`.
   */
  #elsewhere(st: StoryState, places: Set<string>): boolean {
    const s = this.settings;
    if (st.placed < s.placeMinArticles || st.placed < s.placeShare * st.absorbed) return false;
    for (const p of places) if (st.places.has(p)) return false;
    let mentions = 0;
    let once = 0;
    for (const k of st.places.values()) {
      mentions += k;
      if (k === 1) once++;
    }
    return (once + 1) / (mentions + 2) < s.placeNewMax;
  }

  /**
   * True when the surprise (nats) of the story's defining words the article lacks exceeds
   * `gate`. Each cost is positive, so the sum can stop as soon as it is over.
   */
  #missesDefining(st: StoryState, v: Map<string, number>, gate: number): boolean {
    let cost = 0;
    const { terms: words, costs } = st.defining;
    for (let i = 0; i < words.length; i++) {
      if (v.has(words[i]!)) continue;
      cost += costs[i]!;
      if (cost > gate) return true;
    }
    return false;
  }

  /** Rebuilds a story's defining words from its term counts. */
  #define(st: StoryState): void {
    const s = this.settings;
    st.defining = NO_DEFINING;
    if (st.absorbed < s.definingMinArticles) return;
    const words: string[] = [];
    const costs: number[] = [];
    // +1: a share estimated from n articles is never taken as certain (the cost stays finite).
    const n = st.absorbed + 1;
    for (const [t, k] of st.termDocs) {
      const share = k / n;
      if (share >= s.definingShare) {
        words.push(t);
        costs.push(-Math.log(1 - share));
      }
    }
    if (words.length) st.defining = { terms: words, costs: Float64Array.from(costs) };
  }

  #prunePosting(t: string, posting: Map<number, number>, time: number): void {
    for (const [id, seen] of posting) if (time - seen > this.settings.staleAfterMs || !this.#stories.has(id)) posting.delete(id);
    if (posting.size === 0) this.#postings.delete(t);
  }

  #absorb(st: StoryState, v: Map<string, number>, time: number, places: Set<string>): void {
    for (const [t, w] of v) {
      const old = st.centroid.get(t) ?? 0;
      st.centroid.set(t, old + w);
      st.norm2 += (old + w) ** 2 - old * old;
      st.termDocs.set(t, (st.termDocs.get(t) ?? 0) + 1);
    }
    st.absorbed++;
    for (const p of places) st.places.set(p, (st.places.get(p) ?? 0) + 1);
    if (places.size) st.placed++;
    if (st.centroid.size > this.settings.maxCentroidTerms * 1.5) this.#prune(st);
    this.#define(st);
    st.lastTime = Math.max(st.lastTime, time);
    for (const t of v.keys()) {
      if (!st.centroid.has(t)) continue;
      let posting = this.#postings.get(t);
      if (!posting) this.#postings.set(t, (posting = new Map()));
      posting.set(st.id, st.lastTime);
    }
  }

  /** Keeps a story's heaviest terms only: the tail is one-off words of single articles. */
  #prune(st: StoryState): void {
    const kept = [...st.centroid].sort((a, b) => b[1] - a[1]).slice(0, this.settings.maxCentroidTerms);
    st.centroid = new Map(kept);
    st.norm2 = kept.reduce((n, [, w]) => n + w * w, 0);
    // A word used by half the story's articles is among its heaviest: the counts of pruned
    // words can go with them.
    for (const t of st.termDocs.keys()) if (!st.centroid.has(t)) st.termDocs.delete(t);
  }

  /** Folds the smaller story into the larger (of two the same size, the younger into the
   * older); the survivor keeps its id and the other redirects. The stored articles of the
   * absorbed story are rewritten with the survivor's id, so moving the smaller side matters:
   * an article then moves only when its story at least doubles, a few times in its life.
   * (Folding the younger into the older moved a 5,000-article story whenever an older
   * article arriving late bridged it to a small story: 3.7 million row updates for 91,000
   * articles in `bench:ingest --outlets 500 --items 200`.) */
  #merge(a: StoryState, b: StoryState): StoryState {
    const aKeeps = a.size !== b.size ? a.size > b.size : a.firstTime < b.firstTime || (a.firstTime === b.firstTime && a.id < b.id);
    const [keep, gone] = aKeeps ? [a, b] : [b, a];
    for (const [t, w] of gone.centroid) {
      const old = keep.centroid.get(t) ?? 0;
      keep.centroid.set(t, old + w);
      keep.norm2 += (old + w) ** 2 - old * old;
    }
    for (const [t, k] of gone.termDocs) keep.termDocs.set(t, (keep.termDocs.get(t) ?? 0) + k);
    keep.absorbed += gone.absorbed;
    for (const [p, k] of gone.places) keep.places.set(p, (keep.places.get(p) ?? 0) + k);
    keep.placed += gone.placed;
    if (keep.centroid.size > this.settings.maxCentroidTerms * 1.5) this.#prune(keep);
    this.#define(keep);
    keep.articles.push(...gone.articles);
    keep.size += gone.size;
    keep.firstTime = Math.min(keep.firstTime, gone.firstTime);
    keep.lastTime = Math.max(keep.lastTime, gone.lastTime);
    for (const t of keep.centroid.keys()) {
      let posting = this.#postings.get(t);
      if (!posting) this.#postings.set(t, (posting = new Map()));
      posting.set(keep.id, keep.lastTime);
    }
    this.#stories.delete(gone.id);
    // Every id that led to `gone` (and `gone` itself) now leads to `keep`, in one hop.
    const from = this.#redirectedFrom.get(gone.id);
    this.#redirectedFrom.delete(gone.id);
    let into = this.#redirectedFrom.get(keep.id);
    if (!into) this.#redirectedFrom.set(keep.id, (into = []));
    if (from) for (const id of from) {
      this.#redirects.set(id, keep.id);
      into.push(id);
    }
    this.#redirects.set(gone.id, keep.id);
    into.push(gone.id);
    const waiting = this.#folds.get(gone.id);
    if (waiting) {
      this.#folds.delete(gone.id);
      this.#folds.set(keep.id, [...(this.#folds.get(keep.id) ?? []), ...waiting]);
    }
    return keep;
  }

  /**
   * Forgets every story whose last article is older than `cutoff` (ms): its centroid, its
   * postings and the redirects that lead to it, and every posting entry last refreshed
   * before `cutoff`. Such a story or entry is long past `staleAfterMs` (the cutoff must be
   * well behind it), so lookups would only drop it when met; forgetting it bounds memory
   * by the window instead of by history. Returns the forgotten stories (their `articles`
   * say which articles went with them).
   */
  evictBefore(cutoff: number): StoryState[] {
    const gone: StoryState[] = [];
    for (const st of this.#stories.values()) if (st.lastTime < cutoff) gone.push(st);
    for (const st of gone) this.#stories.delete(st.id);
    // One pass over the index: besides the evicted stories' own postings it drops entries
    // left behind by merged stories and by terms pruned from a live story's centroid
    // (a story running for months would otherwise keep one for every word it ever used).
    for (const [t, posting] of this.#postings) {
      for (const [id, seen] of posting) if (seen < cutoff || !this.#stories.has(id)) posting.delete(id);
      if (posting.size === 0) {
        this.#postings.delete(t);
        this.#prunedAt.delete(t);
      }
    }
    for (const [t] of this.#prunedAt) if (!this.#postings.has(t)) this.#prunedAt.delete(t);
    for (const [id, waiting] of this.#folds) {
      const live = waiting.filter(([lone]) => this.#stories.has(lone));
      if (!this.#stories.has(id) || live.length === 0) this.#folds.delete(id);
      else if (live.length < waiting.length) this.#folds.set(id, live);
    }
    // A redirect to a forgotten story resolves to nothing already; keeping it would only grow.
    for (const [to, from] of this.#redirectedFrom) {
      if (this.#stories.has(to)) continue;
      for (const id of from) this.#redirects.delete(id);
      this.#redirectedFrom.delete(to);
    }
    return gone;
  }

  /** Live stories (for the engine's eviction pass; do not mutate their centroids). */
  stories(): IterableIterator<StoryState> {
    return this.#stories.values();
  }

  /** The story an id now means (following merges), or undefined. */
  resolve(id: number): number | undefined {
    const to = this.#redirects.get(id) ?? id;
    return this.#stories.has(to) ? to : undefined;
  }

  story(id: number): StoryState | undefined {
    const r = this.resolve(id);
    return r === undefined ? undefined : this.#stories.get(r);
  }

  get storyCount(): number {
    return this.#stories.size;
  }

  /** Index sizes, for memory checks: terms with a posting, posting entries, terms with a document frequency, redirects. */
  get indexSize(): { postingTerms: number; postingEntries: number; vocabulary: number; redirects: number } {
    let entries = 0;
    for (const p of this.#postings.values()) entries += p.size;
    return { postingTerms: this.#postings.size, postingEntries: entries, vocabulary: this.#df.size, redirects: this.#redirects.size };
  }

  get articleCount(): number {
    return this.#docs;
  }
}

/**
 * The places an article's headline names (`places.ts`): where the news is. The body names
 * places in passing (a player's home town, where a product also sells).
 */
function headlinePlaces(doc: ClusterInput): Set<string> {
  const out = new Set<string>();
  for (const t of terms(doc.title ?? '')) {
    const p = placeOf(foldDemonym(t));
    if (p) out.add(p);
  }
  return out;
}
