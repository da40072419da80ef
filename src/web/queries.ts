// queries: the read queries the site needs beyond the Store API — article cards with their
// outlet and image in one query, keyset (cursor) pagination, story aggregates for the home
// page and the API, sections and per-source counts, sitemap rows. All through the store's
// Kysely instance, so they run on SQLite and PostgreSQL alike. Candidates for src/store
// once the site's needs settle (see docs/web.md).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, DisplayMode } from '../store/index.ts';
import { hostOf } from './text.ts';

type Db = Kysely<Database>;
type Eb = ExpressionBuilder<Database & { a: Database['articles']; s: Database['sources']; i: Database['images'] }, 'a' | 's' | 'i'>;

/** Characters of the body read for a card's excerpt when the article has no description. */
const CARD_LEAD_CHARS = 600;
/** Most articles of one story read for a story page or for picking related posts. */
export const MAX_STORY_ARTICLES = 500;

/** Counts come back as strings on PostgreSQL. */
function toNum(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}

export interface CardImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

/** An article as lists show it: enough for a card, a feed item or an API row. */
export interface Card {
  id: number;
  title: string | null;
  description: string | null;
  /** The start of the body, for an excerpt when there is no description. */
  lead: string | null;
  /** The original article. */
  url: string;
  byline: string | null;
  sortAt: string;
  publishedAt: string | null;
  modifiedAt: string | null;
  lang: string | null;
  sourceId: number | null;
  /** The feed (or page) the source follows. */
  sourceUrl: string | null;
  /** The outlet's name: the source's, else the page's site name, else its host. */
  outlet: string;
  section: string | null;
  storyId: number | null;
  contentHash: string;
  displayMode: DisplayMode;
  image: CardImage | null;
}

