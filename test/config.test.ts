// The typed configuration: defaults, file, environment, and clear messages for wrong values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, isPostgres, loadConfig } from '../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-config-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

test('defaults apply when there is no file and no environment', () => {
  const c = loadConfig({ env: {}, cwd: dir });
  assert.deepEqual(c, DEFAULT_CONFIG);
  assert.equal(isPostgres(c), false);
});

test('a file overrides defaults and the environment overrides the file', () => {
  const file = write('ok.json', { fetch: { perHostConnections: 4, allowPrivate: ['10.0.0.0/8'] }, server: { port: 9000 } });
  const c = loadConfig({ file, env: { PORT: '9100', DATABASE_URL: 'postgres://127.0.0.1/x', NEWSDESK_ALLOW_PRIVATE: '127.0.0.1, ::1' }, cwd: dir });
  assert.equal(c.fetch.perHostConnections, 4);
  assert.equal(c.server.port, 9100);
  assert.deepEqual(c.fetch.allowPrivate, ['127.0.0.1', '::1']);
  assert.equal(isPostgres(c), true);
  assert.equal(c.fetch.perHostDelayMs, DEFAULT_CONFIG.fetch.perHostDelayMs, 'untouched values keep their defaults');
});

test('every wrong value is named at once, with what was found', () => {
  const file = write('bad.json', { fetch: { perHostConnections: 0, contactUrl: 'not a url', colour: 'red' }, server: { port: '80' } });
  assert.throws(
    () => loadConfig({ file, env: {}, cwd: dir }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const text = err.message;
      assert.match(text, /fetch\.perHostConnections: expected a whole number from 1 to 64, found 0/);
      assert.match(text, /fetch\.contactUrl: expected an http\(s\):\/\/ or mailto: address/);
      assert.match(text, /fetch\.colour: unknown setting/);
      assert.match(text, /server\.port: expected a number, found "80"/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ env: { PORT: 'eighty' }, cwd: dir }), /server\.port \(or PORT\)/);
  assert.throws(() => loadConfig({ file: write('broken.json', '{ nope'), env: {}, cwd: dir }), /cannot be read as JSON/);
});
