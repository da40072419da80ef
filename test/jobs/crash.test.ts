// Crash safety of the ingest, on both databases (issue 4): `newsdesk ingest --once --all`
// runs as a child process over a demo newsroom of 32 outlets on 127.0.0.x and is killed
// with SIGKILL at random moments, again and again, then left to finish; what it stored
// must equal an uninterrupted run into another database — the same articles (canonical
// URL, content hash, title), none missing or duplicated, the same revisions and entries,
// no job left running, and on SQLite `PRAGMA integrity_check` = ok. The newsroom then
// publishes and revises, and the same is checked again with kills in the second ingest.
// On PostgreSQL, two `newsdesk worker` processes share the queue and one is killed mid-way.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNewsroom, type RunningNewsroom } from '../../src/demo/index.ts';
import type { Store } from '../../src/store/index.ts';
import { backends, type Backend } from '../store/helpers.ts';
import { addOutlets, duplicates, freePort, integrity, missing, newsdesk, queueState, seededRandom, sleep, snapshot, writeConfig, type Snapshot } from './fixtures/harness.ts';

const OUTLETS = 34;
const ITEMS = 20;
const NOW = new Date('2026-11-20T12:00:00Z');
/** Kills during the first ingest (the issue asks for at least 10), and during the second. */
const KILLS = 10;
const KILLS_AFTER_UPDATE = 2;
/** Most kills come after the child has stored a random number of articles (in this range),
 * so every life makes progress and all kills land whatever the machine's speed; every
 * third comes instead within POLL_KILL_MS of the first poll, while sources are being polled. */
const KILL_AFTER_ARTICLES: readonly [number, number] = [5, 40];
const POLL_KILL_MS = 300;
/** The newsroom's clock moves this far between the two ingests: new items, due revisions. */
const UPDATE_MINUTES = 6 * 60;
const SEED = 11;
const FIRST_WORK = /"msg":"(polled|poll failed)"/;
/** The debug line the pipeline writes for each article stored. */
const ARTICLE_STORED = /"msg":"article"/g;

const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-crash-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const config = writeConfig(tmp);
const ALL_OUTLETS = Array.from({ length: OUTLETS }, (_, i) => i);
/** Every newsroom of this file on one port: the reference run and the killed runs then see the same links. */
const PORT = await freePort();

/** Runs `ingest --once --all` to the end; fails the test with the child's stderr if it cannot. */
async function ingestToEnd(database: string): Promise<void> {
  const child = newsdesk(['ingest', '--once', '--all'], database, config);
  const { code, signal } = await child.exited;
  assert.ok(code === 0 || code === 1, `ingest ended with ${code ?? signal}:\n${child.stderr().slice(-3000)}`);
}

/**
 * Starts `ingest --once --all` (the restart marks every active source due, which also
 * overrides the lease a killed poll left behind) and SIGKILLs it a random moment after it
 * has started working, `kills` times; then lets one run finish. Returns the figures.
 */
async function ingestWithKills(database: string, kills: number, random: () => number) {
  const started = performance.now();
  const moments: string[] = [];
  let lives = 0;
  while (moments.length < kills && lives < kills * 3) {
    lives++;
    const child = newsdesk(['ingest', '--once', '--all'], database, config, { NEWSDESK_LOG_LEVEL: 'debug' });
    const alive = () => child.proc.exitCode === null && child.proc.signalCode === null;
    const working = await child.waitFor(FIRST_WORK);
    let moment: string;
    if (lives % 3 === 0) {
      const delay = Math.round(random() * POLL_KILL_MS);
      if (working) await sleep(delay);
      moment = `${delay} ms after the first poll`;
    } else {
      const [lo, hi] = KILL_AFTER_ARTICLES;
      const articles = lo + Math.floor(random() * (hi - lo + 1));
      while (alive() && (child.stderr().match(ARTICLE_STORED)?.length ?? 0) < articles) await sleep(10);
      moment = `after ${articles} articles`;
    }
    if (alive()) {
      child.proc.kill('SIGKILL');
      moments.push(moment);
    }
    const end = await child.exited;
    if (end.signal !== 'SIGKILL') {
      // It finished before the kill: nothing left to interrupt.
      assert.ok(end.code === 0 || end.code === 1, `ingest ended with ${end.code}:\n${child.stderr().slice(-3000)}`);
      break;
    }
  }
  await ingestToEnd(database);
  return { kills: moments.length, lives: lives + 1, moments, seconds: (performance.now() - started) / 1000 };
}

