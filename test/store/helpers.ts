// Test helpers for the store: every store test runs once on SQLite and once on the real
// PostgreSQL server (127.0.0.1:5432, or NEWSDESK_TEST_PG). Each `fresh()` call gets an
// empty database of its own — a temporary SQLite file, or a PostgreSQL database named
// newsdesk_test_<pid>_<random> — and everything made is dropped when the file's tests end.
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store, type ArticleInput, type StoredEntry } from '../../src/store/index.ts';

/** Server-level URL (no database); the tests create and drop their own databases. */
const PG_ADMIN_URL = process.env.NEWSDESK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function pgReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_ADMIN_URL} (${(err as Error).message}); start it or set NEWSDESK_TEST_PG`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await pgReachable();
const tmpRoot = mkdtempSync(join(tmpdir(), 'newsdesk-store-test-'));
const pgDatabases: string[] = [];
const openStores: Store[] = [];

after(async () => {
  for (const s of openStores) await s.close().catch(() => undefined);
  rmSync(tmpRoot, { recursive: true, force: true });
  if (pgDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (const name of pgDatabases) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
});

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A reason to skip, or false. */
  skip: string | false;
  /** The URL of a new, empty database (not yet migrated). */
  newUrl(): Promise<string>;
  /** Opens (and migrates) a store on a new, empty database; closed after the file's tests. */
  fresh(): Promise<Store>;
  /** Opens another store on an existing database URL; closed after the file's tests. */
  open(url: string): Promise<Store>;
}

let counter = 0;

async function createPgDatabase(): Promise<string> {
  const name = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  pgDatabases.push(name);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.href;
}

async function track(store: Promise<Store>): Promise<Store> {
  const s = await store;
  openStores.push(s);
  return s;
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    newUrl: async () => join(tmpRoot, `db-${++counter}.sqlite`),
    fresh: async () => track(openStore({ url: join(tmpRoot, `db-${++counter}.sqlite`) })),
    open: (url) => track(openStore({ url })),
  },
  {
    name: 'postgres',
    skip: pgProblem ?? false,
    newUrl: createPgDatabase,
    fresh: async () => track(openStore({ url: await createPgDatabase() })),
    open: (url) => track(openStore({ url })),
  },
];

/** A feed entry with defaults. */
export function entry(over: Partial<StoredEntry> = {}): StoredEntry {
  return {
    id: 'guid-1',
    url: 'https://news.example.com/world/story-1',
    title: 'A headline',
    authors: [],
    publishedAt: '2024-05-01T10:00:00+02:00',
    updatedAt: null,
    summary: 'A summary.',
    contentHtml: null,
    categories: [],
    image: null,
    lang: 'en',
    ...over,
  };
}

/** An extracted article with defaults. */
export function article(over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    url: 'https://news.example.com/world/story-1',
    canonicalUrl: 'https://news.example.com/world/story-1',
    title: 'Floods close the river port',
    authors: ['Ana Lima'],
    publishedAt: '2024-05-01T10:00:00+02:00',
    modifiedAt: null,
    lang: 'en',
    siteName: 'Example News',
    description: 'The port will stay shut for a week.',
    leadImage: null,
    articleBody: 'Heavy rain flooded the river port on Tuesday.\n\nOfficials said it would reopen next week.',
    html: '<p>Heavy rain flooded the river port on Tuesday.</p><p>Officials said it would reopen next week.</p>',
    wordCount: 15,
    ...over,
  };
}
