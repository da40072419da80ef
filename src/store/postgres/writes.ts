// postgres/writes: the ingest's hot writes as single statements, for the store to use on
// PostgreSQL. Each statement is one round trip to the server where the portable code takes
// one per row (a poll's entries) or nine (an article with its image, first revision and
// entry link): with workers and the server sharing a machine, round trips, not rows, are
// what ingest time goes to. The portable code in store.ts stays the reference and the path
// for everything these do not cover (an article that already exists, repeated entry keys).
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { LeadImage } from '../../extract/types.ts';
import type { ArticlesTable, Database, FetchLogTable } from '../schema.ts';

type Db = Kysely<Database>;

/** One feed entry as store.ts prepares it. */
export interface EntryValues {
  key: string;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  contentHash: string;
  /** The entry as JSON text. */
  data: string;
}

/** What `upsertEntryBatch` did to one key. */
export interface EntryWrite {
  key: string;
  /** Null only when another transaction inserted the key after this statement's snapshot
   * with the same content (nothing written, nothing to report: the caller looks it up). */
  id: number | null;
  /** The row existed before this statement (so a write was a change). */
  existed: boolean;
  /** This statement inserted or changed the row. */
  written: boolean;
  /** The article linked to the entry before this statement. */
  articleId: number | null;
}

/**
 * Inserts new entries and updates those whose content hash changed, in one statement.
 * Keys must be unique within `entries` (one insert cannot touch a row twice). Rows whose
 * hash is unchanged are not written, as in the portable path.
 */
export async function upsertEntryBatch(db: Db, sourceId: number, entries: readonly EntryValues[], at: string): Promise<EntryWrite[]> {
  const col = <T>(f: (e: EntryValues) => T) => entries.map(f);
  const r = await sql<{ key: string; id: number | null; existed: boolean; written: boolean; article_id: number | null }>`
    with input as (
      select * from unnest(
        ${col((e) => e.key)}::text[], ${col((e) => e.url)}::text[], ${col((e) => e.title)}::text[],
        ${col((e) => e.publishedAt)}::timestamptz[], ${col((e) => e.updatedAt)}::timestamptz[],
        ${col((e) => e.contentHash)}::text[], ${col((e) => e.data)}::text[]
      ) with ordinality as t(entry_key, url, title, published_at, updated_at, content_hash, data, ord)
    ),
    prior as (
      select e.id, e.entry_key, e.article_id from entries e
      where e.source_id = ${sourceId} and e.entry_key = any(${col((e) => e.key)}::text[])
    ),
    written as (
      insert into entries (source_id, entry_key, url, title, published_at, updated_at, content_hash, data, first_seen_at, last_seen_at, changed_at)
      select ${sourceId}, entry_key, url, title, published_at, updated_at, content_hash, data::jsonb, ${at}, ${at}, ${at}
      from input order by ord
      on conflict (source_id, entry_key) do update set
        url = excluded.url, title = excluded.title, published_at = excluded.published_at, updated_at = excluded.updated_at,
        content_hash = excluded.content_hash, data = excluded.data, last_seen_at = excluded.last_seen_at, changed_at = excluded.changed_at
      where entries.content_hash is distinct from excluded.content_hash
      returning id, entry_key
    )
    select i.entry_key as key, coalesce(w.id, p.id) as id, p.id is not null as existed, w.id is not null as written, p.article_id
    from input i left join written w on w.entry_key = i.entry_key left join prior p on p.entry_key = i.entry_key
    order by i.ord`.execute(db);
  return r.rows.map((row) => ({ key: row.key, id: row.id, existed: row.existed, written: row.written, articleId: row.article_id }));
}

type ArticleRow = Selectable<ArticlesTable>;

/** An article's extracted fields as store.ts computes them (authors as their JSON text). */
export type ArticleFields = Pick<
  ArticleRow,
  'url' | 'original_url' | 'title' | 'byline' | 'published_at' | 'modified_at' | 'lang' | 'site_name' | 'description' | 'body_text' | 'html' | 'word_count'
> & { authors: string; categories: string | null };

/** An article row as store.ts computes it (every column the first save writes). */
export type NewArticleValues = ArticleFields &
  Pick<ArticleRow, 'canonical_url' | 'sort_at' | 'content_hash' | 'record_hash' | 'source_id' | 'created_at'>;

/** An article's lead image as store.ts prepares it (the extractor's shape, cleaned). */
export type NewImageValues = LeadImage;

export interface NewArticleInput {
  article: NewArticleValues;
  /** The section; `undefined` takes the source's. */
  section: string | null | undefined;
  image: NewImageValues | null;
  entryId: number | null;
}

/** What `insertNewArticle` did. */
export type NewArticleOutcome =
  /** Saved as new (revision 1), with its image and entry link. */
  | { kind: 'inserted'; articleId: number }
  /** An article with this canonical URL exists: nothing of the article was written (the
   * image may have been saved, as the full path would): save it the full way. */
  | { kind: 'exists' }
  /** The entry does not exist: nothing was written. */
  | { kind: 'no-entry' };

