// engine: the stories stage as the pipeline calls it. One StoryEngine per process holds
// the duplicate index, the online clusterer, the section classifier and what related-post
// picking needs, all in memory. `addArticle` runs at ingest time (and answers the
// article's section); `related` and `story` answer from memory. The state is derivable: `StoryEngine.rebuild(articles)`
// replays stored articles in publication order and gives the same stories for the same
// articles and settings, so the pipeline rebuilds it at start-up (or after a settings
// change) instead of serialising it.
//
// Memory is bounded by a time window, not by history: every `evictEvery` additions, the
// articles published more than `windowMs` before the newest time seen are forgotten, with
// their duplicate fingerprints, and so are the stories whose last article is that old. The
// database's story ids stay the truth for them: `storyOf`, `related` and `story` simply
// know nothing of a forgotten article or story, and a later copy of a forgotten article is
// not found as a copy (it joins or starts a story on its words like any article). A late
// article dated before the window still gets a story, and is forgotten at the next pass.
import { DEFAULT_CLUSTER_SETTINGS, StoryClusterer, type ClusterSettings } from './cluster.ts';
import { DEFAULT_DUPLICATE_SETTINGS, DuplicateIndex, type DuplicateSettings } from './duplicates.ts';
import { cosine, DEFAULT_RELATED_SETTINGS, pickRelated, TermTable, TermVector, type RelatedCandidate, type RelatedPost, type RelatedSettings } from './related.ts';
import { chooseSection, DEFAULT_SECTION_SETTINGS, labelledSection, SectionClassifier, type SectionReason, type SectionSettings } from './sections.ts';

/**
 * 14 days: a story idle for 4 days (`staleAfterMs`) cannot be joined and is no longer offered
 * for related posts, so nothing that can still change is older than 4 days behind the newest
 * article. The other 10 days are margin for articles that arrive late (feeds that backdate,
 * slow outlets, a pipeline catching up in id order), for wire copies republished a week
 * later (still found as copies), and for story-mates of an old article shown as related.
 * At the 2,000 articles a day of the web benchmark's data, that holds about 28,000 articles.
 */
export const DEFAULT_WINDOW_MS = 14 * 24 * 3600_000;

/**
 * The eviction clock is this quantile of the publication times added since the last pass (and
 * never goes back): one article dated years ahead must not make the window forget everything.
 */
const EVICTION_CLOCK_QUANTILE = 0.9;

/** Terms the pool may grow by beyond twice its last rebuilt size before it is rebuilt. */
const TERM_POOL_SLACK = 10_000;

/** The story's latest articles whose section labels vote on an unlabelled newcomer's section
 * (a bound, so a story of thousands costs what one of fifty does). */
const SECTION_VOTERS = 50;

export interface StorySettings {
  cluster: ClusterSettings;
  duplicates: DuplicateSettings;
  related: RelatedSettings;
  sections: SectionSettings;
  /** Terms of an article's vector kept for related-post picking (the heaviest). */
  keptTerms: number;
  /**
   * Articles published longer than this before the newest time seen are forgotten (ms;
   * Infinity keeps everything). Must stay well above `cluster.staleAfterMs`, so that no
   * story that can still be joined loses its articles.
   */
  windowMs: number;
  /** Additions between two eviction passes (each pass reads every held article once). */
  evictEvery: number;
}

export const DEFAULT_STORY_SETTINGS: StorySettings = {
  cluster: DEFAULT_CLUSTER_SETTINGS,
  duplicates: DEFAULT_DUPLICATE_SETTINGS,
  related: DEFAULT_RELATED_SETTINGS,
  sections: DEFAULT_SECTION_SETTINGS,
  keptTerms: 80,
  windowMs: DEFAULT_WINDOW_MS,
  evictEvery: 1000,
};

/** An article as the stories stage reads it (a stored article fits after a small mapping). */
export interface StoryDoc {
  /** The article's id (the store's row id as a string, say). */
  id: string;
  title?: string | null;
  /** The extracted body, plain text. */
  text?: string | null;
  /** Publication time; absent: the latest time seen so far. */
  publishedAt?: string | number | Date | null;
  /** Outlet name or host ("also published by", agency detection). */
  source?: string | null;
  /** The source's configured section (or an editor's): the classifier learns from it. */
  sourceSection?: string | null;
  /** The feed entry's categories and the page's own section label: mapped to a section, the
   * classifier learns from it too. */
  categories?: string[] | null;
  /** A section known for sure (an editor set it): the classifier learns from it. */
  knownSection?: string | null;
}

export interface AddResult {
  storyId: number;
  /** True when this article started the story. */
  newStory: boolean;
  /** The canonical article this one copies, or null. */
  duplicateOf: string | null;
  /** Stories merged into `storyId` by this article: store their articles under `storyId`. */
  mergedStories: number[];
  section: string | null;
  sectionReason: SectionReason;
}

export interface StorySummary {
  id: number;
  /** The story's articles still held (inside the window); `firstReport`, `leadArticle`, `outlets` and `size` are of these. */
  articles: string[];
  outlets: string[];
  /** The earliest article and its time (ISO). */
  firstReport: { id: string; at: string };
  lastUpdate: string;
  /** The most central article that is not a copy of another. */
  leadArticle: string;
  /** The lead article's headline. */
  title: string | null;
  size: number;
}

