// postgres/search: the full-text index behind search on PostgreSQL — a tsvector per article
// in a table of its own (`article_search`, GIN-indexed), kept by triggers so no write path
// can forget it. Headline, byline, description and body carry weights A, B, C, D for
// ts_rank_cd.
//
// Why not a generated column on `articles` (the first version, migration 0002): PostgreSQL
// recomputes every stored generated column on every UPDATE of the row, whatever changed,
// and a non-HOT update re-inserts the row's whole tsvector into the GIN index. Setting a
// story on an article (the story engine does it for every article, and again for each
// article of a merged story) re-parsed the whole body: in `npm run bench:ingest` those
// updates were the server's second-largest cost after saving the articles themselves.
// Now only a change of the indexed text touches the index, as on SQLite.
//
// Configuration `simple`: it lower-cases words and does nothing else. Articles come in many
// languages; `english` would stem German and drop French words that happen to be English
// stopwords, and per-article configurations would need the reader's query in the same
// language. `simple` matches what SQLite's unicode61 tokenizer does, so both databases
// find the same articles (SQLite also folds diacritics; PostgreSQL would need the unaccent
// extension, which is not always installed).
import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';

/** The text-search configuration (see above). */
export const TS_CONFIG = 'simple';
/** Characters of body indexed: a tsvector holds at most 1 MB, and a page that long is not one article. */
export const MAX_INDEXED_BODY_CHARS = 200_000;

/** The search migration for PostgreSQL (runs under the shared name `0002_search`). */
export const searchMigration: Migration = {
  // Kysely<any> on purpose: migrations are written against the schema of their time.
  async up(db: Kysely<any>): Promise<void> {
    const cfg = sql.lit(TS_CONFIG);
    await sql`alter table articles add column search_vector tsvector generated always as (
      setweight(to_tsvector(${cfg}::regconfig, coalesce(title, '')), 'A') ||
      setweight(to_tsvector(${cfg}::regconfig, coalesce(byline, '')), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, coalesce(description, '')), 'C') ||
      setweight(to_tsvector(${cfg}::regconfig, left(coalesce(body_text, ''), ${sql.lit(MAX_INDEXED_BODY_CHARS)})), 'D')
    ) stored`.execute(db);
    await sql`create index articles_search on articles using gin (search_vector)`.execute(db);
  },
};

/** The article's tsvector, computed from the row `r` (a trigger's `new`). */
function vectorOf(r: 'new'): RawBuilder<unknown> {
  const cfg = sql.lit(TS_CONFIG);
  const row = sql.raw(r);
  return sql`setweight(to_tsvector(${cfg}::regconfig, coalesce(${row}.title, '')), 'A') ||
      setweight(to_tsvector(${cfg}::regconfig, coalesce(${row}.byline, '')), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, coalesce(${row}.description, '')), 'C') ||
      setweight(to_tsvector(${cfg}::regconfig, left(coalesce(${row}.body_text, ''), ${sql.lit(MAX_INDEXED_BODY_CHARS)})), 'D')`;
}

/** Moves the tsvector out of `articles` into `article_search` (see the top of the file). */
export const searchTableMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`create table article_search (
      article_id integer primary key references articles (id) on delete cascade,
      search_vector tsvector not null
    )`.execute(db);
    await sql`insert into article_search (article_id, search_vector) select id, search_vector from articles`.execute(db);
    await sql`alter table articles drop column search_vector`.execute(db);
    await sql`create index article_search_vector on article_search using gin (search_vector)`.execute(db);
    await sql`create function newsdesk_index_article() returns trigger language plpgsql as $$
      begin
        insert into article_search (article_id, search_vector) values (new.id, ${vectorOf('new')})
        on conflict (article_id) do update set search_vector = excluded.search_vector;
        return null;
      end $$`.execute(db);
    await sql`create trigger articles_search_insert after insert on articles
      for each row execute function newsdesk_index_article()`.execute(db);
    // Only when indexed text changes: a story, a section or hiding re-indexes nothing.
    await sql`create trigger articles_search_update after update of title, byline, description, body_text on articles
      for each row when (old.title is distinct from new.title or old.byline is distinct from new.byline
        or old.description is distinct from new.description or old.body_text is distinct from new.body_text)
      execute function newsdesk_index_article()`.execute(db);
  },
};