/** A position in a newest-first list: the last row's time and id. */
export interface Cursor {
  sortAt: string;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.sortAt}|${c.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours (the caller answers 400). */
export function decodeCursor(s: string): Cursor | null {
  const text = Buffer.from(s, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|(\d{1,15})$/.exec(text);
  return m ? { sortAt: m[1]!, id: Number(m[2]) } : null;
}

function cardQuery(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .leftJoin('images as i', 'i.id', 'a.image_id')
    .select([
      'a.id', 'a.title', 'a.description', 'a.url', 'a.byline', 'a.sort_at', 'a.published_at', 'a.modified_at', 'a.lang',
      'a.source_id', 'a.site_name', 'a.section', 'a.story_id', 'a.content_hash',
      's.name as source_name', 's.url as source_url', 's.display_mode',
      'i.url as image_url', 'i.width as image_width', 'i.height as image_height', 'i.alt as image_alt',
      'i.caption as image_caption', 'i.credit as image_credit',
    ])
    .select(sql<string | null>`substr(a.body_text, 1, ${sql.lit(CARD_LEAD_CHARS)})`.as('lead'))
    .where('a.hidden', '=', 0);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number];

function cardFromRow(r: CardRow): Card {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    lead: r.lead,
    url: r.url,
    byline: r.byline,
    sortAt: r.sort_at,
    publishedAt: r.published_at,
    modifiedAt: r.modified_at,
    lang: r.lang,
    sourceId: r.source_id,
    sourceUrl: r.source_url,
    outlet: r.source_name ?? r.site_name ?? hostOf(r.url),
    section: r.section,
    storyId: r.story_id,
    contentHash: r.content_hash,
    displayMode: r.display_mode ?? 'excerpt',
    image: r.image_url
      ? { url: r.image_url, width: r.image_width, height: r.image_height, alt: r.image_alt, caption: r.image_caption, credit: r.image_credit }
      : null,
  };
}

export interface CardFilter {
  section?: string | null;
  sourceId?: number | null;
  storyId?: number | null;
  /** Newest-first lists: rows after this cursor. */
  cursor?: Cursor | null;
  since?: string | null;
  limit: number;
  /** Oldest first (story timelines); default newest first. */
  ascending?: boolean;
  excludeIds?: readonly number[];
}

/** Cards newest first (or oldest first), with the cursor of the next page when there is one. */
export async function listCards(db: Db, f: CardFilter): Promise<{ cards: Card[]; next: Cursor | null }> {
  let q = cardQuery(db);
  if (f.section != null) q = q.where('a.section', '=', f.section);
  if (f.sourceId != null) q = q.where('a.source_id', '=', f.sourceId);
  if (f.storyId != null) q = q.where('a.story_id', '=', f.storyId);
  if (f.since != null) q = q.where('a.sort_at', '>=', f.since);
  if (f.excludeIds && f.excludeIds.length > 0) q = q.where('a.id', 'not in', [...f.excludeIds]);
  const c = f.cursor;
  if (c) {
    const op = f.ascending ? '>' : '<';
    q = q.where((eb: Eb) => eb.or([eb('a.sort_at', op, c.sortAt), eb.and([eb('a.sort_at', '=', c.sortAt), eb('a.id', op, c.id)])]));
  }
  const dir = f.ascending ? 'asc' : 'desc';
  const rows = await q.orderBy('a.sort_at', dir).orderBy('a.id', dir).limit(f.limit + 1).execute();
  const cards = rows.slice(0, f.limit).map(cardFromRow);
  const last = cards[cards.length - 1];
  return { cards, next: rows.length > f.limit && last ? { sortAt: last.sortAt, id: last.id } : null };
}

/**
 * The rule of story-grouped lists: one card per story and one per text (wire copy run by
 * several outlets is shown once). `admit` says whether an article gets a card, and counts
 * it when it does; stories in `skip` (shown elsewhere on the page) get none.
 */
export class OnePerStory {
  readonly #stories: Set<number>;
  readonly #texts = new Set<string>();
  constructor(skip: Iterable<number> = []) {
    this.#stories = new Set(skip);
  }

  admit(storyId: number | null, contentHash: string): boolean {
    if ((storyId != null && this.#stories.has(storyId)) || this.#texts.has(contentHash)) return false;
    if (storyId != null) this.#stories.add(storyId);
    this.#texts.add(contentHash);
    return true;
  }

  /** The stories admitted (and skipped). */
  get stories(): ReadonlySet<number> {
    return this.#stories;
  }
}

/** A story-grouped listing reads at most this many articles per card it shows (a section
 * where one story ran dozens of articles in a row still answers in one or two queries). */
const STORY_SCAN_PER_CARD = 8;

/**
 * Cards newest first, one per story and per text: a story's newest article stands for the
 * story (its other articles on the same page are skipped, and wire copy run by several
 * outlets is shown once), with the shown stories' sizes for a coverage note. The cursor is
 * the last article read, so the next page starts after what this one skipped too; a
 * story's older coverage may come up again further down the list, as older news. Reads the
 * candidates' ids first and builds cards only for those shown.
 */
export async function listStoryCards(
  db: Db,
  f: { section?: string | null; sourceId?: number | null; cursor?: Cursor | null; limit: number },
): Promise<{ cards: Card[]; stories: Map<number, StoryAggregate>; next: Cursor | null }> {
  const chosen: number[] = [];
  const shown = new OnePerStory();
  let cursor = f.cursor ?? null;
  let scanned = 0;
  let more = true;
  while (more && chosen.length < f.limit && scanned < f.limit * STORY_SCAN_PER_CARD) {
    const batch = f.limit * 2;
    let q = db.selectFrom('articles as a').select(['a.id', 'a.story_id', 'a.content_hash', 'a.sort_at']).where('a.hidden', '=', 0);
    if (f.section != null) q = q.where('a.section', '=', f.section);
    if (f.sourceId != null) q = q.where('a.source_id', '=', f.sourceId);
    const c = cursor;
    if (c) q = q.where((eb: Eb) => eb.or([eb('a.sort_at', '<', c.sortAt), eb.and([eb('a.sort_at', '=', c.sortAt), eb('a.id', '<', c.id)])]));
    const rows = await q.orderBy('a.sort_at', 'desc').orderBy('a.id', 'desc').limit(batch + 1).execute();
    more = rows.length > batch;
    const page = rows.slice(0, batch);
    for (let i = 0; i < page.length; i++) {
      const x = page[i]!;
      cursor = { sortAt: x.sort_at, id: x.id };
      scanned++;
      if (!shown.admit(x.story_id, x.content_hash)) continue;
      chosen.push(x.id);
      if (chosen.length === f.limit) {
        more ||= i + 1 < page.length;
        break;
      }
    }
  }
  const [cards, aggregates] = await Promise.all([cardsByIds(db, chosen), storyAggregates(db, [...shown.stories])]);
  return { cards, stories: aggregates, next: more ? cursor : null };
}

/** Visible articles grouped by story: count, outlets, first and last time (filters added by the caller). */
function aggregateQuery(db: Db) {
  return db
    .selectFrom('articles')
    .select((eb) => [
      'story_id',
      eb.fn.countAll().as('n'),
      eb.fn.count('source_id').distinct().as('outlets'),
      eb.fn.min('sort_at').as('first_at'),
      eb.fn.max('sort_at').as('last_at'),
    ])
    .where('hidden', '=', 0)
    .groupBy('story_id');
}

function aggregateFromRow(r: { story_id: number | null; n: unknown; outlets: unknown; first_at: unknown; last_at: unknown }): StoryAggregate {
  return { id: r.story_id!, articles: toNum(r.n), outlets: toNum(r.outlets), firstAt: String(r.first_at), lastAt: String(r.last_at) };
}

/** The aggregates of these stories (those with a visible article). */
export async function storyAggregates(db: Db, storyIds: readonly number[]): Promise<Map<number, StoryAggregate>> {
  const out = new Map<number, StoryAggregate>();
  if (storyIds.length === 0) return out;
  const rows = await aggregateQuery(db).where('story_id', 'in', [...storyIds]).execute();
  for (const r of rows) out.set(r.story_id!, aggregateFromRow(r));
  return out;
}

/** Cards for these ids, in the order given (missing and hidden ones left out). */
export async function cardsByIds(db: Db, ids: readonly number[]): Promise<Card[]> {
  if (ids.length === 0) return [];
  const rows = await cardQuery(db).where('a.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, cardFromRow(r)]));
  return ids.map((id) => byId.get(id)).filter((c): c is Card => c !== undefined);
}

/** What the site knows of a story from its articles. */
export interface StoryAggregate {
  id: number;
  articles: number;
  outlets: number;
  firstAt: string;
  lastAt: string;
}

/**
 * Stories with an article at or after `since`, with their sizes and times. Bounded by the
 * time window (an index range on sort_at), not by the number of stories ever made.
 */
export async function storiesSince(db: Db, since: string): Promise<StoryAggregate[]> {
  const rows = await aggregateQuery(db).where('story_id', 'is not', null).where('sort_at', '>=', since).execute();
  return rows.map(aggregateFromRow);
}

/** One story's aggregate (null when it has no visible article). */
export async function storyAggregate(db: Db, storyId: number): Promise<StoryAggregate | null> {
  return (await storyAggregates(db, [storyId])).get(storyId) ?? null;
}

/** A page of stories, most recently updated first, for the API (keyset on last update, id). */
export async function listStories(db: Db, limit: number, cursor: Cursor | null): Promise<{ stories: StoryAggregate[]; next: Cursor | null }> {
  let q = aggregateQuery(db).where('story_id', 'is not', null);
  if (cursor) {
    q = q.having((eb) =>
      eb.or([
        eb(eb.fn.max('sort_at'), '<', cursor.sortAt),
        eb.and([eb(eb.fn.max('sort_at'), '=', cursor.sortAt), eb('story_id', '<', cursor.id)]),
      ]),
    );
  }
  const rows = await q.orderBy(sql`max(sort_at)`, 'desc').orderBy('story_id', 'desc').limit(limit + 1).execute();
  const stories = rows.slice(0, limit).map(aggregateFromRow);
  const last = stories[stories.length - 1];
  return { stories, next: rows.length > limit && last ? { sortAt: last.lastAt, id: last.id } : null };
}

/** The earliest visible article of each story: its headline names the story when no engine is at hand. */
export async function firstArticles(db: Db, storyIds: readonly number[]): Promise<Map<number, Card>> {
  const out = new Map<number, Card>();
  if (storyIds.length === 0) return out;
  const rows = await cardQuery(db)
    .where('a.story_id', 'in', [...storyIds])
    .where((eb: Eb) =>
      eb(
        'a.sort_at',
        '=',
        eb.selectFrom('articles as b').select((e) => e.fn.min('b.sort_at').as('m')).whereRef('b.story_id', '=', 'a.story_id').where('b.hidden', '=', 0),
      ),
    )
    .orderBy('a.id')
    .execute();
  for (const r of rows) if (r.story_id != null && !out.has(r.story_id)) out.set(r.story_id, cardFromRow(r));
  return out;
}

export interface SectionRow {
  name: string;
  articles: number;
  lastAt: string;
}

/** Sections that have articles, largest first. */
export async function listSections(db: Db): Promise<SectionRow[]> {
  const rows = await db
    .selectFrom('articles')
    .select((eb) => ['section', eb.fn.countAll().as('n'), eb.fn.max('sort_at').as('last_at')])
    .where('hidden', '=', 0)
    .where('section', 'is not', null)
    .groupBy('section')
    .execute();
  return rows
    .map((r) => ({ name: r.section!, articles: toNum(r.n), lastAt: String(r.last_at) }))
    .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name));
}

/** Visible articles per source id. */
export async function articleCountsBySource(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .select((eb) => ['source_id', eb.fn.countAll().as('n')])
    .where('hidden', '=', 0)
    .where('source_id', 'is not', null)
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id!, toNum(r.n)]));
}

