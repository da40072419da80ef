// pipeline: what happens to a source and its entries. Poll a due source (conditional GET,
// parse, upsert entries, queue an article job for each new or changed entry, reschedule),
// then for each job fetch the page (unless the source uses feed content), extract (which
// sanitizes) and store — recording health at each step. Every step is idempotent: entries
// and articles are upserts on natural keys and jobs carry keys, so a crash or a second
// delivery repeats work but never duplicates or loses it.
import { extract, type Article } from '../extract/index.ts';
import { decodeHtml } from '../extract/decode.ts';
import { cleanText, parseHtml } from '../extract/dom.ts';
import { FetchError, type Fetcher, type FetchResult } from '../fetch/index.ts';
import { entriesFromSectionPage, FeedError, parseFeed, type Entry, type ParsedFeed } from '../feeds/index.ts';
import type { FetchLogInput, Source, Store, SaveArticleResult } from '../store/index.ts';
import { afterFailure, afterSuccess, DEFAULT_POLICY, type NextPoll, type SchedulePolicy } from './schedule.ts';
import { PermanentJobError, type JobHandler, type JobSpec, type Queue } from './queue.ts';
import type { Logger } from '../log.ts';
import type { StoryAssigner } from './stories.ts';
import { countArticleStored, countExtraction, countFetch, countPoll } from '../ops/index.ts';

/** What the pipeline works with. */
export interface PipelineDeps {
  store: Store;
  fetcher: Fetcher;
  queue: Queue;
  log: Logger;
  /** Newest entries kept from one poll; the rest wait for later polls. */
  maxEntriesPerPoll: number;
  policy?: SchedulePolicy;
  /** The clock (tests). */
  now?: () => Date;
  /** Puts new articles into stories (one process at a time; see stories.ts). */
  stories?: StoryAssigner;
  /** Receives the time spent in each stage (benchmarks, metrics). */
  onStage?: (stage: Stage, ms: number) => void;
}

/** The stages whose time is measured. `fetch` includes waiting for the host's turn. */
export type Stage = 'poll' | 'fetch' | 'extract' | 'store';

/** Runs `fn`, reporting its duration as `stage`. */
async function timed<T>(deps: PipelineDeps, stage: Stage, fn: () => Promise<T> | T): Promise<T> {
  if (!deps.onStage) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    deps.onStage(stage, performance.now() - t0);
  }
}

/**
 * The policy for one source: the operator's bounds for it (admin, write API) replace the
 * configured ones. Errors still back off as configured.
 */
export function sourcePolicy(policy: SchedulePolicy, source: Pick<Source, 'minIntervalSeconds' | 'maxIntervalSeconds'>): SchedulePolicy {
  if (source.minIntervalSeconds == null && source.maxIntervalSeconds == null) return policy;
  const min = source.minIntervalSeconds ?? policy.minIntervalSeconds;
  const max = Math.max(min, source.maxIntervalSeconds ?? policy.maxIntervalSeconds);
  return { ...policy, minIntervalSeconds: min, maxIntervalSeconds: max };
}

/** The outcome of one poll, for the CLI and logs. */
export interface PollSummary {
  sourceId: number;
  ok: boolean;
  status: number | null;
  notModified: boolean;
  entries: number;
  newEntries: number;
  changedEntries: number;
  /** Entries beyond maxEntriesPerPoll that this poll left for later. */
  droppedEntries: number;
  error: string | null;
  next: NextPoll;
}

/** What a poll asks for (also the add-source preview's, so it sees what polling will). */
export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1';
/** What an article page fetch asks for. */
export const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
/** Child sitemaps read from one sitemap index per poll (the first ones listed). */
const MAX_CHILD_SITEMAPS = 5;
/** Statuses after which fetching the same page again cannot help. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 406, 410, 451]);
const WEEK_MS = 7 * 24 * 3600_000;

/**
 * Polls one source and records the outcome (errors included: they never throw). New and
 * changed entries are stored and their article jobs queued in one transaction.
 */
export async function pollSource(deps: PipelineDeps, source: Source): Promise<PollSummary> {
  return timed(deps, 'poll', () => pollSourceUntimed(deps, source));
}

