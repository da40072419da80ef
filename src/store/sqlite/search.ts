// sqlite/search: the FTS5 index behind search on SQLite. An external-content table (the
// text lives once, in `articles`; the index points at it by rowid) kept in sync by
// triggers, so every write path — including ones added later — updates the index.
//
// Tokenizer: unicode61 with diacritics removed, no stemming. Articles come in many
// languages, and a stemmer for one language mangles the others; PostgreSQL uses the
// `simple` configuration for the same reason, so both databases find the same words.
//
// Queries (below) rank common words within tiers of recent matches and read everything from
// indexes: see `search`.
import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';
import type { RawHit, SearchFilters } from '../dialect.ts';
import type { Database as Tables } from '../schema.ts';
import { toFts5, type SearchQuery } from '../search-query.ts';
import { ELLIPSIS, MARK_END, MARK_START } from '../highlight.ts';

/** The search migration for SQLite (runs under the shared name `0002_search`). */
export const searchMigration: Migration = {
  // Kysely<any> on purpose: migrations are written against the schema of their time.
  async up(db: Kysely<any>): Promise<void> {
    await sql`create virtual table articles_fts using fts5(
      title, byline, description, body_text,
      content = 'articles', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`create trigger articles_fts_insert after insert on articles begin
      insert into articles_fts (rowid, title, byline, description, body_text)
      values (new.id, new.title, new.byline, new.description, new.body_text);
    end`.execute(db);
    await sql`create trigger articles_fts_delete after delete on articles begin
      insert into articles_fts (articles_fts, rowid, title, byline, description, body_text)
      values ('delete', old.id, old.title, old.byline, old.description, old.body_text);
    end`.execute(db);
    // Only when indexed text changes: hiding an article or setting its story re-indexes nothing.
    await sql`create trigger articles_fts_update after update of title, byline, description, body_text on articles begin
      insert into articles_fts (articles_fts, rowid, title, byline, description, body_text)
      values ('delete', old.id, old.title, old.byline, old.description, old.body_text);
      insert into articles_fts (rowid, title, byline, description, body_text)
      values (new.id, new.title, new.byline, new.description, new.body_text);
    end`.execute(db);
    // Index whatever is already there (nothing, on a new database).
    await sql`insert into articles_fts (articles_fts) values ('rebuild')`.execute(db);
  },
};

// ---------------------------------------------------------------- querying

/** Ranking weights for bm25 over the FTS columns (title, byline, description, body):
 * a word in the headline says far more about the article than one deep in the body. */
const BM25_WEIGHTS = [10.0, 4.0, 3.0, 1.0] as const;
/** Words around a match in a snippet (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 32;
/** Column numbers in articles_fts, for snippet(): the body, else (no body) the description. */
const DESCRIPTION_COLUMN = 2;
const BODY_COLUMN = 3;
/**
 * Matches ranked together. bm25 costs about a microsecond a match (it reads each match's
 * column sizes and positions), so ranking every match of a common word — 64,000 of 100,000
 * articles for "officials" — took 50 ms and queued every search behind it. Instead the
 * newest RANK_WINDOW matches (by id, i.e. when they were stored) are ranked by bm25 as one
 * tier, then the next RANK_WINDOW, and so on: a query with fewer matches than this is
 * ranked exactly as before; one with more shows the best of its newest matches first.
 */
export const RANK_WINDOW = 2000;
/** Up to this many hidden articles, matches among them are subtracted from the count by
 * looking each one up in the index; beyond it, the count tests every match instead. */
const HIDDEN_LOOKUPS_MAX = 500;

/**
 * Full-text search: the total and one page of hits, ranked within tiers of RANK_WINDOW
 * matches (see above), with snippets for the page's hits only.
 *
 * Everything is answered from the FTS index and covering indexes on `articles`: joining a
 * match to its article row reads the row's overflow pages (the body comes before the
 * filter columns), which cost ~100 ms for a common word with a section filter. Filters
 * become a set of ids from an index; hidden articles (few) a set to leave out.
 */
export async function search(db: Kysely<Tables>, q: SearchQuery, f: SearchFilters): Promise<{ total: number; hits: RawHit[] }> {
  const match = sql`articles_fts match ${toFts5(q)}`;
  const filtered = filterIds(f);
  // `+rowid`: the unary plus keeps SQLite from handing the id set to FTS5 as rowid lookups
  // (one index seek per id); probing each match against the set is far cheaper.
  const inFilter = filtered ? sql` and +articles_fts.rowid in (${filtered})` : sql``;
  const hiddenCount = f.includeHidden ? 0 : await countHidden(db);
  const visible = hiddenCount > 0 ? sql` and +articles_fts.rowid not in (select id from articles where hidden = 1)` : sql``;

  const total = await countMatches(db, match, inFilter, hiddenCount);
  if (total === 0 || f.offset >= total) return { total, hits: [] };

  const ranked: { id: number; rank: number }[] = [];
  const end = Math.min(total, f.offset + f.limit);
  for (let tier = Math.floor(f.offset / RANK_WINDOW); tier * RANK_WINDOW < end; tier++) {
    const start = tier * RANK_WINDOW;
    // The tier's id range; none needed when every match is in the first tier.
    let range = sql``;
    if (total > RANK_WINDOW) {
      const b = await sql<{ lo: number | null; hi: number | null }>`
        select min(id) as lo, max(id) as hi from (
          select articles_fts.rowid as id from articles_fts where ${match}${inFilter}${visible}
          order by articles_fts.rowid desc limit ${RANK_WINDOW} offset ${start})`.execute(db);
      const { lo, hi } = b.rows[0] ?? { lo: null, hi: null };
      if (lo == null || hi == null) break;
      range = sql` and articles_fts.rowid between ${lo} and ${hi}`;
    }
    const from = Math.max(0, f.offset - start);
    const rows = await sql<{ id: number; rank: number }>`
      select articles_fts.rowid as id, -bm25(articles_fts, ${sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)))}) as rank
      from articles_fts where ${match}${range}${inFilter}${visible}
      order by rank desc, articles_fts.rowid desc
      limit ${Math.min(RANK_WINDOW, end - start) - from} offset ${from}`.execute(db);
    ranked.push(...rows.rows);
  }
  if (ranked.length === 0) return { total, hits: [] };

  // Snippets for the page only: each reads and tokenizes the article's text.
  const snip = (col: number) => sql`snippet(articles_fts, ${sql.lit(col)}, ${MARK_START}, ${MARK_END}, ${ELLIPSIS}, ${sql.lit(SNIPPET_TOKENS)})`;
  const snippets = await sql<{ id: number; snippet: string | null }>`
    select articles_fts.rowid as id, coalesce(nullif(${snip(BODY_COLUMN)}, ''), ${snip(DESCRIPTION_COLUMN)}) as snippet
    from articles_fts where ${match} and articles_fts.rowid in (${sql.join(ranked.map((r) => r.id))})`.execute(db);
  const byId = new Map(snippets.rows.map((r) => [r.id, r.snippet ?? '']));
  return { total, hits: ranked.map((r) => ({ id: r.id, rank: r.rank, snippet: byId.get(r.id) ?? '' })) };
}

/** Hidden articles, counted up to one past HIDDEN_LOOKUPS_MAX (from their index). */
async function countHidden(db: Kysely<Tables>): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*) as n from (select 1 from articles where hidden = 1 limit ${HIDDEN_LOOKUPS_MAX + 1})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Visible matches: all matches less the hidden ones (looked up one by one while they are few). */
async function countMatches(db: Kysely<Tables>, match: RawBuilder<unknown>, inFilter: RawBuilder<unknown>, hiddenCount: number): Promise<number> {
  if (hiddenCount > HIDDEN_LOOKUPS_MAX) {
    const r = await sql<{ n: number }>`
      select count(*) as n from articles_fts
      where ${match}${inFilter} and +articles_fts.rowid not in (select id from articles where hidden = 1)`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const all = await sql<{ n: number }>`select count(*) as n from articles_fts where ${match}${inFilter}`.execute(db);
  let n = Number(all.rows[0]?.n ?? 0);
  if (n > 0 && hiddenCount > 0) {
    // Without the plus, the id set goes to FTS5 as rowid lookups: one seek per hidden article.
    const h = await sql<{ n: number }>`
      select count(*) as n from articles_fts
      where ${match}${inFilter} and articles_fts.rowid in (select id from articles where hidden = 1)`.execute(db);
    n -= Number(h.rows[0]?.n ?? 0);
  }
  return n;
}

/**
 * The ids the filters allow, as a subquery answered from an index alone, or null without
 * filters. Section and source are each read from their own (column, sort_at) index, and
 * intersected when both are given, so no article row is read.
 */
function filterIds(f: SearchFilters): RawBuilder<unknown> | null {
  const dates: RawBuilder<unknown>[] = [];
  if (f.since != null) dates.push(sql`sort_at >= ${f.since}`);
  if (f.until != null) dates.push(sql`sort_at < ${f.until}`);
  const sets: RawBuilder<unknown>[] = [];
  const select = (conds: RawBuilder<unknown>[]) => sql`select id from articles where ${sql.join(conds, sql` and `)}`;
  if (f.section != null) sets.push(select([sql`section = ${f.section}`, ...dates]));
  if (f.sourceId != null) sets.push(select([sql`source_id = ${f.sourceId}`, ...dates]));
  if (sets.length === 0 && dates.length > 0) sets.push(select(dates));
  return sets.length === 0 ? null : sql.join(sets, sql` intersect `);
}
