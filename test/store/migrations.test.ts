// Migrations: run on open, idempotent, safe when several processes open at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Migrator, sql, type Kysely } from 'kysely';
import { backends } from './helpers.ts';
import { migrateToLatest, openStore, resolveDatabase } from '../../src/store/index.ts';
import { openSqlite } from '../../src/store/sqlite/index.ts';
import { openPostgres } from '../../src/store/postgres/index.ts';
import { migrationProvider } from '../../src/store/migrations.ts';

const CHILD = new URL('./fixtures/open-store.ts', import.meta.url).pathname;

async function runChild(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, url], { timeout: 60_000 });
  return stdout;
}

const TABLES = ['article_revisions', 'articles', 'entries', 'fetch_log', 'images', 'jobs', 'robots', 'sources'];

/** How many migrations each dialect has (set by the first test of its block). */
const expected: Record<string, number> = {};

for (const b of backends) {
  describe(`migrations on ${b.name}`, { skip: b.skip }, () => {
    test('a second run (and a reopen) applies nothing and keeps the data', async () => {
      const url = await b.newUrl();
      const dialect = b.name === 'postgres' ? await openPostgres(url) : openSqlite(url);
      try {
        const first = await migrateToLatest(dialect);
        const all = Object.keys(await migrationProvider(dialect).getMigrations()).sort();
        assert.deepEqual(first, all);
        assert.ok(all.includes('0001_core') && all.includes('0002_search'));
        expected[b.name] = all.length;
        assert.deepEqual(await migrateToLatest(dialect), []);
        const tables = (await dialect.db.introspection.getTables()).map((t) => t.name).filter((n) => TABLES.includes(n));
        assert.deepEqual(tables.sort(), TABLES);
      } finally {
        await dialect.close();
      }
      const store = await b.open(url);
      await store.addSource({ url: 'https://example.org/feed' });
      const again = await b.open(url);
      assert.equal((await again.listSources()).length, 1);
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(again.db);
      assert.equal(Number(rows[0]!.n), expected[b.name]);
    });

    test('several processes opening a new database at once all succeed and migrate once', async () => {
      const url = await b.newUrl();
      const outputs = await Promise.all([1, 2, 3, 4].map(() => runChild(url)));
      for (const out of outputs) assert.ok(JSON.parse(out).sources >= 1);
      const store = await b.open(url);
      const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(store.db);
      assert.equal(Number(rows[0]!.n), expected[b.name]);
      assert.equal((await store.stats()).sources, 4);
    });
  });
}

describe('database selection', () => {
  test('postgres URLs select PostgreSQL, anything else is a SQLite path', () => {
    assert.deepEqual(resolveDatabase({ url: 'postgres://u@h/db' }, {}), { kind: 'postgres', url: 'postgres://u@h/db' });
    assert.deepEqual(resolveDatabase({ url: 'sqlite:/tmp/x.db' }, {}), { kind: 'sqlite', url: '/tmp/x.db' });
    assert.deepEqual(resolveDatabase({}, { DATABASE_URL: 'postgresql://h/db', NEWSDESK_DB: '/x.db' }), {
      kind: 'postgres',
      url: 'postgresql://h/db',
    });
    assert.deepEqual(resolveDatabase({}, { NEWSDESK_DB: '/x.db' }), { kind: 'sqlite', url: '/x.db' });
    assert.deepEqual(resolveDatabase({}, {}), { kind: 'sqlite', url: './data/newsdesk.db' });
    assert.deepEqual(resolveDatabase({ url: ':memory:' }, { DATABASE_URL: 'postgres://h/db' }), { kind: 'sqlite', url: ':memory:' });
  });

  test('an in-memory SQLite store works', async () => {
    const s = await openStore({ url: ':memory:' });
    try {
      assert.equal(s.dialect, 'sqlite');
      assert.equal((await s.stats()).articles, 0);
    } finally {
      await s.close();
    }
  });

  test('an unreachable PostgreSQL server gives an error that says what to do', async () => {
    // Port 1 on loopback: nothing listens there.
    await assert.rejects(openStore({ url: 'postgres://postgres@127.0.0.1:1/none' }), /start PostgreSQL or fix DATABASE_URL/);
  });

  test('a SQLite path that cannot be created gives an error naming NEWSDESK_DB', async () => {
    await assert.rejects(openStore({ url: '/dev/null/newsdesk/newsdesk.db' }), /NEWSDESK_DB/);
  });
});

for (const b of backends) {
  describe(`0007/0008 article sections on ${b.name}`, { skip: b.skip }, () => {
    test('articles stored before keep their sections with the reason they had, and their entries\' categories', async () => {
      const url = await b.newUrl();
      const dialect = b.name === 'postgres' ? await openPostgres(url) : openSqlite(url);
      try {
        const names = Object.keys(await migrationProvider(dialect).getMigrations()).sort();
        const before = names.filter((n) => n < '0007').at(-1)!;
        const { error } = await new Migrator({ db: dialect.db, provider: migrationProvider(dialect) }).migrateTo(before);
        assert.ifError(error);
        const at = '2026-11-20T12:00:00.000Z';
        const db = dialect.db as unknown as Kysely<any>;
        await db.insertInto('sources').values([
          { url: 'https://a.example/feed', url_key: 'a', section: 'Local', next_poll_at: at, created_at: at, updated_at: at },
          { url: 'https://b.example/feed', url_key: 'b', section: null, next_poll_at: at, created_at: at, updated_at: at },
        ]).execute();
        const article = (id: number, source: number, section: string | null) => ({
          id, url: `https://x.example/${id}`, canonical_url: `https://x.example/${id}`, authors: '[]', sort_at: at, content_hash: 'c', record_hash: 'r',
          source_id: source, section, created_at: at, updated_at: at,
        });
        // 1: the source's section; 2: an editor's correction; 3: the lexicon's guess; 4: none.
        await db.insertInto('articles').values([article(1, 1, 'Local'), article(2, 1, 'Sports'), article(3, 2, 'Business'), article(4, 2, null)]).execute();
        await db.insertInto('article_overrides').values({ article_id: 2, section: 'Sports', updated_at: at }).execute();
        const entry = (id: number, article: number, categories: unknown) => ({
          id, source_id: 2, entry_key: `e${id}`, content_hash: 'h', data: JSON.stringify({ title: 't', categories }),
          first_seen_at: at, last_seen_at: at, changed_at: at, article_id: article,
        });
        // Article 3 has two entries: the first with categories counts.
        await db.insertInto('entries').values([entry(1, 3, []), entry(2, 3, ['technology', 'Chips']), entry(3, 3, ['sport']), entry(4, 4, 'not a list')]).execute();

        const ran = await migrateToLatest(dialect);
        assert.ok(ran.includes('0007_article_sections') && ran.includes('0008_article_categories'), ran.join(', '));
        const rows = await db.selectFrom('articles').select(['id', 'section', 'section_reason', 'categories']).orderBy('id').execute();
        const parsed = rows.map((r) => ({ ...r, categories: typeof r.categories === 'string' ? JSON.parse(r.categories) : r.categories }));
        assert.deepEqual(parsed, [
          { id: 1, section: 'Local', section_reason: 'source', categories: null },
          { id: 2, section: 'Sports', section_reason: 'editor', categories: null },
          { id: 3, section: 'Business', section_reason: 'lexicon', categories: ['technology', 'Chips'] },
          { id: 4, section: null, section_reason: null, categories: null },
        ]);
      } finally {
        await dialect.close();
      }
    });
  });
}
