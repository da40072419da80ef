// What servers say about freshness and coming back later, read into seconds for the
// scheduler: Cache-Control max-age (minus Age), Expires against the server's Date,
// no-store/no-cache, Retry-After as seconds or as an HTTP date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshnessSeconds, retryAfterSeconds } from '../../src/fetch/index.ts';

const now = Date.parse('2026-03-01T12:00:00Z');

test('Cache-Control max-age wins over Expires, and Age is taken off', () => {
  assert.equal(freshnessSeconds({ 'cache-control': 'public, max-age=600' }, now), 600);
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age=600', age: '100' }, now), 500);
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age=60', age: '100' }, now), 0, 'never negative');
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age="120"' }, now), 120, 'quoted value');
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age=300', expires: 'Sun, 01 Mar 2026 14:00:00 GMT' }, now), 300);
  assert.equal(freshnessSeconds({ 'cache-control': 'MAX-AGE=30' }, now), 30, 'directive names are case-insensitive');
});

test('no-store and no-cache mean no freshness hint at all', () => {
  assert.equal(freshnessSeconds({ 'cache-control': 'no-store' }, now), null);
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age=600, no-cache' }, now), null);
  assert.equal(freshnessSeconds({ 'cache-control': 'private', expires: 'Sun, 01 Mar 2026 13:00:00 GMT' }, now), 3600);
  assert.equal(freshnessSeconds({}, now), null);
});

test('Expires is measured from the server Date when given; an unreadable one is already stale', () => {
  assert.equal(freshnessSeconds({ expires: 'Sun, 01 Mar 2026 13:00:00 GMT' }, now), 3600);
  // The server's clock is 10 minutes behind ours: its own Date is the base.
  assert.equal(freshnessSeconds({ expires: 'Sun, 01 Mar 2026 13:00:00 GMT', date: 'Sun, 01 Mar 2026 11:50:00 GMT' }, now), 4200);
  assert.equal(freshnessSeconds({ expires: '0' }, now), 0);
  assert.equal(freshnessSeconds({ expires: '-1' }, now), 0);
  assert.equal(freshnessSeconds({ expires: 'Sat, 01 Mar 2025 12:00:00 GMT' }, now), 0, 'in the past');
  assert.equal(freshnessSeconds({ 'cache-control': 'max-age=99999999999' }, now), 365 * 24 * 3600, 'capped at a year');
});

test('Retry-After: delay-seconds or an HTTP date, anything else ignored', () => {
  assert.equal(retryAfterSeconds('120', now), 120);
  assert.equal(retryAfterSeconds(' 0 ', now), 0);
  assert.equal(retryAfterSeconds('Sun, 01 Mar 2026 12:30:00 GMT', now), 1800);
  assert.equal(retryAfterSeconds('Sunday, 01-Mar-26 12:30:00 GMT', now), 1800, 'RFC 850 date');
  assert.equal(retryAfterSeconds('Sun, 01 Mar 2026 11:00:00 GMT', now), 0, 'a past date means now');
  assert.equal(retryAfterSeconds('soon', now), null);
  assert.equal(retryAfterSeconds('-5', now), null);
  assert.equal(retryAfterSeconds(undefined, now), null);
});