async function pollSourceUntimed(deps: PipelineDeps, source: Source): Promise<PollSummary> {
  const now = deps.now?.() ?? new Date();
  const policy = sourcePolicy(deps.policy ?? DEFAULT_POLICY, source);
  let res: FetchResult | null = null;
  try {
    res = await deps.fetcher.fetch(source.url, { etag: source.etag, lastModified: source.lastModified, accept: FEED_ACCEPT });
    countFetch('feed', res.status);
    if (res.notModified) {
      return await succeed(deps, source, now, res, null, { entries: 0, newEntries: 0, changedEntries: 0, droppedEntries: 0 }, policy);
    }
    if (res.status >= 400) throw new PollProblem(`the server answered HTTP ${res.status}`, res.status, res.retryAfterSeconds);
    const feed = await readSource(deps, source, res, now);
    const counts = await storeEntries(deps, source, feed.entries, now);
    counts.droppedEntries = feed.droppedEntries ?? 0;
    if (counts.droppedEntries > 0) {
      deps.log.warn('source flooded: kept the newest entries, the rest wait for later polls', {
        sourceId: source.id,
        kept: feed.entries.length,
        dropped: counts.droppedEntries,
      });
    }
    return await succeed(deps, source, now, res, feed.ttlSeconds, counts, policy);
  } catch (err) {
    countPoll('error');
    if (!res) countFetch('feed', null);
    const status = err instanceof PollProblem ? err.status : res?.status ?? null;
    const retryAfter = err instanceof PollProblem ? err.retryAfterSeconds : null;
    const message = pollErrorText(err);
    const next = afterFailure(now, { consecutiveErrors: source.consecutiveErrors + 1, status, retryAfterSeconds: retryAfter }, policy);
    await deps.store.recordPoll(source.id, {
      at: now,
      ok: false,
      status,
      error: message,
      nextPollAt: next.nextPollAt,
      intervalSeconds: next.intervalSeconds,
      reason: next.reason,
      pause: next.pause,
      fetch: { url: source.url, kind: 'feed', status, bytes: res?.bytes.length ?? null, durationMs: res?.durationMs ?? null, error: message },
    });
    deps.log.warn('poll failed', { sourceId: source.id, url: source.url, error: message, retryAt: next.nextPollAt.toISOString(), paused: next.pause ?? null });
    return { sourceId: source.id, ok: false, status, notModified: false, entries: 0, newEntries: 0, changedEntries: 0, droppedEntries: 0, error: message, next };
  }
}

/** A failed poll with what the scheduler needs to know. */
class PollProblem extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

