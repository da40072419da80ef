// bench:ingest — end-to-end ingest speed: poll + fetch + extract + sanitize + store.
// A demo newsroom (its own process) serves N outlets × M items from 127.0.0.x, one
// loopback address per outlet, so per-host politeness (2 connections, 1 s apart by
// default) applies per outlet as it would on the Internet without serialising the run.
// Modes: embedded (SQLite, one process) and PostgreSQL with 2 worker processes sharing the
// queue. Prints one line per mode: articles/s, peak RSS, time share per stage.
//
//   npm run bench:ingest -- [--outlets N] [--items M] [--concurrency C] [--mode sqlite|postgres|both]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openStore } from '../src/store/index.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const OUTLETS = Number(args.get('outlets') ?? 400);
const ITEMS = Number(args.get('items') ?? 10);
const CONCURRENCY = Number(args.get('concurrency') ?? 128);
const MODE = args.get('mode') ?? 'both';
const PG_ADMIN = process.env.NEWSDESK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = 150;

interface ChildResult {
  polled: number;
  pollErrors: number;
  jobsDone: number;
  jobsFailed: number;
  wallMs: number;
  cpuMs: number;
  maxRssMB: number;
  stages: Record<string, number>;
  timeline: { lastPollMs: number; firstStoredMs: number; tenthStoredMs: number; halfStoredMs: number; lastStoredMs: number };
  loopDelayMs: { p50: number; p99: number; max: number };
}

/** Where a process's time went (stderr): after its last article comes story assignment and
 * waiting for the other workers; event-loop delay is what every database answer waits. */
function detail(who: string, r: ChildResult): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const t = r.timeline;
  const d = r.loopDelayMs;
  return `  ${who}: polls done ${s(t.lastPollMs)} s, first article ${s(t.firstStoredMs)} s, a tenth ${s(t.tenthStoredMs)} s, half ${s(t.halfStoredMs)} s, last ${s(t.lastStoredMs)} s, end ${s(r.wallMs)} s | event-loop delay p50 ${d.p50.toFixed(0)} ms, p99 ${d.p99.toFixed(0)} ms, max ${d.max.toFixed(0)} ms\n`;
}

/** BENCH_PROFILE_DIR=DIR writes a CPU profile of each ingest process there. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;

function tsxNode(script: string, argv: string[]): ChildProcess {
  const prof = PROFILE_DIR && script.includes('ingest-child') ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return spawn(process.execPath, [...prof, '--import', 'tsx', script, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const rl = createInterface({ input: child.stdout! });
  for await (const line of rl) if (line.trim()) return line;
  throw new Error('child exited without output');
}

async function prepare(database: string, feeds: Array<{ url: string; name: string; kind?: 'section'; urlPattern?: string }>): Promise<void> {
  const store = await openStore({ url: database });
  for (const f of feeds) await store.addSource({ url: f.url, name: f.name, kind: f.kind, urlPattern: f.urlPattern ?? null });
  await store.close();
}

function line(mode: string, r: { articles: number; wallMs: number; cpuMs: number; maxRssMB: number; stages: Record<string, number> }): string {
  const perSec = r.articles / (r.wallMs / 1000);
  // Stages overlap (many fetches wait at once), so each is given as its summed time per
  // article; extract and store run on the CPU, so theirs is real work.
  const shares = Object.entries(r.stages)
    .map(([k, v]) => `${k} ${(v / Math.max(1, r.articles)).toFixed(1)} ms`)
    .join(', ');
  const verdict = perSec >= TARGET ? 'ok' : 'MISS';
  return `ingest ${mode}: ${r.articles} articles in ${(r.wallMs / 1000).toFixed(1)} s = ${perSec.toFixed(0)} articles/s (target ${TARGET}: ${verdict}) | peak rss ${r.maxRssMB.toFixed(0)} MB | cpu ${(r.cpuMs / Math.max(1, r.articles)).toFixed(1)} ms/article | per article: ${shares}`;
}

const room = tsxNode('bench/lib/newsroom-child.ts', [String(OUTLETS), String(ITEMS), '1']);
const { feeds } = JSON.parse(await firstLine(room)) as { feeds: Array<{ url: string; name: string; kind?: 'section'; urlPattern?: string }> };
process.stderr.write(`newsroom: ${feeds.length} outlets × ${ITEMS} items; concurrency ${CONCURRENCY}\n`);
const out: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-bench-ingest-'));
try {
  if (MODE === 'sqlite' || MODE === 'both') {
    const db = join(tmp, 'bench.sqlite');
    await prepare(db, feeds);
    const child = tsxNode('bench/lib/ingest-child.ts', [db, String(CONCURRENCY)]);
    const r = JSON.parse(await firstLine(child)) as ChildResult;
    process.stderr.write(detail('sqlite', r));
    if (r.jobsFailed || r.pollErrors) process.stderr.write(`sqlite: ${r.pollErrors} poll errors, ${r.jobsFailed} failed articles\n`);
    out.push(line('embedded (SQLite, 1 process)', { articles: r.jobsDone, wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssMB: r.maxRssMB, stages: r.stages }));
    process.stderr.write(out.at(-1) + '\n');
  }
  if (MODE === 'postgres' || MODE === 'both') {
    const name = `newsdesk_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const u = new URL(PG_ADMIN);
    u.pathname = `/${name}`;
    try {
      await prepare(u.href, feeds);
      const workers = [0, 1].map(() => tsxNode('bench/lib/ingest-child.ts', [u.href, String(CONCURRENCY / 2)]));
      const rs = (await Promise.all(workers.map(firstLine))).map((l) => JSON.parse(l) as ChildResult);
      rs.forEach((r, i) => process.stderr.write(detail(`postgres worker ${i + 1}`, r)));
      const stages: Record<string, number> = {};
      for (const r of rs) for (const [k, v] of Object.entries(r.stages)) stages[k] = (stages[k] ?? 0) + v;
      const articles = rs.reduce((a, r) => a + r.jobsDone, 0);
      out.push(line('PostgreSQL (2 workers)', { articles, wallMs: Math.max(...rs.map((r) => r.wallMs)), cpuMs: rs.reduce((a, r) => a + r.cpuMs, 0), maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)), stages }));
      process.stderr.write(out.at(-1) + '\n');
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
} finally {
  room.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
for (const l of out) console.log(l);