/** The newest visible article time (null for an empty site). */
export async function newestSortAt(db: Db): Promise<string | null> {
  const r = await db.selectFrom('articles').select((eb) => eb.fn.max('sort_at').as('m')).where('hidden', '=', 0).executeTakeFirst();
  return r?.m ? String(r.m) : null;
}

/** Rows for sitemaps: self-canonical article pages (excerpt-mode sources; full republication points elsewhere). */
export interface SitemapRow {
  id: number;
  title: string | null;
  sortAt: string;
  modifiedAt: string | null;
  publishedAt: string | null;
  lang: string | null;
  outlet: string;
}

function sitemapQuery(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .select(['a.id', 'a.title', 'a.sort_at', 'a.modified_at', 'a.published_at', 'a.lang', 'a.site_name', 'a.url', 's.name as source_name'])
    .where('a.hidden', '=', 0)
    .where((eb) => eb.or([eb('s.display_mode', 'is', null), eb('s.display_mode', '!=', 'full')]));
}

function sitemapRow(r: { id: number; title: string | null; sort_at: string; modified_at: string | null; published_at: string | null; lang: string | null; site_name: string | null; url: string; source_name: string | null }): SitemapRow {
  return { id: r.id, title: r.title, sortAt: r.sort_at, modifiedAt: r.modified_at, publishedAt: r.published_at, lang: r.lang, outlet: r.source_name ?? r.site_name ?? hostOf(r.url) };
}

