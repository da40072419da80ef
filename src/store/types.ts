// types: what the Store API takes and returns. Rows come back camelCased, with timestamps
// as ISO 8601 UTC strings, flags as booleans, JSON parsed and counts as numbers — the same
// on SQLite and PostgreSQL.
import type { Entry } from '../feeds/index.ts';
import type { DisplayMode, SectionReason, SourceKind, SourceState } from './schema.ts';
import type { Article, LeadImage } from '../extract/types.ts';

export type { DisplayMode, SourceKind, SourceState } from './schema.ts';

/** A date the API accepts: a Date or an ISO 8601 string. */
export type DateInput = Date | string;

/** A feed entry as the feeds stage parses it; stored whole with each entry row. */
export type StoredEntry = Entry;

export interface Source {
  id: number;
  /** As the operator gave it (or as discovered). */
  url: string;
  kind: SourceKind;
  name: string | null;
  section: string | null;
  displayMode: DisplayMode;
  urlPattern: string | null;
  useFeedContent: boolean;
  state: SourceState;
  nextPollAt: string;
  intervalSeconds: number | null;
  scheduleReason: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: number | null;
  consecutiveErrors: number;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  /** The operator's bounds on the polling interval (seconds); null: the configured policy. */
  minIntervalSeconds: number | null;
  maxIntervalSeconds: number | null;
  /** The operator's extraction rule for this source's pages, if any. */
  extractionRule: ExtractionRule | null;
  createdAt: string;
  updatedAt: string;
}

/** Where the article body is on a source's pages, when the generic extractor gets it wrong. */
export interface ExtractionRule {
  /** CSS selectors of the body container, tried in order; the first that matches wins. */
  body: string[];
  /** CSS selectors of elements to drop inside the body (share bars, boxes). */
  remove?: string[];
}

/** What `addSource` takes; everything but the URL has a default. */
export interface NewSource {
  url: string;
  kind?: SourceKind;
  name?: string | null;
  section?: string | null;
  displayMode?: DisplayMode;
  urlPattern?: string | null;
  useFeedContent?: boolean;
  /** First poll; default now. */
  nextPollAt?: DateInput;
  minIntervalSeconds?: number | null;
  maxIntervalSeconds?: number | null;
  extractionRule?: ExtractionRule | null;
}

/** What `updateSource` may change. `state: 'active'` resumes a paused or gone source. */
export interface SourcePatch {
  url?: string;
  kind?: SourceKind;
  name?: string | null;
  section?: string | null;
  displayMode?: DisplayMode;
  urlPattern?: string | null;
  useFeedContent?: boolean;
  state?: SourceState;
  nextPollAt?: DateInput;
  minIntervalSeconds?: number | null;
  maxIntervalSeconds?: number | null;
  extractionRule?: ExtractionRule | null;
}

/** The outcome of one poll, for `recordPoll`. The scheduler (src/jobs/schedule.ts) supplies the next time. */
export interface PollRecord {
  at?: DateInput;
  ok: boolean;
  /** HTTP status, if a response came. */
  status?: number | null;
  /** Why it failed, for the operator. */
  error?: string | null;
  nextPollAt: DateInput;
  intervalSeconds?: number | null;
  reason?: string | null;
  /** `gone` (410) sets the source's state to `gone`: it is no longer polled. */
  pause?: 'gone';
  /** Validators for the next conditional GET; `undefined` keeps the stored ones. */
  etag?: string | null;
  lastModified?: string | null;
  /** Also log the fetch, in the same transaction. */
  fetch?: Omit<FetchLogInput, 'sourceId'>;
}

export type EntryOutcome = 'new' | 'changed' | 'unchanged';

export interface UpsertEntryResult {
  /** The entry's row id (stable; jobs can refer to it). */
  entryId: number;
  outcome: EntryOutcome;
  /** The article already saved for this entry, if any. */
  articleId: number | null;
  /** The entry's key within its source (its id, else its URL). */
  key: string;
}

export interface EntryRow {
  id: number;
  sourceId: number;
  key: string;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  firstSeenAt: string;
  changedAt: string;
  articleId: number | null;
  /** The entry as last seen in the feed. */
  entry: StoredEntry;
}

export type ArticleOutcome = 'new' | 'updated' | 'unchanged';

/** The fields of an extracted article the store keeps: src/extract's `Article`, with a lead
 * image whose details may be missing. */
