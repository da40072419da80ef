// The operator commands run in-process with their own environment: config check (origins,
// masked secrets, every problem at once, exit codes), retention with an archive, backup
// into a file or the configured folder, and refusals with what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { backupCommand, configCommand, retentionCommand, type CommandIo } from '../../src/cli/ops.ts';
import { Moderation } from '../../src/store/moderation.ts';
import { UsageError } from '../../src/cli/args.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import { integrityProblem } from '../../src/ops/backup.ts';
import { article } from '../store/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ops-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string>, cwd = dir): CommandIo & { out: () => string } {
  const chunks: string[] = [];
  return {
    env,
    cwd,
    stdout: (t) => void chunks.push(t),
    stderr: (t) => void chunks.push(t),
    log: createLogger({ level: 'silent' }),
    out: () => chunks.join(''),
  };
}

test('config check prints every value with its origin and masks secrets', async () => {
  const cwd = mkdtempSync(join(dir, 'cfg-'));
  writeFileSync(join(cwd, 'newsdesk.config.json'), JSON.stringify({ retention: { days: 90 }, fetch: { perHostConnections: 4 } }));
  const run = io(
    { DATABASE_URL: 'postgres://newsdesk:hunter2hunter2@db.example:5432/news', NEWSDESK_METRICS_TOKEN: 'abcdefghijklmnopqrstuvwxyz', PORT: '9000' },
    cwd,
  );
  assert.equal(await configCommand(['check'], run), 0);
  const text = run.out();
  assert.match(text, new RegExp(`configuration file: ${join(cwd, 'newsdesk.config.json').replace(/[.\\/]/g, '\\$&')}`));
  assert.match(text, /retention\.days +90 +file .*newsdesk\.config\.json/);
  assert.match(text, /fetch\.perHostConnections +4 +file /);
  assert.match(text, /server\.port +9000 +env PORT/);
  assert.match(text, /ingest\.concurrency +32 +default/);
  assert.match(text, /database +"postgres:\/\/newsdesk:\*{8}@db\.example:5432\/news" +env DATABASE_URL/);
  assert.match(text, /metrics\.token +"\*{8}" +env NEWSDESK_METRICS_TOKEN/);
  assert.ok(!text.includes('hunter2') && !text.includes('abcdefghijklmnop'), 'no secret is printed');
  assert.match(text, /the configuration is valid/);

  const json = io({ NEWSDESK_DB: join(cwd, 'x.db') }, cwd);
  assert.equal(await configCommand(['check', '--json'], json), 0);
  const parsed = JSON.parse(json.out()) as { valid: boolean; settings: { name: string; value: unknown; from: string }[] };
  assert.equal(parsed.valid, true);
  assert.deepEqual(parsed.settings.find((s) => s.name === 'database'), { name: 'database', value: join(cwd, 'x.db'), from: 'env NEWSDESK_DB' });
});

test('config check lists every wrong value with what was expected, and exits 1', async () => {
  const cwd = mkdtempSync(join(dir, 'bad-'));
  writeFileSync(join(cwd, 'newsdesk.config.json'), JSON.stringify({ log: { level: 'loud' }, retention: { days: 0 }, backup: { keep: 'all' }, metrics: { tokn: 'x' } }));
  const run = io({ NEWSDESK_LOG_FORMAT: 'xml', NEWSDESK_METRICS_TOKEN: 'short', NEWSDESK_METRICS: 'maybe', PORT: 'eighty' }, cwd);
  assert.equal(await configCommand(['check'], run), 1);
  const text = run.out();
  assert.match(text, /not valid \(\d+ problems\)/);
  assert.match(text, /- log\.level: expected one of debug, info, warn, error, silent, found "loud"/);
  assert.match(text, /- log\.format \(or NEWSDESK_LOG_FORMAT\): expected one of auto, json, pretty, found "xml"/);
  assert.match(text, /- retention\.days: expected a whole number from 1 to 36500, found 0/);
  assert.match(text, /- backup\.keep: expected a number, found "all"/);
  assert.match(text, /- metrics\.tokn: unknown setting \(known here: enabled, token\)/);
  assert.match(text, /- metrics\.token \(or NEWSDESK_METRICS_TOKEN\): expected at least 16 characters/);
  assert.ok(!/- metrics\.token.*short/.test(text), 'a wrong secret is not echoed');
  assert.match(text, /- metrics\.enabled \(or NEWSDESK_METRICS\): expected true or false, found "maybe"/);
  assert.match(text, /- server\.port \(or PORT\): expected a whole number from 1 to 65535, found "eighty"/);

  const broken = mkdtempSync(join(dir, 'broken-'));
  writeFileSync(join(broken, 'newsdesk.config.json'), '{ "fetch": ');
  const run2 = io({}, broken);
  assert.equal(await configCommand(['check'], run2), 1);
  assert.match(run2.out(), /cannot be read as JSON .*fix the file or point NEWSDESK_CONFIG elsewhere/);
  await assert.rejects(configCommand(['show'], io({})), UsageError);
});

