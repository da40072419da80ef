// Backups: a copy made while another process keeps writing opens, passes integrity_check
// and holds whole transactions only; the target is never half-written; PostgreSQL and
// existing targets are refused with what to do; dated backups in a folder are pruned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { openStore } from '../../src/store/index.ts';
import { backupIntoDir, backupSqlite, backupFileName, integrityProblem } from '../../src/ops/backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-backup-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a backup taken while another process writes is whole and consistent', async (t) => {
  const db = join(dir, 'live.db');
  await (await openStore({ url: db })).close();
  const writer = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'writer.ts'), db], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => writer.kill('SIGKILL'));
  const [chunk] = (await once(writer.stdout!, 'data')) as [Buffer];
  assert.match(chunk.toString(), /ready/);

  const counts: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = backupSqlite(db, join(dir, `copy-${i}.db`));
    assert.ok(res.bytes > 0);
    assert.equal(integrityProblem(res.file), null, 'PRAGMA integrity_check says ok');
    const copy = await openStore({ url: res.file, migrate: false });
    try {
      const n = Number((await sql<{ n: number }>`select count(*) as n from articles`.execute(copy.db)).rows[0]!.n);
      // Each article commits with its first revision: a torn copy would have one without the other.
      const revs = Number((await sql<{ n: number }>`select count(*) as n from article_revisions`.execute(copy.db)).rows[0]!.n);
      assert.equal(revs, n, 'every article in the copy has its revision');
      assert.equal((await copy.search('Live')).total > 0, true, 'the search index came along');
      counts.push(n);
    } finally {
      await copy.close();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(counts.every((n) => n >= 1));
  assert.ok(counts[counts.length - 1]! > counts[0]!, `the writer kept writing between backups (${counts.join(', ')})`);
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.partial-')), [], 'no temporary file left behind');
});

test('refuses PostgreSQL (pointing to pg_dump), a missing database and an existing target', () => {
  assert.throws(() => backupSqlite('postgres://newsdesk:secret@db.example:5432/news', join(dir, 'x.db')), (err: Error) => {
    assert.match(err.message, /pg_dump/);
    assert.ok(!err.message.includes('secret'), 'the password is not printed');
    return true;
  });
  assert.throws(() => backupSqlite(join(dir, 'nope.db'), join(dir, 'y.db')), /no SQLite database at .*NEWSDESK_DB/);
  const existing = join(dir, 'exists.db');
  writeFileSync(existing, 'keep me');
  const src = join(dir, 'live.db');
  assert.throws(() => backupSqlite(src, existing), /already exists/);
  assert.throws(() => backupSqlite(src, src), /cannot be the database itself/);
});

test('backups into a folder get dated names and only the newest `keep` of them stay', async () => {
  const src = join(dir, 'small.db');
  await (await openStore({ url: src })).close();
  const folder = join(dir, 'backups');
  const other = join(folder, 'notes.txt');
  let last = backupIntoDir(src, folder, 2, new Date('2024-05-01T10:00:00Z'));
  writeFileSync(other, 'not a backup');
  last = backupIntoDir(src, folder, 2, new Date('2024-05-02T10:00:00Z'));
  last = backupIntoDir(src, folder, 2, new Date('2024-05-03T10:00:00Z'));
  assert.equal(backupFileName(new Date('2024-05-03T10:00:00Z')), 'newsdesk-20240503-100000.db');
  assert.deepEqual(readdirSync(folder).sort(), ['newsdesk-20240502-100000.db', 'newsdesk-20240503-100000.db', 'notes.txt']);
  assert.deepEqual(last.pruned, [join(folder, 'newsdesk-20240501-100000.db')]);
  assert.ok(existsSync(other));
});