/** The newsroom's port, for `snapshot` (each test starts its own newsroom). */
function portOf(room: RunningNewsroom): string {
  return new URL(room.outlets[0]!.homeUrl).port;
}

/**
 * The uninterrupted run, computed once and shared by the tests: a SQLite database fed by
 * `ingest --once --all` from a newsroom of the same seed and clock, before ('first') and
 * after ('update') the newsroom's update. Snapshots do not depend on the database kind.
 */
const reference = new Map<'first' | 'update', { snap: Snapshot; failed: number; seconds: number }>();
let referenceUrl: string | null = null;
async function referenceRun(phase: 'first' | 'update', room: RunningNewsroom) {
  const known = reference.get(phase);
  if (known) return known;
  const sqlite = backends[0]!;
  if (phase === 'first') {
    referenceUrl = await sqlite.newUrl();
    await addOutlets(await sqlite.open(referenceUrl), room, ALL_OUTLETS);
  }
  assert.ok(referenceUrl, 'the first reference run comes before the update');
  const store = await sqlite.open(referenceUrl);
  const t0 = performance.now();
  await ingestToEnd(referenceUrl);
  const result = { snap: await snapshot(store, portOf(room)), failed: (await queueState(store)).failed, seconds: (performance.now() - t0) / 1000 };
  reference.set(phase, result);
  return result;
}

/** The checks of the issue: equal to the reference, nothing duplicated, nothing left running. */
async function assertSame(want: { snap: Snapshot; failed: number }, crashed: Store, room: RunningNewsroom, label: string): Promise<Snapshot> {
  const got = await snapshot(crashed, portOf(room));
  assert.deepEqual(duplicates(got.articles), [], `${label}: duplicated articles`);
  assert.deepEqual(duplicates(got.entries), [], `${label}: duplicated entries`);
  assert.deepEqual(missing(want.snap.articles, got.articles), [], `${label}: articles missing after the kills`);
  assert.deepEqual(missing(got.articles, want.snap.articles), [], `${label}: articles the uninterrupted run does not have`);
  assert.deepEqual(got.articles, want.snap.articles, `${label}: articles`);
  assert.deepEqual(got.revisions, want.snap.revisions, `${label}: revisions`);
  assert.deepEqual(got.entries, want.snap.entries, `${label}: entries`);
  const q = await queueState(crashed);
  assert.equal(q.running, 0, `${label}: jobs left running`);
  assert.equal(q.waiting, 0, `${label}: jobs left waiting`);
  assert.equal(q.failed, want.failed, `${label}: failed jobs`);
  assert.equal(await integrity(crashed), crashed.dialect === 'sqlite' ? 'ok' : 'n/a', `${label}: integrity_check`);
  const sources = await crashed.listSources();
  assert.deepEqual(sources.filter((s) => s.lastError).map((s) => `${s.url}: ${s.lastError}`), [], `${label}: sources with errors`);
  assert.ok(sources.every((s) => s.lastPolledAt), `${label}: every source polled`);
  return got;
}

async function newsroom(): Promise<RunningNewsroom> {
  return startNewsroom({ seed: SEED, outlets: OUTLETS, itemsPerFeed: ITEMS, hosts: 'per-outlet', crawlDelay: 0, now: NOW, port: PORT });
}

/** A fresh database of `backend` following every outlet of the newsroom. */
async function freshDatabase(backend: Backend, room: RunningNewsroom) {
  const url = await backend.newUrl();
  const store = await backend.open(url);
  await addOutlets(store, room, ALL_OUTLETS);
  return { url, store };
}

