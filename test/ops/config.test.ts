// The configuration's operations settings: origins recorded per value, environment parsing
// of numbers and flags, masking rules, and the logger options it implies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, inspectConfig, loadConfig, loggerOptions, maskSetting } from '../../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-ops-config-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('operations settings have safe defaults: keep everything, no backup folder, open metrics', () => {
  const c = loadConfig({ env: {}, cwd: dir });
  assert.equal(c.retention.days, null);
  assert.equal(c.backup.dir, null);
  assert.equal(c.metrics.enabled, true);
  assert.equal(c.metrics.token, null);
  assert.deepEqual(c.log, { level: 'info', format: 'auto' });
  assert.deepEqual(c, DEFAULT_CONFIG);
});

test('origins: the file, then the environment, win over defaults; later variables win', () => {
  const file = join(dir, 'ops.json');
  writeFileSync(file, JSON.stringify({ retention: { days: 30, batchSize: 100 }, log: { format: 'json' } }));
  const r = inspectConfig({ file, env: { NEWSDESK_RETENTION_DAYS: '60', NEWSDESK_METRICS: 'off', NEWSDESK_DB: 'a.db', DATABASE_URL: 'b.db' }, cwd: dir });
  assert.deepEqual(r.problems, []);
  assert.equal(r.config.retention.days, 60);
  assert.equal(r.config.retention.batchSize, 100);
  assert.equal(r.config.metrics.enabled, false);
  assert.equal(r.config.database, 'b.db', 'DATABASE_URL wins over NEWSDESK_DB');
  assert.deepEqual(r.origins.get('retention.days'), { kind: 'env', name: 'NEWSDESK_RETENTION_DAYS' });
  assert.deepEqual(r.origins.get('retention.batchSize'), { kind: 'file', path: file });
  assert.deepEqual(r.origins.get('database'), { kind: 'env', name: 'DATABASE_URL' });
  assert.equal(r.origins.get('fetch.maxBytes'), undefined, 'a default has no recorded origin');
  assert.deepEqual(loggerOptions(r.config), { level: 'info', pretty: false });
  assert.deepEqual(loggerOptions(DEFAULT_CONFIG), { level: 'info', pretty: undefined }, 'auto leaves it to the terminal');
});

test('null is accepted where a setting allows it and refused where it does not', () => {
  const file = join(dir, 'nulls.json');
  writeFileSync(file, JSON.stringify({ retention: { days: null, batchSize: null } }));
  const r = inspectConfig({ file, env: {}, cwd: dir });
  assert.deepEqual(r.problems, ['retention.batchSize: expected a whole number from 1 to 100000, found null']);
});

test('secrets are masked; a SQLite path is not a secret', () => {
  assert.equal(maskSetting('database', './data/newsdesk.db'), './data/newsdesk.db');
  assert.equal(maskSetting('database', 'postgres://u:p4ss@h:5432/d'), 'postgres://u:********@h:5432/d');
  assert.equal(maskSetting('database', 'postgres://h/d'), 'postgres://h/d', 'no password, nothing to hide');
  assert.equal(maskSetting('metrics.token', 'x'.repeat(20)), '********');
  assert.equal(maskSetting('metrics.token', null), null);
  assert.equal(maskSetting('server.port', 8080), 8080);
});
