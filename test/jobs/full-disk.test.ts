// A full disk under the embedded database (issue 4, bad input): SQLite refuses to grow the
// file (PRAGMA max_page_count makes it answer SQLITE_FULL exactly as a full disk does). The
// ingest reports it in words, keeps every job it could not finish queued without using up
// their attempts, and when there is room again finishes the work: every article stored once,
// the file sound.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { startNewsroom } from '../../src/demo/index.ts';
import { createFetcher } from '../../src/fetch/index.ts';
import { ingestOnce, pipelineDeps } from '../../src/jobs/index.ts';
import { STORAGE_RETRY_MS } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import { addOutlets, integrity, LOOPBACK, sleep } from './fixtures/harness.ts';

const OUTLETS = 6;
const ITEMS = 10;
/** Pages the file may grow by before it is "full": room for the entries and a few articles. */
const ROOM_PAGES = 30;
const NO_LIMIT = 1_073_741_823;

const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-full-disk-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a full disk: the ingest says so, keeps the unfinished jobs, and finishes them when there is room', async () => {
  const room = await startNewsroom({ seed: 3, outlets: OUTLETS, itemsPerFeed: ITEMS, hosts: 'per-outlet', crawlDelay: 0, now: new Date('2026-11-20T12:00:00Z') });
  const store = await openStore({ url: join(tmp, 'full.db') });
  try {
    await addOutlets(store, room, Array.from({ length: OUTLETS }, (_, i) => i));
    const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(store.db)).rows[0]!.page_count);
    await sql.raw(`pragma max_page_count = ${pages + ROOM_PAGES}`).execute(store.db);
    const lines: string[] = [];
    const log = createLogger({ level: 'info', pretty: false, write: (l) => lines.push(l) });
    const deps = pipelineDeps(structuredClone(DEFAULT_CONFIG), store, { fetcher: createFetcher({ allowPrivate: [LOOPBACK], perHostDelayMs: 0 }), log });

    // Either the run ends with failed jobs, or — when the disk fills while the queue itself
    // writes — it stops with the error; both say what is wrong.
    let said: string;
    try {
      const full = await ingestOnce(deps, { concurrency: 4, all: true });
      assert.ok(full.jobsFailed > 0, `some articles could not be stored: ${JSON.stringify(full)}`);
      said = lines.filter((l) => /article failed/.test(l)).join('\n');
    } catch (err) {
      said = (err as Error).message;
    }
    assert.match(said, /database or disk is full — the disk is full: free space; queued work is kept in the database and resumes by itself/);
    const stored = (await store.stats()).articles;
    assert.ok(stored < OUTLETS * ITEMS, `${stored} articles`);
    const waiting = await store.db.selectFrom('jobs').select(['state', 'attempts']).execute();
    assert.ok(waiting.length > 0, 'unfinished work is kept');
    assert.equal(waiting.filter((j) => j.state === 'failed').length, 0, 'no job gave up');
    assert.ok(waiting.filter((j) => j.state === 'queued').every((j) => Number(j.attempts) === 0), 'waiting jobs have their attempts given back');

    // Room again: the waiting jobs run when due and the ingest completes.
    await sql.raw(`pragma max_page_count = ${NO_LIMIT}`).execute(store.db);
    const deadline = Date.now() + STORAGE_RETRY_MS + 30_000;
    while ((await store.stats()).jobsPending > 0 && Date.now() < deadline) {
      await ingestOnce(deps, { concurrency: 4 });
      await sleep(500);
    }
    const stats = await store.stats();
    assert.equal(stats.jobsPending, 0, 'every job ran');
    assert.equal(stats.articles, OUTLETS * ITEMS, 'every article stored');
    const dup = await store.db.selectFrom('articles').select('canonical_url').groupBy('canonical_url').having((eb) => eb.fn.countAll(), '>', 1).execute();
    assert.deepEqual(dup, [], 'none twice');
    assert.equal(await integrity(store), 'ok');
  } finally {
    await store.close();
    await room.close();
  }
});
