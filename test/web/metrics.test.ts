// The site serves Prometheus metrics: request durations by route pattern (not by URL, so
// article ids do not explode the series), and nothing when metrics are turned off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../src/store/index.ts';
import { createWebApp } from '../../src/web/index.ts';

test('/metrics counts requests by route pattern; off means 404', async () => {
  const store = await openStore({ url: ':memory:' });
  try {
    const log = createLogger({ level: 'silent' });
    const app = createWebApp({ store, config: structuredClone(DEFAULT_CONFIG), log });
    await app.request('/');
    await app.request('/article/123456-no-such-article');
    const res = await app.request('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /newsdesk_http_request_duration_seconds_count\{route="\/",method="GET",status="200"\} 1/);
    assert.match(text, /route="\/article\/:idslug"/, 'articles are counted under their route pattern');
    assert.doesNotMatch(text, /123456/, 'no URL-specific series');

    const off = structuredClone(DEFAULT_CONFIG);
    off.metrics.enabled = false;
    const quiet = createWebApp({ store, config: off, log });
    assert.equal((await quiet.request('/metrics')).status, 404);
  } finally {
    await store.close();
  }
});
