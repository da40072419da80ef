// The logger on pino: JSON lines with level words, level filtering, child fields, errors
// serialized, and the readable form for terminals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, type LogLevel } from '../../src/log.ts';

function capture(level: LogLevel, pretty = false) {
  const lines: string[] = [];
  const log = createLogger({ level, pretty, write: (l) => lines.push(l) });
  return { log, lines };
}

test('one JSON object per line with time, level word, message and fields', () => {
  const { log, lines } = capture('debug');
  log.info('polled', { sourceId: 3, status: 200 });
  assert.equal(lines.length, 1);
  assert.ok(!lines[0]!.includes('\n'), 'no newline inside a line');
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(rec.level, 'info');
  assert.equal(rec.msg, 'polled');
  assert.equal(rec.sourceId, 3);
  assert.equal(rec.status, 200);
  assert.equal(rec.pid, process.pid);
  assert.match(String(rec.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('levels below the chosen one are dropped; silent drops everything', () => {
  const { log, lines } = capture('warn');
  log.debug('d');
  log.info('i');
  log.warn('w');
  log.error('e');
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { level: string }).level), ['warn', 'error']);
  const quiet = capture('silent');
  quiet.log.error('nothing');
  assert.equal(quiet.lines.length, 0);
  const all = capture('debug');
  all.log.debug('d');
  assert.equal((JSON.parse(all.lines[0]!) as { level: string }).level, 'debug');
});

test('children add their fields to every line and keep the level', () => {
  const { log, lines } = capture('info');
  const child = log.child({ worker: 'w1' }).child({ sourceId: 9 });
  child.info('hello', { extra: true });
  child.debug('not shown');
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(rec.worker, 'w1');
  assert.equal(rec.sourceId, 9);
  assert.equal(rec.extra, true);
});

test('errors keep their message and stack; a field cannot overwrite level or msg', () => {
  const { log, lines } = capture('info');
  log.error('failed', { error: new TypeError('bad thing'), level: 'spoofed', msg: 'spoofed' });
  const rec = JSON.parse(lines[0]!) as Record<string, unknown> & { error: { type: string; message: string; stack: string } };
  assert.equal(rec.level, 'error');
  assert.equal(rec.msg, 'failed');
  assert.equal(rec.error.type, 'TypeError');
  assert.equal(rec.error.message, 'bad thing');
  assert.match(rec.error.stack, /TypeError: bad thing/);
  assert.equal(rec.field_level, 'spoofed');
  assert.equal(rec.field_msg, 'spoofed');
});

test('the readable form: clock, level word, message, then key=value', () => {
  const { log, lines } = capture('info', true);
  log.warn('poll failed', { sourceId: 3, error: 'HTTP 500', tags: ['a'] });
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d WARN  poll failed {2}sourceId=3 error=HTTP 500 tags=\["a"\]$/);
});

test('NEWSDESK_LOG_LEVEL and NEWSDESK_LOG_FORMAT choose level and format when not given', () => {
  const saved = { level: process.env.NEWSDESK_LOG_LEVEL, format: process.env.NEWSDESK_LOG_FORMAT };
  try {
    process.env.NEWSDESK_LOG_LEVEL = 'error';
    process.env.NEWSDESK_LOG_FORMAT = 'pretty';
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.warn('dropped');
    log.error('kept');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /ERROR kept$/);
  } finally {
    for (const [k, v] of [['NEWSDESK_LOG_LEVEL', saved.level], ['NEWSDESK_LOG_FORMAT', saved.format]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