/** How many article pages the sitemaps list. */
export async function sitemapCount(db: Db): Promise<number> {
  const r = await sitemapQuery(db).clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toNum(r?.n);
}

/** One chunk of the article sitemap, by id order (stable as articles are added). */
export async function sitemapChunk(db: Db, offset: number, limit: number): Promise<SitemapRow[]> {
  const rows = await sitemapQuery(db).orderBy('a.id').limit(limit).offset(offset).execute();
  return rows.map(sitemapRow);
}

/** Articles for the Google News sitemap: published since `since`, newest first. */
export async function newsSitemapRows(db: Db, since: string, limit: number): Promise<SitemapRow[]> {
  const rows = await sitemapQuery(db).where('a.sort_at', '>=', since).orderBy('a.sort_at', 'desc').limit(limit).execute();
  return rows.map(sitemapRow);
}

/**
 * Indexes the site's read queries need, created once when the site starts (no-ops after):
 * - per story, visible flag, times, outlet and last update: story aggregates, and the
 *   story part of the article page cache's version, answered from the index alone (the
 *   columns sit after the body in the row, so reading them from the table costs overflow pages);
 * - per section and per source with the visible flag: the section list and the article
 *   counts per source, which otherwise read every article row (0.3 s at 100,000 articles).
 * They live here, not in a store migration, until the site's queries move into src/store.
 */
