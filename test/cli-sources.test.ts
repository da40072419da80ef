// The running-system commands as users run them (the real bin in a child process) against
// a demo newsroom on loopback: discover, feed, sources add/import/list/pause/resume/remove,
// ingest --once, stats --json, search — and the guard refusing what is not allowed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNewsroom, type RunningNewsroom } from '../src/demo/index.ts';

const BIN = fileURLToPath(new URL('../bin/newsdesk.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-sources-'));
const configFile = path.join(dir, 'newsdesk.config.json');
writeFileSync(configFile, JSON.stringify({ fetch: { perHostDelayMs: 0 } }));
let room: RunningNewsroom;

before(async () => {
  room = await startNewsroom({ seed: 11, outlets: 4, itemsPerFeed: 4, hosts: 'per-outlet', crawlDelay: 0 });
});
after(async () => {
  await room.close();
  rmSync(dir, { recursive: true, force: true });
});

function newsdesk(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: dir,
        env: { ...process.env, NEWSDESK_DB: path.join(dir, 'news.db'), NEWSDESK_CONFIG: configFile, NEWSDESK_ALLOW_PRIVATE: '127.0.0.0/8', NEWSDESK_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('discover finds a page’s feed; feed prints its entries', async () => {
  const outlet = room.outlets.find((o) => o.feedUrls.length > 0)!;
  const d = await newsdesk(['discover', outlet.homeUrl]);
  assert.equal(d.code, 0, d.stderr);
  const feeds = JSON.parse(d.stdout) as Array<{ url: string; format: string; via: string }>;
  assert.ok(feeds.some((f) => f.via === 'link'), 'found through <link rel=alternate>');
  const f = await newsdesk(['feed', feeds[0]!.url]);
  assert.equal(f.code, 0, f.stderr);
  const parsed = JSON.parse(f.stdout) as { entries: Array<{ url: string; title: string }> };
  assert.equal(parsed.entries.length, 4);
  assert.ok(parsed.entries.every((e) => e.url.startsWith('http://127.0.0.') && e.title));
});

test('the guard refuses private addresses that were not allowed, naming the reason', async () => {
  const r = await newsdesk(['feed', 'http://127.0.0.1:9/feed.xml'], { NEWSDESK_ALLOW_PRIVATE: '' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /127\.0\.0\.1.*loopback/);
});

test('sources, ingest, stats and search work together', async () => {
  const home = room.outlets[0]!.homeUrl;
  const add = await newsdesk(['sources', 'add', home, '--section', 'World', '--mode', 'full']);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /^added: #1 /);
  const again = await newsdesk(['sources', 'add', home]);
  assert.match(again.stdout, /already followed/);

  const opml = path.join(dir, 'room.opml');
  writeFileSync(opml, await (await fetch(room.opmlUrl)).text());
  const imp = await newsdesk(['sources', 'import', opml]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /already followed/);

  const ingest = await newsdesk(['ingest', '--once']);
  assert.equal(ingest.code, 0, ingest.stderr + ingest.stdout);
  const stats = JSON.parse((await newsdesk(['stats', '--json'])).stdout) as Record<string, number>;
  assert.ok(stats.sources! >= 4);
  assert.ok(stats.articles! >= 12, `articles ${stats.articles}`);
  assert.equal(stats.articles, stats.entries);
  assert.equal(stats.jobsPending, 0);
  for (const key of ['sources', 'entries', 'articles', 'revisions', 'stories', 'errors', 'jobsPending']) assert.equal(typeof stats[key], 'number', key);

  // A second run finds nothing new.
  const second = await newsdesk(['ingest', '--once', '--all']);
  assert.match(second.stdout, /0 new or changed entries, 0 articles stored/);

  // Search finds an article by a word of a stored headline.
  const list = JSON.parse((await newsdesk(['sources', 'list', '--json'])).stdout) as Array<{ id: number; state: string; lastStatus: number }>;
  assert.ok(list.every((s) => s.lastStatus === 200 || s.lastStatus === 304), `statuses: ${list.map((s) => s.lastStatus).join(' ')}`);
  const word = room.article(0, 0).headline.split(/\s+/).find((w) => w.length > 6)!.replace(/[^\p{L}]/gu, '');
  const found = JSON.parse((await newsdesk(['search', word, '--json'])).stdout) as { total: number; hits: Array<{ snippet: string; title: string }> };
  assert.ok(found.total >= 1, `search for ${word}: ${JSON.stringify(found).slice(0, 300)}`);

  assert.match((await newsdesk(['sources', 'pause', '1'])).stdout, /paused/);
  assert.match((await newsdesk(['sources', 'list'])).stdout, /#1\s+paused/);
  assert.match((await newsdesk(['sources', 'resume', '1'])).stdout, /resumed/);
  assert.match((await newsdesk(['sources', 'remove', '1'])).stdout, /removed/);
  const missing = await newsdesk(['sources', 'pause', '999']);
  assert.equal(missing.code, 1);
  assert.match((await newsdesk(['sources', 'export'])).stdout, /<opml version="2.0">[\s\S]*xmlUrl=/);
});

test('wrong calls are usage errors (exit 2) that say what to do', async () => {
  const r = await newsdesk(['sources', 'add', 'example.com']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /must start with http/);
  const i = await newsdesk(['ingest']);
  assert.equal(i.code, 2);
  assert.match(i.stderr, /--once/);
});
