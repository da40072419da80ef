// `newsdesk admin …` run as operators run it: the real bin in a child process on a
// temporary database. The password arrives on stdin (never on the command line, where
// `ps` would show it) and is stored only as a scrypt hash; tokens are printed once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { AdminStore } from '../src/store/admin.ts';
import { tokenDigest, verifyPassword } from '../src/web/admin/secrets.ts';

const BIN = fileURLToPath(new URL('../bin/newsdesk.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-admin-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const DB = path.join(dir, 'admin.db');

function newsdesk(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NEWSDESK_DB: DB, NEWSDESK_ADMIN_PASSWORD: '', NEWSDESK_LOG_LEVEL: 'warn' }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number | undefined) ?? 1 : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

test('admin set-password reads stdin, refuses a weak password, stores only a hash', async () => {
  const weak = await newsdesk(['admin', 'set-password'], 'short\n');
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /at least 10 characters/);
  const ok = await newsdesk(['admin', 'set-password', '--user', 'ed'], 'a long enough secret\n');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /created the password of admin "ed"/);
  const store = await openStore({ url: DB });
  try {
    const hash = (await new AdminStore(store.db).passwordHash('ed'))!;
    assert.ok(!hash.includes('a long enough secret'));
    assert.equal(await verifyPassword('a long enough secret', hash), true);
  } finally {
    await store.close();
  }
  assert.equal((await newsdesk(['admin', 'set-password', '--user', 'ed; drop'], 'a long enough secret\n')).code, 2, 'a strange user name is a usage error');
});

test('admin token create prints the token once; list never shows it; revoke ends it', async () => {
  const made = await newsdesk(['admin', 'token', 'create', '--name', 'cms']);
  assert.equal(made.code, 0, made.stderr);
  const token = made.stdout.trim();
  assert.match(token, /^ndk_[A-Za-z0-9_-]{43}$/);
  const list = await newsdesk(['admin', 'token', 'list']);
  assert.match(list.stdout, /#1 {2}cms {2}…/);
  assert.ok(!list.stdout.includes(token));
  const store = await openStore({ url: DB });
  try {
    assert.equal((await new AdminStore(store.db).useToken(tokenDigest(token)))?.name, 'cms');
    assert.equal((await newsdesk(['admin', 'token', 'revoke', '1'])).code, 0);
    assert.equal(await new AdminStore(store.db).useToken(tokenDigest(token)), null);
  } finally {
    await store.close();
  }
  assert.equal((await newsdesk(['admin', 'token', 'revoke', '1'])).code, 1, 'revoking twice fails');
  assert.equal((await newsdesk(['admin', 'token', 'create'])).code, 2, 'a token needs a name');
});
