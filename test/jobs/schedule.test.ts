// The polling policy: adaptive interval from publishing frequency, server hints as lower
// bounds, exponential back-off on errors, 410 pauses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailure, afterSuccess, DEFAULT_POLICY, frequencyInterval } from '../../src/jobs/schedule.ts';

const now = new Date('2026-11-27T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const noJitter = () => 0.5; // random() = 0.5 → zero offset for ± jitter
const seconds = (d: Date) => (d.getTime() - now.getTime()) / 1000;

test('a busy source is polled at the 5-minute floor', () => {
  const times = Array.from({ length: 5000 }, (_, i) => minutesAgo(i));
  assert.equal(frequencyInterval(times, now), DEFAULT_POLICY.minIntervalSeconds);
});

test('a source with one entry a day is polled about daily; one a week at the 24 h ceiling', () => {
  const daily = Array.from({ length: 7 }, (_, i) => minutesAgo(i * 1440 + 30));
  assert.equal(frequencyInterval(daily, now), 24 * 3600);
  const hourly = Array.from({ length: 7 * 24 }, (_, i) => minutesAgo(i * 60 + 1));
  assert.equal(frequencyInterval(hourly, now), 3600);
  assert.equal(frequencyInterval([minutesAgo(60)], now), 24 * 3600);
  assert.equal(frequencyInterval([], now), 24 * 3600);
});

test('entries older than the window and future-dated entries do not count', () => {
  const old = Array.from({ length: 100 }, (_, i) => minutesAgo(8 * 1440 + i));
  const future = Array.from({ length: 100 }, (_, i) => new Date(now.getTime() + (i + 1) * 60_000));
  assert.equal(frequencyInterval([...old, ...future], now), 24 * 3600);
});

test('Cache-Control, ttl and Retry-After are lower bounds that jitter never undercuts', () => {
  const busy = Array.from({ length: 5000 }, (_, i) => minutesAgo(i));
  const cache = afterSuccess(now, { recentEntryTimes: busy, maxAgeSeconds: 1800 }, DEFAULT_POLICY, () => 0);
  assert.equal(cache.reason, 'cache');
  assert.equal(cache.intervalSeconds, 1800);
  assert.ok(seconds(cache.nextPollAt) >= 1800);
  const ttl = afterSuccess(now, { recentEntryTimes: busy, maxAgeSeconds: 600, ttlSeconds: 3600 }, DEFAULT_POLICY, () => 0);
  assert.equal(ttl.reason, 'ttl');
  assert.ok(seconds(ttl.nextPollAt) >= 3600);
  const huge = afterSuccess(now, { recentEntryTimes: busy, maxAgeSeconds: 10 * 86400 }, DEFAULT_POLICY, () => 0);
  assert.equal(huge.intervalSeconds, 86400, 'a hint beyond the ceiling is capped at 24 h');
});

test('jitter spreads polls by at most ±10% around the frequency interval', () => {
  const hourly = Array.from({ length: 7 * 24 }, (_, i) => minutesAgo(i * 60 + 1));
  const low = afterSuccess(now, { recentEntryTimes: hourly }, DEFAULT_POLICY, () => 0);
  const mid = afterSuccess(now, { recentEntryTimes: hourly }, DEFAULT_POLICY, noJitter);
  const high = afterSuccess(now, { recentEntryTimes: hourly }, DEFAULT_POLICY, () => 0.999999);
  assert.equal(seconds(mid.nextPollAt), 3600);
  assert.equal(seconds(low.nextPollAt), 3240);
  assert.ok(Math.abs(seconds(high.nextPollAt) - 3960) < 1);
});

test('errors back off exponentially up to 24 h', () => {
  const waits = [1, 2, 3, 4, 8, 9, 50, 5000].map((n) => afterFailure(now, { consecutiveErrors: n }, DEFAULT_POLICY, noJitter).intervalSeconds);
  assert.deepEqual(waits, [300, 600, 1200, 2400, 38400, 76800, 86400, 86400]);
});

test('Retry-After beats a shorter back-off; 410 Gone pauses the source', () => {
  const retry = afterFailure(now, { consecutiveErrors: 1, status: 503, retryAfterSeconds: 7200 }, DEFAULT_POLICY, () => 0);
  assert.equal(retry.reason, 'retry-after');
  assert.ok(seconds(retry.nextPollAt) >= 7200);
  const gone = afterFailure(now, { consecutiveErrors: 1, status: 410 }, DEFAULT_POLICY, noJitter);
  assert.equal(gone.pause, 'gone');
  const other = afterFailure(now, { consecutiveErrors: 1, status: 500 }, DEFAULT_POLICY, noJitter);
  assert.equal(other.pause, undefined);
});
