// postgres/search: the full-text index behind search on PostgreSQL — a stored generated
// tsvector column (so no write path can forget to update it) with a GIN index. Headline,
// byline, description and body carry weights A, B, C, D for ts_rank_cd.
//
// Configuration `simple`: it lower-cases words and does nothing else. Articles come in many
// languages; `english` would stem German and drop French words that happen to be English
// stopwords, and per-article configurations would need the reader's query in the same
// language. `simple` matches what SQLite's unicode61 tokenizer does, so both databases
// find the same articles (SQLite also folds diacritics; PostgreSQL would need the unaccent
// extension, which is not always installed).
import { sql, type Kysely, type Migration } from 'kysely';

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
