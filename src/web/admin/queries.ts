// queries (admin): what the moderation pages read that the public site never does —
// articles including hidden ones, every article of a story, and stories with the operator's
// flags. Bounded lists, keyset pages by id.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.ts';

type Db = Kysely<Database>;

export interface AdminArticleRow {
  id: number;
  title: string | null;
  outlet: string | null;
  sourceId: number | null;
  section: string | null;
  storyId: number | null;
  hidden: boolean;
  sortAt: string;
  url: string;
  wordCount: number;
}

const flag = (v: unknown) => v === true || v === 1;

function baseArticles(db: Db) {
  return db
    .selectFrom('articles as a')
    .leftJoin('sources as s', 's.id', 'a.source_id')
    .select(['a.id', 'a.title', 'a.site_name', 's.name as source_name', 'a.source_id', 'a.section', 'a.story_id', 'a.hidden', 'a.sort_at', 'a.url', 'a.word_count']);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseArticles>['execute']>>[number];

function toRow(r: BaseRow): AdminArticleRow {
  return {
    id: r.id,
    title: r.title,
    outlet: r.source_name ?? r.site_name,
    sourceId: r.source_id,
    section: r.section,
    storyId: r.story_id,
    hidden: flag(r.hidden),
    sortAt: r.sort_at,
    url: r.url,
    wordCount: Number(r.word_count),
  };
}

/** Newest stored first (by id), optionally only hidden ones or one source's; `before` pages on. */
export async function adminArticles(db: Db, opts: { hidden?: boolean; sourceId?: number | null; ids?: number[]; before?: number | null; limit?: number }): Promise<AdminArticleRow[]> {
  let q = baseArticles(db);
  if (opts.hidden) q = q.where('a.hidden', '=', 1);
  if (opts.sourceId != null) q = q.where('a.source_id', '=', opts.sourceId);
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('a.id', 'in', opts.ids);
  }
  if (opts.before != null) q = q.where('a.id', '<', opts.before);
  const rows = await q.orderBy('a.id', 'desc').limit(opts.limit ?? 50).execute();
  return rows.map(toRow);
}

/** Every article of a story, hidden ones included, oldest first. */
export async function storyArticlesAll(db: Db, storyId: number): Promise<AdminArticleRow[]> {
  const rows = await baseArticles(db).where('a.story_id', '=', storyId).orderBy('a.sort_at').orderBy('a.id').limit(500).execute();
  return rows.map(toRow);
}

export interface AdminStoryRow {
  id: number;
  articles: number;
  visible: number;
  outlets: number;
  lastAt: string;
  /** The earliest article's headline. */
  title: string | null;
}

/** Stories most recently updated first (hidden ones included); `ids` restricts to those. */
export async function adminStories(db: Db, opts: { ids?: number[]; limit?: number } = {}): Promise<AdminStoryRow[]> {
  let q = db
    .selectFrom('articles')
    .select((eb) => [
      'story_id',
      eb.fn.countAll().as('n'),
      // `case when hidden` reads 0/1 on SQLite and booleans on PostgreSQL alike.
      sql<number>`sum(case when hidden then 0 else 1 end)`.as('visible'),
      eb.fn.count(sql`distinct source_id`).as('outlets'),
      eb.fn.max('sort_at').as('last_at'),
      eb.fn.min('id').as('first_id'),
    ])
    .where('story_id', 'is not', null)
    .groupBy('story_id');
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('story_id', 'in', opts.ids);
  }
  const rows = await q.orderBy(sql`max(sort_at)`, 'desc').limit(opts.limit ?? 50).execute();
  const firstIds = rows.map((r) => Number(r.first_id));
  const titles = new Map<number, string | null>();
  if (firstIds.length) {
    for (const t of await db.selectFrom('articles').select(['id', 'title']).where('id', 'in', firstIds).execute()) titles.set(t.id, t.title);
  }
  return rows.map((r) => ({
    id: r.story_id!,
    articles: Number(r.n),
    visible: Number(r.visible),
    outlets: Number(r.outlets),
    lastAt: String(r.last_at),
    title: titles.get(Number(r.first_id)) ?? null,
  }));
}