const WEB_INDEXES = [
  sql`create index if not exists web_articles_story_visible on articles (story_id, hidden, sort_at, source_id, updated_at)`,
  sql`create index if not exists web_articles_section_visible on articles (section, hidden, sort_at)`,
  sql`create index if not exists web_articles_source_visible on articles (source_id, hidden)`,
];

/** Creates the site's indexes (see WEB_INDEXES). Returns an error message instead of throwing:
 * a read-only database still serves the site, only slower. */
export async function ensureWebIndexes(db: Db): Promise<string | null> {
  try {
    for (const q of WEB_INDEXES) await q.execute(db);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * A token that changes whenever anything in the database may have changed: on SQLite, the
 * changes this connection made (total_changes) and the commits of other connections
 * (data_version). Null where no such token exists (PostgreSQL): callers validate each time.
 */
export async function changeToken(db: Db, dialect: string): Promise<string | null> {
  if (dialect !== 'sqlite') return null;
  const r = await sql<{ t: number; d: number }>`select total_changes() as t, (select data_version from pragma_data_version) as d`.execute(db);
  const row = r.rows[0];
  return row ? `${row.t}.${row.d}` : null;
}

/** What an article page shows that can change, as one string; null when there is no such article. */
export interface ArticleVersion {
  title: string | null;
  hidden: boolean;
  /** Changes when the article, its image, or its story's membership or articles change. */
  version: string;
}

/**
 * The version of an article page: the article's last update, visibility, story and image,
 * and its story's visible articles (how many, which — by the sum of their ids — and their
 * latest update). Related posts, the story box and the story's title all come from those
 * articles, so any change to them changes the version. Two index lookups.
 */
export async function articleVersion(db: Db, id: number): Promise<ArticleVersion | null> {
  const a = await db
    .selectFrom('articles as a')
    .leftJoin('images as i', 'i.id', 'a.image_id')
    .select(['a.title', 'a.hidden', 'a.updated_at', 'a.story_id', 'a.source_id', 'a.image_id', 'i.updated_at as image_at'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) return null;
  let story = '';
  if (a.story_id != null) {
    const s = await db
      .selectFrom('articles')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('id').as('ids'), eb.fn.max('updated_at').as('u')])
      .where('story_id', '=', a.story_id)
      .where('hidden', '=', 0)
      .executeTakeFirst();
    story = `${toNum(s?.n)}:${String(s?.ids ?? '')}:${String(s?.u ?? '')}`;
  }
  return {
    title: a.title,
    hidden: toNum(a.hidden) !== 0,
    version: `${a.updated_at}|${a.source_id ?? ''}|${a.image_id ?? ''}:${a.image_at ?? ''}|${a.story_id ?? ''}:${story}`,
  };
}