interface ArticleRecord extends RelatedCandidate {
  vector: TermVector;
  title: string | null;
  source: string | null;
  /** The section the article was labelled with (not guessed), for its story's vote. */
  label: string | null;
}

function toTime(v: StoryDoc['publishedAt']): number | null {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** The `n` heaviest terms, heaviest first (ties keep their order). */
function topTerms(v: Map<string, number>, n: number): [string, number][] {
  const all = [...v];
  return all.length <= n ? all : all.sort((a, b) => b[1] - a[1]).slice(0, n);
}

export class StoryEngine {
  readonly settings: StorySettings;
  readonly clusterer: StoryClusterer;
  readonly duplicates: DuplicateIndex;
  readonly classifier: SectionClassifier;
  #articles = new Map<string, ArticleRecord>();
  /** Numbers for the terms held articles' vectors use (each article tokenises afresh). */
  #terms = new TermTable();
  /** Size of `#terms` after it was last rebuilt from the held articles. */
  #termsKept = 0;
  #latest = 0;
  /** Publication times added since the last eviction pass. */
  #recentTimes: number[] = [];
  /** The eviction clock (see EVICTION_CLOCK_QUANTILE). */
  #clock = Number.NEGATIVE_INFINITY;

  constructor(settings: Partial<StorySettings> = {}) {
    this.settings = { ...DEFAULT_STORY_SETTINGS, ...settings };
    this.clusterer = new StoryClusterer(this.settings.cluster);
    this.duplicates = new DuplicateIndex(this.settings.duplicates);
    this.classifier = new SectionClassifier(this.settings.sections);
  }

  /** Replays stored articles (any order: they are sorted by publication time, stably) into a fresh engine. */
  static rebuild(articles: Iterable<StoryDoc>, settings: Partial<StorySettings> = {}, onProgress?: (done: number, total: number) => void): StoryEngine {
    const list = [...articles].map((a, i) => ({ a, i, t: toTime(a.publishedAt) ?? Number.POSITIVE_INFINITY }));
    list.sort((x, y) => x.t - y.t || x.i - y.i);
    const engine = new StoryEngine(settings);
    list.forEach(({ a }, n) => {
      engine.addArticle(a);
      onProgress?.(n + 1, list.length);
    });
    return engine;
  }

  /**
   * Adds an article at ingest time: finds its copies, puts it in a story (a copy goes to its
   * original's story), and picks its section. Adding an id twice is an error: the pipeline
   * calls this once per new article (a revised article keeps its story).
   */
  addArticle(doc: StoryDoc): AddResult {
    if (this.#articles.has(doc.id)) throw new Error(`article ${doc.id} is already in the stories index; add each article once (rebuild after edits)`);
    // Before adding, so an article is never forgotten in the call that adds it.
    if (this.#recentTimes.length >= this.settings.evictEvery) this.#evict();
    const given = toTime(doc.publishedAt);
    const time = given ?? this.#latest;
    if (time > this.#latest) this.#latest = time;
    this.#recentTimes.push(time);

    const dup = this.duplicates.add({ id: doc.id, text: doc.text ?? null, time, source: doc.source ?? null });
    const input = { id: doc.id, title: doc.title ?? null, text: doc.text ?? null, time };
    const vector = this.clusterer.learn(input);
    // A copy joins the story of the text it copies without moving that story's centre:
    // twelve outlets running one wire story are not twelve votes for its wording.
    const copyOf = dup.group !== null ? this.duplicates.group(doc.id)?.members.find((m) => m.id !== doc.id && this.#articles.has(m.id))?.id : undefined;
    let storyId: number | undefined;
    let newStory = false;
    let merged: number[] = [];
    if (copyOf !== undefined) storyId = this.clusterer.attach(doc.id, this.#articles.get(copyOf)!.storyId, time);
    if (storyId === undefined) {
      const r = this.clusterer.addVector(input, vector).result;
      storyId = r.storyId;
      newStory = r.created;
      merged = r.merged;
    }
    const labelled = doc.knownSection ? { section: doc.knownSection, reason: 'source' as const } : labelledSection(doc, this.settings.sections);
    const { section, reason } = labelled ?? chooseSection(doc, this.classifier, this.#storyLabels(storyId));
    this.#articles.set(doc.id, {
      id: doc.id, time, storyId, group: dup.group, vector: new TermVector(topTerms(vector, this.settings.keptTerms), this.#terms),
      title: doc.title ?? null, source: doc.source ?? null, label: labelled?.section ?? null,
    });
    if (labelled) this.classifier.learn(doc, labelled.section);
    return { storyId, newStory, duplicateOf: dup.duplicateOf, mergedStories: merged, section, sectionReason: reason };
  }

  /**
   * Forgets what is older than the window: articles published before the cutoff (records,
   * fingerprints, their place in live stories) and stories last updated before it. Runs
   * every `evictEvery` additions; the same additions in the same order evict the same
   * articles, so a replay gives the same story ids.
   */
  #evict(): void {
    const times = this.#recentTimes.sort((a, b) => a - b);
    const q = times[Math.floor((times.length - 1) * EVICTION_CLOCK_QUANTILE)];
    this.#recentTimes = [];
    if (q !== undefined && q > this.#clock) this.#clock = q;
    const cutoff = this.#clock - this.settings.windowMs;
    if (!Number.isFinite(cutoff)) return;
    // Every article of a forgotten story is older than its last update, so it is among these.
    const gone: string[] = [];
    const touched = new Set<number>();
    for (const r of this.#articles.values()) {
      if (r.time >= cutoff) continue;
      gone.push(r.id);
      const st = this.clusterer.resolve(r.storyId);
      if (st !== undefined) touched.add(st);
    }
    this.clusterer.evictBefore(cutoff);
    if (gone.length === 0) return;
    for (const id of gone) this.#articles.delete(id);
    this.duplicates.evict(gone);
    // Live stories keep only the articles still held (their size stays what it was).
    for (const id of touched) {
      const st = this.clusterer.story(id);
      if (st) st.articles = st.articles.filter((a) => this.#articles.has(a));
    }
    // The term pool keeps terms of forgotten articles too: rebuild it from the held vectors
    // once it has doubled (rarely, so its cost per article stays small).
    if (this.#terms.size > 2 * this.#termsKept + TERM_POOL_SLACK) {
      this.#terms.compact([...this.#articles.values()].map((r) => r.vector));
      this.#termsKept = this.#terms.size;
    }
  }

  /** The labelled sections of the latest articles of a story (the vote `chooseSection` counts). */
  *#storyLabels(storyId: number): Generator<string> {
    const st = this.clusterer.story(storyId);
    if (!st) return;
    for (const id of st.articles.slice(-SECTION_VOTERS)) {
      const label = this.#articles.get(id)?.label;
      if (label) yield label;
    }
  }

  /** The story an article is in now (following merges). */
  storyOf(articleId: string): number | undefined {
    const a = this.#articles.get(articleId);
    return a === undefined ? undefined : this.clusterer.resolve(a.storyId);
  }

  /** The article's canonical copy, or null when it is the original (or has no copies). */
  duplicateOf(articleId: string): string | null {
    const g = this.duplicates.group(articleId);
    return g && g.canonical !== articleId ? g.canonical : null;
  }

  /** Up to `k` related posts (default: the settings' count). */
  related(articleId: string, k = this.settings.related.count): RelatedPost[] {
    const a = this.#articles.get(articleId);
    if (!a) return [];
    const storyId = this.clusterer.resolve(a.storyId);
    const members = (id: number | undefined): ArticleRecord[] => {
      const st = id === undefined ? undefined : this.clusterer.story(id);
      if (!st) return [];
      const ids = st.articles.slice(-this.settings.related.maxStoryScan);
      return ids.map((x) => this.#withGroup(this.#articles.get(x))).filter((x): x is ArticleRecord => x !== undefined);
    };
    const others = this.clusterer
      .similarStories(a.vector.toMap(), a.time)
      .filter((s) => s.id !== storyId)
      .slice(0, k * 2)
      .map((s) => ({ sim: s.sim, members: members(s.id) }));
    return pickRelated(this.#withGroup(a)!, members(storyId), others, this.settings.related, k);
  }

  /** The record with its current duplicate group (a copy may arrive after the original was added). */
  #withGroup(r: ArticleRecord | undefined): ArticleRecord | undefined {
    if (!r) return r;
    const group = this.duplicates.group(r.id)?.key ?? null;
    return group === r.group ? r : Object.assign(r, { group });
  }

  /** What a story knows: articles, outlets, first report, last update, lead article, title, size. */
  story(id: number): StorySummary | undefined {
    const st = this.clusterer.story(id);
    if (!st) return undefined;
    const recs = st.articles.map((x) => this.#articles.get(x)).filter((x): x is ArticleRecord => x !== undefined);
    if (recs.length === 0) return undefined;
    let first = recs[0]!;
    for (const r of recs) if (r.time < first.time) first = r;
    // Lead: the original (non-copy) article closest to the story's centre.
    const centre = new Map<string, number>();
    for (const r of recs) for (const [t, w] of r.vector.entries()) centre.set(t, (centre.get(t) ?? 0) + w);
    let lead = first;
    let leadSim = -1;
    for (const r of recs) {
      if (this.duplicateOf(r.id) !== null) continue;
      const sim = cosine(r.vector, centre);
      if (sim > leadSim) [lead, leadSim] = [r, sim];
    }
    const outlets = [...new Set(recs.map((r) => r.source).filter((s): s is string => !!s))];
    return {
      id: st.id, articles: recs.map((r) => r.id), outlets,
      firstReport: { id: first.id, at: new Date(first.time).toISOString() },
      lastUpdate: new Date(st.lastTime).toISOString(),
      leadArticle: lead.id, title: lead.title, size: recs.length,
    };
  }

  /** Articles held now (those inside the window). */
  get articleCount(): number {
    return this.#articles.size;
  }
}