/**
 * The first save of an article in one statement: the lead image (upserted, known values
 * kept as `#saveImage` does), the article row, its revision 1 and the entry link. When
 * `entryId` is given the entry row is locked first and nothing is written without it.
 * Atomic as any single statement; inside a transaction it joins it.
 */
export async function insertNewArticle(db: Db, input: NewArticleInput): Promise<NewArticleOutcome> {
  const a = input.article;
  const hasEntry = input.entryId != null;
  const ctes: RawBuilder<unknown>[] = [];
  // With an entry, every write below selects from `ent`: no entry, no rows.
  if (hasEntry) ctes.push(sql`ent as (select id from entries where id = ${input.entryId} for update)`);
  const gate = hasEntry ? sql`from ent` : sql``;
  const img = input.image;
  if (img) {
    const merged = (c: string) => sql`coalesce(excluded.${sql.ref(c)}, images.${sql.ref(c)})`;
    const cols = ['caption', 'credit', 'alt', 'width', 'height'];
    const differs = sql.join(
      cols.map((c) => sql`${merged(c)} is distinct from images.${sql.ref(c)}`),
      sql` or `,
    );
    ctes.push(sql`img as (
      insert into images (url, caption, credit, alt, width, height, created_at, updated_at)
      select ${img.url}, ${img.caption}, ${img.credit}, ${img.alt}, ${img.width}::int, ${img.height}::int, ${a.created_at}::timestamptz, ${a.created_at}::timestamptz ${gate}
      on conflict (url) do update set
        ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${merged(c)}`))},
        updated_at = case when ${differs} then excluded.updated_at else images.updated_at end
      returning id)`);
  }
  const section = input.section === undefined ? (a.source_id != null ? sql`(select section from sources where id = ${a.source_id})` : sql`null`) : sql`${input.section}::text`;
  ctes.push(sql`sec as (select ${section} as section)`);
  ctes.push(sql`art as (
    insert into articles (url, canonical_url, original_url, title, authors, byline, published_at, modified_at, sort_at, lang,
      site_name, description, image_id, body_text, html, word_count, content_hash, record_hash, revision, source_id, section,
      section_reason, categories, story_id, hidden, created_at, updated_at)
    select ${a.url}, ${a.canonical_url}, ${a.original_url}, ${a.title}, ${a.authors}::jsonb, ${a.byline}, ${a.published_at}::timestamptz,
      ${a.modified_at}::timestamptz, ${a.sort_at}::timestamptz, ${a.lang}, ${a.site_name}, ${a.description},
      ${img ? sql`(select id from img)` : sql`null`}, ${a.body_text}, ${a.html}, ${a.word_count}::int, ${a.content_hash}, ${a.record_hash},
      1, ${a.source_id}::int, (select section from sec), (select case when section is null then null else 'source' end from sec),
      ${a.categories}::jsonb, null, false, ${a.created_at}::timestamptz, ${a.created_at}::timestamptz ${gate}
    on conflict (canonical_url) do nothing
    returning id)`);
  ctes.push(sql`rev as (
    insert into article_revisions (article_id, revision, title, body_text, content_hash, changed_at)
    select id, 1, ${a.title}, ${a.body_text}, ${a.content_hash}, ${a.created_at}::timestamptz from art)`);
  if (hasEntry) ctes.push(sql`link as (update entries set article_id = art.id from art where entries.id = ${input.entryId})`);
  const r = await sql<{ article_id: number | null; entry_found: boolean }>`
    with ${sql.join(ctes)}
    select (select id from art) as article_id, ${hasEntry ? sql`exists (select 1 from ent)` : sql`true`} as entry_found`.execute(db);
  const row = r.rows[0];
  if (!row?.entry_found) return { kind: 'no-entry' };
  return row.article_id != null ? { kind: 'inserted', articleId: row.article_id } : { kind: 'exists' };
}

/** One fetch-log line as store.ts prepares it: a row of the table without its id. */
export type FetchLogValues = Omit<Selectable<FetchLogTable>, 'id'>;

/** Appends fetch-log lines in one statement. */
export async function insertFetchLog(db: Db, lines: readonly FetchLogValues[]): Promise<void> {
  const col = <T>(f: (l: FetchLogValues) => T) => lines.map(f);
  await sql`
    insert into fetch_log (source_id, url, kind, status, bytes, duration_ms, error, at)
    select * from unnest(${col((l) => l.source_id)}::int[], ${col((l) => l.url)}::text[], ${col((l) => l.kind)}::text[],
      ${col((l) => l.status)}::int[], ${col((l) => l.bytes)}::int[], ${col((l) => l.duration_ms)}::int[],
      ${col((l) => l.error)}::text[], ${col((l) => l.at)}::timestamptz[])`.execute(db);
}