test('retention from the command line: dry run, then removal with a gzip archive', async () => {
  const db = join(dir, 'retention.db');
  const store = await openStore({ url: db });
  const old = new Date(Date.now() - 400 * 24 * 3600_000).toISOString();
  for (const [name, at] of [['old-1', old], ['old-2', old], ['new-1', new Date().toISOString()]] as const) {
    const url = `https://news.example.com/${name}`;
    await store.saveArticle({ article: article({ url, canonicalUrl: url, title: name, publishedAt: at }) });
  }
  const pinned = (await store.findArticleByUrl('https://news.example.com/old-2'))!.id;
  await store.close();
  const env = { NEWSDESK_DB: db };

  const dry = io(env);
  assert.equal(await retentionCommand(['--days', '365', '--dry-run', '--json'], dry), 0);
  assert.equal((JSON.parse(dry.out()) as { deleted: number }).deleted, 2);

  await assert.rejects(retentionCommand([], io(env)), /give --days N, or set retention\.days/);
  await assert.rejects(retentionCommand(['--days', 'ten'], io(env)), /--days needs a whole number/);

  const archive = join(dir, 'archive', 'old.jsonl.gz');
  const run = io({ ...env, NEWSDESK_RETENTION_DAYS: '365' });
  assert.equal(await retentionCommand(['--archive', archive, '--protect-articles', String(pinned)], run), 0);
  assert.match(run.out(), /\(365 days\): 2 examined/);
  assert.match(run.out(), /removed 1, kept 0 stories' first articles and 1 protected/);
  const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]!) as { article: { title: string }; revisions: unknown[] };
  assert.equal(rec.article.title, 'old-1');
  assert.equal(rec.revisions.length, 1);
  const after = await openStore({ url: db });
  assert.deepEqual((await after.listArticles({ limit: 10 })).map((a) => a.title).sort(), ['new-1', 'old-2']);
  await after.close();
});

test('retention from the command line keeps the stories an operator pinned', async () => {
  const db = join(dir, 'pinned.db');
  const store = await openStore({ url: db });
  const old = new Date(Date.now() - 400 * 24 * 3600_000).toISOString();
  for (const [name, story] of [['kept-a', 5], ['kept-b', 5], ['gone', 6]] as const) {
    const url = `https://news.example.com/${name}`;
    const { articleId } = await store.saveArticle({ article: article({ url, canonicalUrl: url, title: name, publishedAt: old }) });
    await store.setArticleStory(articleId, story);
  }
  await new Moderation(store.db).setStoryPinned(5, true);
  await store.close();
  assert.equal(await retentionCommand(['--days', '30'], io({ NEWSDESK_DB: db })), 0);
  const after = await openStore({ url: db });
  assert.deepEqual((await after.listArticles({ limit: 10 })).map((a) => a.title).sort(), ['kept-a', 'kept-b']);
  await after.close();
});

test('backup from the command line: to a file, into backup.dir, and refused on PostgreSQL', async () => {
  const db = join(dir, 'tobackup.db');
  await (await openStore({ url: db })).close();
  const run = io({ NEWSDESK_DB: db });
  assert.equal(await backupCommand([join(dir, 'copy.db')], run), 0);
  assert.match(run.out(), /backup: .*copy\.db .*integrity ok/);
  assert.equal(integrityProblem(join(dir, 'copy.db')), null);
  await assert.rejects(backupCommand([join(dir, 'copy.db')], io({ NEWSDESK_DB: db })), /already exists/);
  assert.equal(await backupCommand([join(dir, 'copy.db'), '--force'], io({ NEWSDESK_DB: db })), 0);

  const folder = join(dir, 'nightly');
  assert.equal(await backupCommand([], io({ NEWSDESK_DB: db, NEWSDESK_BACKUP_DIR: folder })), 0);
  assert.match(readdirSync(folder).join(','), /^newsdesk-\d{8}-\d{6}\.db$/);
  await assert.rejects(backupCommand([], io({ NEWSDESK_DB: db })), /give a FILE, or set backup\.dir/);
  await assert.rejects(backupCommand([join(dir, 'pg.db')], io({ DATABASE_URL: 'postgres://u:pw@127.0.0.1:5432/x' })), /pg_dump/);
});
