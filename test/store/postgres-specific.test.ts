// What only the PostgreSQL store does: repeated statements run prepared, and the search
// index is left alone when an article's story (or anything but its text) changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { backends, article } from './helpers.ts';
import { openPostgres } from '../../src/store/postgres/index.ts';

const backend = backends.find((b) => b.name === 'postgres')!;

test('postgres: a statement run repeatedly is prepared once per connection, and survives a table change', { skip: backend.skip }, async () => {
  const url = await backend.newUrl();
  const dialect = await openPostgres(url, 1); // one connection: what it prepared is visible to it
  try {
    await sql`create table things (a int)`.execute(dialect.db);
    await sql`insert into things values (1)`.execute(dialect.db);
    for (let i = 0; i < 5; i++) {
      const r = await dialect.db.selectFrom('things' as never).selectAll().execute();
      assert.deepEqual(r, [{ a: 1 }]);
    }
    const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(dialect.db);
    const ours = prepared.rows.filter((r) => r.name.startsWith('newsdesk_'));
    assert.equal(ours.length, 1, JSON.stringify(prepared.rows));
    assert.match(ours[0]!.statement, /select \* from "things"/);

    // Another process migrates the table: the prepared `select *` now has the wrong shape.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('alter table things add column b int default 2');
    await other.end();
    const after = await dialect.db.selectFrom('things' as never).selectAll().execute();
    assert.deepEqual(after, [{ a: 1, b: 2 }]);
    // … and keeps working afterwards (run unnamed from then on).
    assert.deepEqual(await dialect.db.selectFrom('things' as never).selectAll().execute(), [{ a: 1, b: 2 }]);
  } finally {
    await dialect.close();
  }
});

test('postgres: setting a story does not rewrite the article\'s search entry; changing its text does', { skip: backend.skip }, async () => {
  const store = await backend.fresh();
  const saved = await store.saveArticle({ article: article({ title: 'Harbour bridge reopens', articleBody: 'The harbour bridge reopened on Monday.' }) });
  const version = async () =>
    (await sql<{ v: string }>`select xmin::text as v from article_search where article_id = ${saved.articleId}`.execute(store.db)).rows[0]?.v;
  const before = await version();
  assert.ok(before, 'the new article has a search entry');
  await store.db.updateTable('articles').set({ story_id: 42, hidden: 1 }).where('id', '=', saved.articleId).execute();
  assert.equal(await version(), before, 'a story or flag change leaves the search entry as it was');
  await store.db.updateTable('articles').set({ title: 'Harbour bridge closes again' }).where('id', '=', saved.articleId).execute();
  assert.notEqual(await version(), before, 'a new headline re-indexes');
  const hits = await sql<{ n: number }>`select count(*)::int as n from article_search where search_vector @@ to_tsquery('simple', 'closes')`.execute(store.db);
  assert.equal(hits.rows[0]?.n, 1);
});
