// An operator's polling bounds for one source replace the configured ones for that source only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourcePolicy } from '../../src/jobs/pipeline.ts';
import { afterSuccess, DEFAULT_POLICY } from '../../src/jobs/schedule.ts';

test("a source's own polling bounds replace the configured ones", () => {
  assert.equal(sourcePolicy(DEFAULT_POLICY, { minIntervalSeconds: null, maxIntervalSeconds: null }), DEFAULT_POLICY);
  const p = sourcePolicy(DEFAULT_POLICY, { minIntervalSeconds: 3600, maxIntervalSeconds: 7200 });
  assert.equal(p.minIntervalSeconds, 3600);
  assert.equal(p.maxIntervalSeconds, 7200);
  assert.equal(p.maxBackoffSeconds, DEFAULT_POLICY.maxBackoffSeconds, 'errors back off as configured');
  // A busy source (an entry a minute) is still polled no more often than its own minimum.
  const now = new Date('2026-05-01T12:00:00Z');
  const times = Array.from({ length: 60 }, (_, i) => new Date(now.getTime() - i * 60_000));
  const next = afterSuccess(now, { recentEntryTimes: times, maxAgeSeconds: null, ttlSeconds: null, retryAfterSeconds: null }, { ...p, jitter: 0 });
  assert.ok(next.intervalSeconds >= 3600, `interval ${next.intervalSeconds}`);
  // Only a minimum: the maximum is raised to it when the configured one is lower.
  assert.equal(sourcePolicy({ ...DEFAULT_POLICY, maxIntervalSeconds: 600 }, { minIntervalSeconds: 3600, maxIntervalSeconds: null }).maxIntervalSeconds, 3600);
});