export type ArticleInput = Omit<Article, 'leadImage' | 'reason' | 'strategy'> & { leadImage: ImageInput | null };

export interface SaveArticleInput {
  article: ArticleInput;
  /** The source it came through (kept from the first save). */
  sourceId?: number | null;
  /** Default: the source's section. */
  section?: string | null;
  /** The feed entry's categories and the page's own section label, as given (the stories
   * stage maps them to a section when the source has none). */
  categories?: readonly string[];
  /** The entry it came from: linked to the article in the same transaction. */
  entryId?: number | null;
  now?: DateInput;
}

export interface SaveArticleResult {
  articleId: number;
  /** `new`: first save; `updated`: something changed; `unchanged`: identical re-save (nothing written). */
  outcome: ArticleOutcome;
  /** The article's current revision (a changed headline or body adds one). */
  revision: number;
  /** The URL the article is deduplicated on. */
  canonicalUrl: string;
}

export interface ImageInput {
  url: string;
  caption?: string | null;
  credit?: string | null;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
}

/** A stored image: the extractor's lead image with its row id. */
export type StoredImage = LeadImage & { id: number };

export interface StoredArticle {
  id: number;
  url: string;
  canonicalUrl: string;
  /** A canonical on another site: this is a syndicated copy of that URL. */
  originalUrl: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  /** Published time, else first-seen time. */
  sortAt: string;
  lang: string | null;
  siteName: string | null;
  description: string | null;
  image: StoredImage | null;
  bodyText: string | null;
  html: string | null;
  wordCount: number;
  contentHash: string;
  revision: number;
  sourceId: number | null;
  section: string | null;
  /** Where the section came from (null: no section). */
  sectionReason: SectionReason | null;
  /** The feed's categories and the page's own section label, as given. */
  categories: string[];
  storyId: number | null;
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A short article row for listings. */
export interface ArticleSummary {
  id: number;
  url: string;
  title: string | null;
  description: string | null;
  sortAt: string;
  publishedAt: string | null;
  sourceId: number | null;
  section: string | null;
  storyId: number | null;
}

export interface Revision {
  revision: number;
  title: string | null;
  bodyText: string | null;
  contentHash: string;
  changedAt: string;
}

export interface FetchLogInput {
  sourceId?: number | null;
  url: string;
  /** "feed", "page", "robots", "discover", "image". */
  kind: string;
  status?: number | null;
  bytes?: number | null;
  durationMs?: number | null;
  error?: string | null;
  at?: DateInput;
}

export interface SourceHealth {
  sourceId: number;
  days: number;
  fetches: number;
  /** Fetches that failed: an error, or a status of 400 or more. */
  errors: number;
  /** errors / fetches, 0 when nothing was fetched. */
  errorRate: number;
  avgDurationMs: number | null;
  bytes: number;
  /** Count per HTTP status ("none" when no response came). */
  byStatus: Record<string, number>;
  lastFetchAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** Counts for `newsdesk stats --json`; always numbers. */
export interface StoreStats {
  sources: number;
  entries: number;
  articles: number;
  /** Article revisions beyond the first: how many times stored articles changed. */
  revisions: number;
  /** Distinct stories articles are grouped into. */
  stories: number;
  /** Sources whose last poll failed. */
  errors: number;
  /** Jobs queued or running in the embedded queue. */
  jobsPending: number;
}

export interface SearchOptions {
  /** Default 20, at most 100. */
  limit?: number;
  offset?: number;
  section?: string | null;
  sourceId?: number | null;
  since?: DateInput | null;
  until?: DateInput | null;
  /** Include articles hidden by moderation (admin views). */
  includeHidden?: boolean;
}

export interface SearchHit {
  articleId: number;
  url: string;
  title: string | null;
  description: string | null;
  byline: string | null;
  sourceId: number | null;
  section: string | null;
  publishedAt: string | null;
  sortAt: string;
  /** Higher is better; comparable within one result only. */
  rank: number;
  /** HTML-safe: escaped text with matches in <mark>…</mark>. */
  snippet: string;
}

export interface SearchResult {
  /** The query as understood, e.g. `brexit "trade deal" -football` ("" when nothing searchable). */
  query: string;
  total: number;
  hits: SearchHit[];
}

export interface RobotsRecord {
  host: string;
  status: number | null;
  body: string | null;
  fetchedAt: string;
  expiresAt: string;
}
