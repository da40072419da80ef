// schema: the tables as Kysely sees them. One interface for both databases; the few places
// where SQLite and PostgreSQL store a value differently are typed loosely here and
// normalised when read (see `rows.ts`):
// - timestamps are ISO 8601 strings in UTC (TEXT on SQLite; timestamptz on PostgreSQL,
//   read back as ISO strings by the pool's type parser);
// - flags are written as 0/1 (PostgreSQL's boolean input accepts '0'/'1') and read back as
//   0/1 on SQLite or false/true on PostgreSQL;
// - JSON columns are written as JSON text and read back as text (SQLite) or parsed (jsonb).
import type { ColumnType, Generated } from 'kysely';

/** ISO 8601 UTC timestamp, e.g. "2024-05-01T12:00:00.000Z". */
export type Timestamp = string;
/** A flag: written 0/1, read as a number (SQLite) or a boolean (PostgreSQL). */
export type Flag = ColumnType<number | boolean, 0 | 1, 0 | 1>;
/** A JSON column: written as JSON text, read as text (SQLite) or a parsed value (PostgreSQL). */
export type Json = ColumnType<unknown, string, string>;

export type SourceKind = 'feed' | 'sitemap' | 'section' | 'json';
export type DisplayMode = 'excerpt' | 'full';
/** `active` is polled; `paused` was stopped by an operator; `gone` answered 410 Gone. */
export type SourceState = 'active' | 'paused' | 'gone';
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface SourcesTable {
  id: Generated<number>;
  /** The feed, sitemap or section page, as given. */
  url: string;
  /** `url` normalised with `canonicalizeUrl`: unique, so a source cannot be added twice. */
  url_key: string;
  kind: SourceKind;
  name: string | null;
  section: string | null;
  display_mode: DisplayMode;
  /** For section pages: a regex that article links match. */
  url_pattern: string | null;
  /** Build articles from the feed's own content instead of fetching each page. */
  use_feed_content: Flag;
  state: SourceState;
  next_poll_at: Timestamp;
  interval_seconds: number | null;
  /** Which scheduling rule chose the interval ("frequency", "cache", "backoff", …). */
  schedule_reason: string | null;
  last_polled_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_status: number | null;
  consecutive_errors: number;
  last_error: string | null;
  etag: string | null;
  last_modified: string | null;
  /** The operator's bounds on the adaptive interval (seconds); null: the configured policy. */
  min_interval_seconds: number | null;
  max_interval_seconds: number | null;
  /** An operator's extraction rule for this source's pages (JSON: `{ body: [css…], remove?: [css…] }`). */
  extraction_rule: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EntriesTable {
  id: Generated<number>;
  source_id: number;
  /** The feed's guid/id (else its link): unique per source. */
  entry_key: string;
  url: string | null;
  title: string | null;
  published_at: Timestamp | null;
  updated_at: Timestamp | null;
  /** Hash of the fields whose change means the article should be fetched again. */
  content_hash: string;
  /** The whole entry as parsed, so a job can work from the entry id alone. */
  data: Json;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  changed_at: Timestamp;
  article_id: number | null;
}

export interface ArticlesTable {
  id: Generated<number>;
  /** The URL the page was fetched from. */
  url: string;
  /** The dedup key: the canonical URL, normalised. Unique. */
  canonical_url: string;
  /** A `rel=canonical` on another site (syndicated copy): kept for the stories stage. */
  original_url: string | null;
  title: string | null;
  /** JSON array of names. */
  authors: Json;
  /** The authors joined with ", " (searched and printed). */
  byline: string | null;
  published_at: Timestamp | null;
  modified_at: Timestamp | null;
  /** Published time, else first-seen time: what listings and search filters sort by. */
  sort_at: Timestamp;
  lang: string | null;
  site_name: string | null;
  description: string | null;
  image_id: number | null;
  body_text: string | null;
  /** Sanitized HTML. */
  html: string | null;
  word_count: number;
  /** Hash of headline + body text; a change makes a new revision. */
  content_hash: string;
  /** Hash of every stored field; equal means a re-save changes nothing. */
  record_hash: string;
  /** The current revision number (1 for a never-changed article). */
  revision: number;
  source_id: number | null;
  section: string | null;
  /** Where `section` came from (null: no section). */
  section_reason: SectionReason | null;
  /** The feed entry's categories and the page's own section label, as given (JSON array), or null. */
  categories: ColumnType<unknown, string | null, string | null>;
  story_id: number | null;
  hidden: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Where an article's section came from. Given: `source` (the source's configured section),
 * `editor` (corrected in the admin); chosen by the stories stage: `feed-category` (the
 * feed's or the page's own category), `story` (what its story's other articles were filed
 * under), `classifier`, `lexicon`.
 */
export type SectionReason = 'source' | 'editor' | 'feed-category' | 'story' | 'classifier' | 'lexicon';

/** Sections the stories stage keeps: the operator's. */
export const GIVEN_SECTION_REASONS: readonly SectionReason[] = ['source', 'editor'];

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  title: string | null;
  body_text: string | null;
  content_hash: string;
  changed_at: Timestamp;
}