for (const backend of backends) {
  describe(`crash safety on ${backend.name}`, { skip: backend.skip }, () => {
    test(`ingest --once killed with SIGKILL ${KILLS} times equals an uninterrupted ingest`, async (t) => {
      const room = await newsroom();
      try {
        const { url, store } = await freshDatabase(backend, room);
        const seed = 4000 + (backend.name === 'sqlite' ? 1 : 2);
        const random = seededRandom(seed);
        const refFirst = await referenceRun('first', room);
        const first = await ingestWithKills(url, KILLS, random);
        assert.ok(first.kills >= KILLS, `only ${first.kills} kills landed before the ingest finished (${first.moments.join(', ')})`);
        const a = await assertSame(refFirst, store, room, 'first ingest');
        assert.ok(a.articles.length >= 600, `articles: ${a.articles.length}`);

        // The newsroom publishes and revises; ingest again, killing the second run too.
        room.advance(UPDATE_MINUTES);
        const refUpdate = await referenceRun('update', room);
        const second = await ingestWithKills(url, KILLS_AFTER_UPDATE, random);
        const b = await assertSame(refUpdate, store, room, 'after the update');
        const revised = b.articles.filter((l) => !l.endsWith('| r1')).length;
        assert.ok(revised > 0, 'some articles were revised');
        assert.ok(b.articles.length > a.articles.length, 'new articles arrived');
        t.diagnostic(
          `${backend.name}: ${a.articles.length} articles after ${first.kills} kills in ${first.lives} runs (${first.seconds.toFixed(1)} s; uninterrupted ${refFirst.seconds.toFixed(1)} s on SQLite; ` +
            `killed ${first.moments.join('; ')}; seed ${seed}); update: ${b.articles.length} articles, ${revised} revised, ` +
            `${b.revisions.length} revisions after ${second.kills} kills (${second.seconds.toFixed(1)} s; uninterrupted ${refUpdate.seconds.toFixed(1)} s)`,
        );
      } finally {
        await room.close();
      }
    });

    if (backend.name === 'postgres') {
      test('two newsdesk workers, one killed with SIGKILL mid-way: the same articles as an uninterrupted ingest', async (t) => {
        const room = await newsroom();
        try {
          const { url: crashUrl, store: crashed } = await freshDatabase(backend, room);
          const want = await referenceRun('first', room);
          const t0 = performance.now();
          const workers = [0, 1].map(() => newsdesk(['worker', '--concurrency', '4'], crashUrl, config));
          try {
            // Kill the first worker once every source has been polled (a poll killed half-way
            // keeps its source leased for 5 minutes: see the report) and some articles are
            // stored, but well before the end.
            const total = want.snap.articles.length;
            const killAt = Math.round(total * (0.15 + seededRandom(77)() * 0.35));
            let stored = 0;
            for (;;) {
              const stats = await crashed.stats();
              stored = stats.articles;
              const polled = (await crashed.listSources()).every((s) => s.lastPolledAt);
              if (polled && stored >= killAt) break;
              assert.ok(workers[0]!.proc.exitCode === null, `worker 1 exited early:\n${workers[0]!.stderr().slice(-2000)}`);
              assert.ok(performance.now() - t0 < 60_000, `no progress: ${stored} articles stored`);
              await sleep(50);
            }
            workers[0]!.proc.kill('SIGKILL');
            await workers[0]!.exited;
            const killedAt = stored;
            // The other worker must take over the jobs the dead one held.
            for (;;) {
              const q = await queueState(crashed);
              const stats = await crashed.stats();
              if (q.waiting === 0 && q.running === 0 && stats.articles >= total) break;
              assert.ok(workers[1]!.proc.exitCode === null, `worker 2 exited:\n${workers[1]!.stderr().slice(-2000)}`);
              assert.ok(performance.now() - t0 < 90_000, `stuck: ${stats.articles}/${total} articles, queue ${JSON.stringify(q)}\n${workers[1]!.stderr().slice(-2000)}`);
              await sleep(200);
            }
            const seconds = (performance.now() - t0) / 1000;
            const survivorLog = workers[1]!.stderr();
            workers[1]!.proc.kill('SIGTERM');
            const end = await workers[1]!.exited;
            assert.equal(end.code, 0, 'the surviving worker stops cleanly on SIGTERM');
            await assertSame(want, crashed, room, 'two workers');
            const reclaimed = /put back (\d+) job/.exec(survivorLog);
            t.diagnostic(
              `postgres, 2 workers: worker 1 killed at ${killedAt}/${total} articles; all ${total} stored in ${seconds.toFixed(1)} s; ` +
                `${reclaimed ? `the survivor put back ${reclaimed[1]} job(s) of the dead one` : 'the dead worker held no job'}`,
            );
          } finally {
            for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
          }
        } finally {
          await room.close();
        }
      });
    }
  });
}
