// Runs every file of feedparser's test corpus through parseFeed: none may crash (throw
// anything but FeedError) and each target folder must keep >= 95% of its applicable
// Expect cases, as must the date tables. Skips when ../shared is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS_DIR, TARGET_GROUPS, corpusPresent, listCorpus, runCase, runDateTables, summarise } from '../../bench/lib/feeds-conformance.ts';

const skip = corpusPresent() ? false : `feedparser corpus not found at ${CORPUS_DIR} (../shared/corpus is not checked out here)`;
const MIN_PASS_RATE = 0.95;

test('every corpus file parses without crashing, target folders pass >= 95%', { skip, timeout: 120_000 }, () => {
  const files = listCorpus();
  assert.ok(files.length > 2000, `expected about 2,100 corpus files, found ${files.length}`);
  const results = files.map((f) => runCase(f));
  const crashes = results.filter((r) => r.status === 'crash');
  assert.deepEqual(crashes.map((c) => `${c.file}: ${c.reason?.split('\n')[0]}`), []);
  const stats = summarise(results);
  for (const group of TARGET_GROUPS) {
    const s = stats.find((x) => x.group === group);
    if (!s || s.applicable === 0) continue; // e.g. wellformed/json: no applicable case
    const failing = results.filter((r) => r.group === group && r.status === 'fail').map((r) => r.file);
    assert.ok(s.passed / s.applicable >= MIN_PASS_RATE, `${group}: ${s.passed}/${s.applicable} passed; failing: ${failing.join(', ')}`);
  }
});

test('test_date_parsers.py tables pass >= 95% through parseDate', { skip }, () => {
  const rows = runDateTables();
  assert.ok(rows.length >= 70, `expected the date tables, found ${rows.length} rows`);
  const failing = rows.filter((r) => !r.pass);
  assert.ok((rows.length - failing.length) / rows.length >= MIN_PASS_RATE, `failing: ${failing.map((r) => r.input).join(' | ')}`);
});

test('wellformed/sanitize: no script, event handler or javascript: URL survives in any entry', { skip }, async () => {
  const { parseFeed } = await import('../../src/feeds/index.ts');
  const { readFileSync } = await import('node:fs');
  const DANGER_RE = /<script|<iframe(?![^>]*sandbox)|<object|<embed|\son[a-z]+\s*=|javascript:|vbscript:|expression\s*\(/i;
  const leaks: string[] = [];
  for (const file of listCorpus().filter((f) => /wellformed[\\/]sanitize[\\/]/.test(f))) {
    let html = '';
    try {
      const feed = parseFeed(new Uint8Array(readFileSync(file)), { url: 'http://127.0.0.1:8097/' });
      html = feed.entries.map((e) => `${e.summary ?? ''}${e.contentHtml ?? ''}`).join('');
    } catch {
      continue; // refused documents carry nothing
    }
    if (DANGER_RE.test(html)) leaks.push(`${file}: ${html.slice(0, 200)}`);
  }
  assert.deepEqual(leaks, []);
});
