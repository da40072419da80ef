// rows: conversions between database rows and API objects, so that both databases look the
// same from outside — ISO timestamps, booleans, parsed JSON, numbers.
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ArticlesTable, EntriesTable, ImagesTable, SourcesTable } from './schema.ts';
import type { DateInput, EntryRow, ExtractionRule, Source, StoredArticle, StoredEntry, StoredImage } from './types.ts';

/** Raised for input the store cannot take; the message says what to fix. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** A DateInput as an ISO 8601 UTC string; throws StoreError for an unreadable date. */
export function iso(value: DateInput): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new StoreError(`not a valid date: ${JSON.stringify(String(value))}`);
  return d.toISOString();
}

/** Like `iso` but null for missing or unreadable dates (article metadata is often junk). */
export function isoOrNull(value: DateInput | null | undefined): string | null {
  if (value == null || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function flag(value: boolean | undefined | null): 0 | 1 {
  return value ? 1 : 0;
}

/** Reads a flag column: 0/1 on SQLite, false/true on PostgreSQL. */
export function readFlag(value: number | boolean): boolean {
  return value === true || value === 1;
}

/** Reads a JSON column: text on SQLite, already parsed on PostgreSQL. */
export function readJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string') return (value ?? fallback) as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** Numbers from aggregates: PostgreSQL returns bigint/numeric as strings unless parsed. */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value !== '') return Number(value);
  return 0;
}

/** SHA-256 of the parts, hex. */
export function hash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Whitespace collapsed and trimmed; empty becomes null. */
export function cleanText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

export function sourceFromRow(r: Selectable<SourcesTable>): Source {
  return {
    id: r.id,
    url: r.url,
    kind: r.kind,
    name: r.name,
    section: r.section,
    displayMode: r.display_mode,
    urlPattern: r.url_pattern,
    useFeedContent: readFlag(r.use_feed_content),
    state: r.state,
    nextPollAt: r.next_poll_at,
    intervalSeconds: r.interval_seconds,
    scheduleReason: r.schedule_reason,
    lastPolledAt: r.last_polled_at,
    lastSuccessAt: r.last_success_at,
    lastStatus: r.last_status,
    consecutiveErrors: num(r.consecutive_errors),
    lastError: r.last_error,
    etag: r.etag,
    lastModified: r.last_modified,
    minIntervalSeconds: r.min_interval_seconds == null ? null : num(r.min_interval_seconds),
    maxIntervalSeconds: r.max_interval_seconds == null ? null : num(r.max_interval_seconds),
    extractionRule: r.extraction_rule ? readJson<ExtractionRule | null>(r.extraction_rule, null) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function entryFromRow(r: Selectable<EntriesTable>): EntryRow {
  return {
    id: r.id,
    sourceId: r.source_id,
    key: r.entry_key,
    url: r.url,
    title: r.title,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    firstSeenAt: r.first_seen_at,
    changedAt: r.changed_at,
    articleId: r.article_id,
    entry: readJson<StoredEntry>(r.data, {} as StoredEntry),
  };
}

export function imageFromRow(r: Selectable<ImagesTable>): StoredImage {
  return { id: r.id, url: r.url, caption: r.caption, credit: r.credit, alt: r.alt, width: r.width, height: r.height };
}

export function articleFromRow(r: Selectable<ArticlesTable>, image: StoredImage | null): StoredArticle {
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    originalUrl: r.original_url,
    title: r.title,
    authors: readJson<string[]>(r.authors, []),
    publishedAt: r.published_at,
    modifiedAt: r.modified_at,
    sortAt: r.sort_at,
    lang: r.lang,
    siteName: r.site_name,
    description: r.description,
    image,
    bodyText: r.body_text,
    html: r.html,
    wordCount: num(r.word_count),
    contentHash: r.content_hash,
    revision: num(r.revision),
    sourceId: r.source_id,
    section: r.section,
    sectionReason: r.section_reason,
    categories: readJson<string[]>(r.categories, []),
    storyId: r.story_id,
    hidden: readFlag(r.hidden),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