async function readSource(deps: PipelineDeps, source: Source, res: FetchResult, now: Date): Promise<ParsedFeed> {
  const opts = { url: res.finalUrl, contentType: res.contentType, now, maxEntries: deps.maxEntriesPerPoll };
  if (source.kind === 'section') {
    if (!source.urlPattern) throw new PollProblem('a section-page source needs a URL pattern (sources add … --pattern REGEX)', null, null);
    const html = decodeHtml(res.bytes, res.contentType).text;
    const entries = entriesFromSectionPage(html, res.finalUrl, source.urlPattern).slice(0, deps.maxEntriesPerPoll);
    return { format: 'rss', title: null, link: res.finalUrl, lang: null, ttlSeconds: null, entries };
  }
  const feed = parseFeed(res.bytes, opts);
  if (feed.format !== 'sitemap-index') return feed;
  // A sitemap index: read its first child sitemaps (news sites list the current ones first).
  const entries: Entry[] = [];
  for (const child of (feed.sitemaps ?? []).slice(0, MAX_CHILD_SITEMAPS)) {
    try {
      const r = await deps.fetcher.fetch(child, { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' });
      if (r.status >= 400) throw new Error(`HTTP ${r.status}`);
      entries.push(...parseFeed(r.bytes, { ...opts, url: r.finalUrl }).entries);
    } catch (err) {
      deps.log.warn('child sitemap failed', { sourceId: source.id, url: child, error: pollErrorText(err) });
    }
  }
  entries.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const kept = entries.slice(0, deps.maxEntriesPerPoll);
  return { ...feed, entries: kept, droppedEntries: entries.length - kept.length };
}

async function storeEntries(
  deps: PipelineDeps,
  source: Source,
  entries: readonly Entry[],
  now: Date,
): Promise<{ entries: number; newEntries: number; changedEntries: number; droppedEntries: number }> {
  // Newest first, so a flooded source's latest entries are fetched first.
  const ordered = [...entries].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  let newEntries = 0;
  let changedEntries = 0;
  await deps.store.transaction(async (tx) => {
    const results = await tx.upsertEntries(source.id, ordered, now);
    const jobs: JobSpec[] = [];
    results.forEach((r, i) => {
      if (r.outcome === 'new') newEntries++;
      else if (r.outcome === 'changed') changedEntries++;
      // A new or changed entry needs its article (again). The job commits with the entry,
      // so a crash cannot leave an entry without its job.
      if (r.outcome !== 'unchanged') jobs.push(articleJob(r.entryId, i, source.id));
    });
    await deps.queue.add(jobs, tx);
  });
  return { entries: entries.length, newEntries, changedEntries, droppedEntries: 0 };
}

/** The job that turns entry `entryId` into an article; `rank` orders it within its poll. */
export function articleJob(entryId: number, rank = 0, sourceId?: number): JobSpec {
  // The source id lets the job read its entry and its source at once (a round trip fewer on
  // PostgreSQL); the entry's own source id still decides.
  const payload = sourceId === undefined ? { entryId } : { entryId, sourceId };
  return { name: 'fetch-article', payload, key: `article:${entryId}`, priority: Math.min(rank, 1_000_000) };
}

async function succeed(
  deps: PipelineDeps,
  source: Source,
  now: Date,
  res: FetchResult,
  ttlSeconds: number | null,
  counts: { entries: number; newEntries: number; changedEntries: number; droppedEntries: number },
  policy: SchedulePolicy,
): Promise<PollSummary> {
  const times = await deps.store.entryTimes(source.id, new Date(now.getTime() - WEEK_MS));
  const next = afterSuccess(now, { recentEntryTimes: times, maxAgeSeconds: res.maxAgeSeconds, ttlSeconds, retryAfterSeconds: res.retryAfterSeconds }, policy);
  await deps.store.recordPoll(source.id, {
    at: now,
    ok: true,
    status: res.status,
    nextPollAt: next.nextPollAt,
    intervalSeconds: next.intervalSeconds,
    reason: next.reason,
    // A 304 carries no new validators; keep what we have.
    etag: res.notModified ? undefined : res.etag,
    lastModified: res.notModified ? undefined : res.lastModified,
    fetch: { url: source.url, kind: 'feed', status: res.status, bytes: res.bytes.length, durationMs: res.durationMs },
  });
  countPoll(res.notModified ? 'not_modified' : 'ok');
  deps.log.info('polled', { sourceId: source.id, status: res.status, ...counts, nextPollAt: next.nextPollAt.toISOString() });
  return { sourceId: source.id, ok: true, status: res.status, notModified: res.notModified, ...counts, error: null, next };
}

/** Words for an operator: what failed, without a stack. */
function pollErrorText(err: unknown): string {
  if (err instanceof FeedError || err instanceof FetchError || err instanceof PollProblem) return err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

// ---------------------------------------------------------------- articles

/**
 * Fetches, extracts and stores the article of one entry. Throws to ask for a retry
 * (network trouble, 5xx); throws PermanentJobError when retrying cannot help.
 */
export async function fetchArticle(deps: PipelineDeps, entryId: number, sourceIdHint?: number): Promise<SaveArticleResult | null> {
  const [entryRow, hinted] = await Promise.all([deps.store.getEntry(entryId), sourceIdHint === undefined ? null : sourceOf(deps, sourceIdHint)]);
  if (!entryRow) return null; // the source was removed meanwhile
  const source = hinted?.id === entryRow.sourceId ? hinted : await sourceOf(deps, entryRow.sourceId);
  if (!source) return null;
  const entry = entryRow.entry;
  const now = deps.now?.() ?? new Date();

  let article: Article | null = null;
  let fetchLog: FetchLogInput | null = null;
  if (!source.useFeedContent && entry.url) {
    ({ article, fetchLog } = await fromPage(deps, source, entry));
  }
  if (!article) {
    if (!entry.contentHtml && !entry.summary) {
      throw new PermanentJobError(entry.url ? `no article at ${entry.url} and no content in the feed` : 'the entry has neither a link nor content');
    }
    article = fromFeedContent(entry);
  }
  const merged = withEntryFallbacks(article, entry);
  // What the outlet files the article under, for the stories stage's choice of section.
  const categories = article.section ? [...entry.categories, article.section] : entry.categories;
  const saved = await timed(deps, 'store', () => deps.store.saveArticle({ article: merged, sourceId: source.id, section: source.section, categories, entryId, now }));
  if (fetchLog) logPageFetch(deps, fetchLog);
  countArticleStored(saved.outcome, entryRow.firstSeenAt, deps.now?.() ?? new Date());
  deps.log.debug('article', { sourceId: source.id, entryId, articleId: saved.articleId, outcome: saved.outcome });
  return saved;
}

/** How long a source read for an article job is reused: a burst of one source's articles
 * reads it once, and an operator's edit shows within seconds. */
const SOURCE_CACHE_MS = 5_000;
const sourceCache = new WeakMap<Store, Map<number, { source: Source | null; at: number }>>();

async function sourceOf(deps: PipelineDeps, id: number): Promise<Source | null> {
  let byId = sourceCache.get(deps.store);
  if (!byId) sourceCache.set(deps.store, (byId = new Map()));
  const hit = byId.get(id);
  const now = Date.now();
  if (hit && now - hit.at < SOURCE_CACHE_MS) return hit.source;
  const source = await deps.store.getSource(id);
  byId.set(id, { source, at: now });
  return source;
}

/**
 * The page's article, or null when the page cannot give one and the feed content should;
 * with the fetch-log line of a successful fetch, for the caller to write with the article.
 */
async function fromPage(deps: PipelineDeps, source: Source, entry: Entry): Promise<{ article: Article | null; fetchLog: FetchLogInput | null }> {
  const url = entry.url!;
  let res: FetchResult;
  try {
    res = await timed(deps, 'fetch', () => deps.fetcher.fetch(url, { obeyRobots: true, accept: PAGE_ACCEPT }));
  } catch (err) {
    countFetch('page', null);
    const message = pollErrorText(err);
    logPageFetch(deps, { sourceId: source.id, url, kind: 'page', error: message });
    if (err instanceof FetchError && err.code === 'robots-disallowed') {
      // robots.txt forbids the page: the feed's own content is all we may use.
      if (entry.contentHtml || entry.summary) return { article: null, fetchLog: null };
      throw new PermanentJobError(message);
    }
    if (err instanceof FetchError && (err.code === 'blocked-address' || err.code === 'bad-url' || err.code === 'too-large')) {
      throw new PermanentJobError(message);
    }
    throw err;
  }
  const fetchLog: FetchLogInput = { sourceId: source.id, url, kind: 'page', status: res.status, bytes: res.bytes.length, durationMs: res.durationMs };
  countFetch('page', res.status);
  if (res.status >= 400) {
    const message = `the article page answered HTTP ${res.status}`;
    if (PERMANENT_STATUSES.has(res.status) && entry.contentHtml) return { article: null, fetchLog };
    logPageFetch(deps, fetchLog);
    if (PERMANENT_STATUSES.has(res.status)) throw new PermanentJobError(message);
    throw new Error(message);
  }
  const article = await timed(deps, 'extract', () => extract({ html: res.bytes, url: res.finalUrl, contentType: res.contentType }, { rule: source.extractionRule }));
  countExtraction({ body: article.articleBody !== null, image: article.leadImage !== null, date: article.publishedAt !== null });
  if (article.articleBody === null && (entry.contentHtml || entry.summary)) return { article: null, fetchLog };
  return { article, fetchLog };
}

// ---------------------------------------------------------------- the page fetch log

/** Page fetch-log lines are written in batches: this many at most, and none waits longer
 * than FETCH_LOG_FLUSH_MS. A line per article would be a write (on PostgreSQL a round trip)
 * per article. The log is for the operator's health figures, not part of what a job
 * guarantees: a process that dies loses at most the last second of lines (its unfinished
 * jobs run again and log their fetches anew), never an article or an entry. */
const FETCH_LOG_BATCH = 200;
const FETCH_LOG_FLUSH_MS = 1_000;

class FetchLogBuffer {
  #lines: FetchLogInput[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  readonly #store: Store;
  readonly #log: Logger;

  constructor(store: Store, log: Logger) {
    this.#store = store;
    this.#log = log;
  }

  add(line: FetchLogInput): void {
    this.#lines.push({ ...line, at: line.at ?? new Date() });
    if (this.#lines.length >= FETCH_LOG_BATCH) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), FETCH_LOG_FLUSH_MS).unref();
  }

  /** Writes what is buffered; resolves when every line added before the call is written. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const lines = this.#lines;
    this.#lines = [];
    // One write at a time, in order.
    this.#flushing = this.#flushing.then(async () => {
      if (lines.length === 0) return;
      try {
        await this.#store.logFetch(lines);
      } catch (err) {
        this.#log.warn('could not write page fetch-log lines; they are dropped', { lines: lines.length, error: err instanceof Error ? err.message : String(err) });
      }
    });
    return this.#flushing;
  }
}

const fetchLogs = new WeakMap<Store, FetchLogBuffer>();

function logPageFetch(deps: PipelineDeps, line: FetchLogInput): void {
  let buf = fetchLogs.get(deps.store);
  if (!buf) fetchLogs.set(deps.store, (buf = new FetchLogBuffer(deps.store, deps.log)));
  buf.add(line);
}

/** Writes the page fetch-log lines still buffered (at the end of a run, before closing the store). */
export async function flushFetchLog(deps: PipelineDeps): Promise<void> {
  await fetchLogs.get(deps.store)?.flush();
}

/** An article made from the feed's own content (already sanitized by the feed parser). */
function fromFeedContent(entry: Entry): Article {
  const html = entry.contentHtml ?? entry.summary ?? '';
  const page = `<!doctype html><html><head><meta charset="utf-8"></head><body><article>${html}</article></body></html>`;
  const a = extract({ html: page, url: entry.url });
  // The extractor may judge a short feed item "no article"; the feed's text is still the item.
  if (a.articleBody === null) {
    const text = cleanText(parseHtml(html));
    return { ...a, articleBody: text || null, html: html || null, wordCount: text ? text.split(' ').length : 0, strategy: 'feed' };
  }
  return { ...a, strategy: 'feed' };
}

/** Fills what the page did not say from what the feed said. */
function withEntryFallbacks(a: Article, e: Entry): Article {
  return {
    ...a,
    url: a.url ?? e.url,
    title: a.title ?? e.title,
    authors: a.authors.length ? a.authors : e.authors,
    publishedAt: a.publishedAt ?? e.publishedAt,
    modifiedAt: a.modifiedAt ?? e.updatedAt,
    lang: a.lang ?? e.lang,
    leadImage:
      a.leadImage ??
      (e.image && (!e.image.type || e.image.type.startsWith('image/'))
        ? { url: e.image.url, caption: e.image.caption, credit: null, alt: null, width: e.image.width, height: e.image.height }
        : null),
  };
}

/** The job handler for the queue. */
export function jobHandler(deps: PipelineDeps): JobHandler {
  return async (job) => {
    if (job.name === 'fetch-article') {
      const entryId = Number(job.payload.entryId);
      if (!Number.isInteger(entryId)) throw new PermanentJobError(`bad job payload ${JSON.stringify(job.payload)}`);
      // Jobs queued by older versions carry no source id.
      const sourceId = job.payload.sourceId === undefined ? undefined : Number(job.payload.sourceId);
      await fetchArticle(deps, entryId, Number.isInteger(sourceId) ? sourceId : undefined);
      return;
    }
    throw new PermanentJobError(`unknown job ${String(job.name)}`);
  };
}
