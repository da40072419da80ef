// sqlite/search: the FTS5 index behind search on SQLite. An external-content table (the
// text lives once, in `articles`; the index points at it by rowid) kept in sync by
// triggers, so every write path — including ones added later — updates the index.
//
// Tokenizer: unicode61 with diacritics removed, no stemming. Articles come in many
// languages, and a stemmer for one language mangles the others; PostgreSQL uses the
// `simple` configuration for the same reason, so both databases find the same words.
import { sql, type Kysely, type Migration } from 'kysely';

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