export interface ImagesTable {
  id: Generated<number>;
  url: string;
  caption: string | null;
  credit: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FetchLogTable {
  id: Generated<number>;
  source_id: number | null;
  url: string;
  /** What was fetched: "feed", "page", "robots", "discover", "image". */
  kind: string;
  status: number | null;
  bytes: number | null;
  duration_ms: number | null;
  error: string | null;
  at: Timestamp;
}

export interface JobsTable {
  id: Generated<number>;
  /** The job's kind, e.g. "poll" or "fetch-article". */
  name: string;
  /** Idempotence key: a second job with the same key is not queued again. */
  key: string | null;
  payload: Json;
  /** Default 'queued'. */
  state: ColumnType<JobState, JobState | undefined, JobState>;
  /** Lower runs first. Default 0. */
  priority: Generated<number>;
  run_at: Timestamp;
  /** Default 0. */
  attempts: Generated<number>;
  /** Default 5. */
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RobotsTable {
  /** "host:port" as the fetcher keys it. */
  host: string;
  status: number | null;
  body: string | null;
  fetched_at: Timestamp;
  expires_at: Timestamp;
}

export interface AdminUsersTable {
  id: Generated<number>;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (base64url parts); never the password itself. */
  password_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdminSessionsTable {
  /** SHA-256 (hex) of the cookie's secret: a stolen database does not yield live cookies. */
  id: string;
  username: string;
  /** The session's CSRF token, echoed by every form. */
  csrf: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  /** The token's last characters, to tell tokens apart in lists. */
  hint: string;
  created_by: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Who: an admin's username, or "token:<name>". */
  actor: string;
  /** What, e.g. "article.hide", "story.merge", "source.add". */
  action: string;
  target_type: string;
  target_id: string | null;
  /** What is needed to show and to undo the action (JSON). */
  detail: Json;
  at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface StoryModerationTable {
  story_id: number;
  /** Set while the story is pinned on the home page. */
  pinned_at: Timestamp | null;
  hidden: Flag;
  /** The headline shown for the story instead of its lead article's. */
  title: string | null;
  updated_at: Timestamp;
}

export interface StoryRedirectsTable {
  /** A story merged away … */
  from_id: number;
  /** … into this one. */
  to_id: number;
  /** An operator's merge (kept through regroupings), or the story engine's (default 1). */
  by_operator: ColumnType<number | boolean, 0 | 1 | undefined, 0 | 1>;
  created_at: Timestamp;
}

export interface ArticleOverridesTable {
  article_id: number;
  /** The operator's headline (kept when the source changes the article). */
  title: string | null;
  section: string | null;
  /** A story chosen by the operator (split); the story engine does not move it. */
  story_id: number | null;
  /** Hidden by the operator on its own (not with its story): showing the story again keeps it hidden. */
  hidden: Flag;
  updated_at: Timestamp;
}

/** Every table, for `Kysely<Database>`. */
export interface Database {
  sources: SourcesTable;
  entries: EntriesTable;
  articles: ArticlesTable;
  article_revisions: ArticleRevisionsTable;
  images: ImagesTable;
  fetch_log: FetchLogTable;
  jobs: JobsTable;
  robots: RobotsTable;
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  story_moderation: StoryModerationTable;
  story_redirects: StoryRedirectsTable;
  article_overrides: ArticleOverridesTable;
}
