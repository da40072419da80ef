// Admin source health views (src/web/admin/charts.ts, health-view.ts): reports built by
// src/store/health.ts from data written through the Store API on SQLite and PostgreSQL,
// rendered, and checked as markup — well-formed XML, no inline style or script, charts
// labelled for screen readers, degraded sources badged, errors explained and escaped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, article } from '../store/helpers.ts';
import type { Store } from '../../src/store/index.ts';
import { sourceHealthReport, sourcesHealthOverview } from '../../src/store/health.ts';
import { dailyBarChart, niceMax, percentLineChart, shortDate, sparkline } from '../../src/web/admin/charts.ts';
import { renderHealthOverviewRows, renderSourceHealth } from '../../src/web/admin/health-view.ts';

// ---------------------------------------------------------------- a strict little XML check

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;

/**
 * Null when `xml` is a well-formed XML fragment (elements properly nested and closed,
 * attributes quoted and not repeated, `&` only in entities, no stray `<`); else what is wrong.
 */
function wellFormedProblem(xml: string): string | null {
  const stack: string[] = [];
  let i = 0;
  const text = (end: number): string | null => {
    const chunk = xml.slice(i, end);
    for (let k = chunk.indexOf('&'); k >= 0; k = chunk.indexOf('&', k + 1)) {
      if (!ENTITY.test(chunk.slice(k))) return `bad entity at ${i + k}: ${chunk.slice(k, k + 12)}`;
    }
    if (chunk.includes('>')) return `stray > at ${i + chunk.indexOf('>')}`;
    return null;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const problem = text(lt < 0 ? xml.length : lt);
    if (problem) return problem;
    if (lt < 0) break;
    i = lt + 1;
    if (xml[i] === '/') {
      const m = NAME.exec(xml.slice(i + 1));
      if (!m) return `bad end tag at ${i}`;
      const open = stack.pop();
      if (open !== m[0]) return `</${m[0]}> at ${i} closes <${open ?? 'nothing'}>`;
      i += 1 + m[0].length;
      while (xml[i] === ' ') i++;
      if (xml[i] !== '>') return `unterminated end tag at ${i}`;
      i++;
      continue;
    }
    const m = NAME.exec(xml.slice(i));
    if (!m) return `bad tag at ${i}: ${xml.slice(i - 1, i + 10)}`;
    i += m[0].length;
    const seen = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        stack.push(m[0]);
        i++;
        break;
      }
      if (ws === 0) return `no space before attribute at ${i}`;
      const a = /^([A-Za-z_][\w.:-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!a) return `bad attribute at ${i}: ${xml.slice(i, i + 20)}`;
      if (seen.has(a[1]!)) return `attribute ${a[1]} twice at ${i}`;
      seen.add(a[1]!);
      const v = a[2]!;
      for (let k = v.indexOf('&'); k >= 0; k = v.indexOf('&', k + 1)) {
        if (!ENTITY.test(v.slice(k))) return `bad entity in attribute at ${i}`;
      }
      i += a[0].length;
    }
  }
  return stack.length ? `unclosed <${stack.join('>, <')}>` : null;
}

function svgsOf(markup: string): string[] {
  return markup.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
}

function assertCleanMarkup(markup: string): void {
  assert.equal(wellFormedProblem(markup), null);
  assert.doesNotMatch(markup, /\sstyle=/i, 'no inline style attributes (CSP)');
  assert.doesNotMatch(markup, /<style|<script|\son[a-z]+=|(href|src)="javascript:/i, 'no style elements, scripts or handlers');
}

function assertAccessibleChart(svg: string): void {
  assert.equal(wellFormedProblem(svg), null, svg.slice(0, 200));
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /^<svg[^>]* viewBox="0 0 [\d.]+ [\d.]+"/);
  assert.match(svg, /^<svg[^>]* role="img"/);
  const label = /^<svg[^>]* aria-label="([^"]+)"/.exec(svg)?.[1];
  assert.ok(label && label.length > 20, `a summary in aria-label: ${label}`);
  assert.ok(svg.includes(`<title>${label}</title>`), 'the same summary as <title>');
  assert.doesNotMatch(svg, /\s(width|height)="\d+(px)?"[^>]*viewBox/, 'sized by viewBox, not fixed pixels');
}

// ---------------------------------------------------------------- charts on their own

describe('health charts', () => {
  const dates = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'];

  test('a stacked bar chart: one bar per day, heights in proportion, failed on top, dates on the axis', () => {
    const svg = dailyBarChart({
      title: 'Fetches per day',
      dates,
      unit: 'fetches',
      series: [
        { label: 'Succeeded', tone: 'muted', values: [10, 0, 20, 5, 5, 5, 5, 5] },
        { label: 'Failed', tone: 'bad', values: [0, 0, 20, 0, 0, 0, 0, 1] },
      ],
    }).value;
    assertAccessibleChart(svg);
    assertCleanMarkup(svg);
    const bars = [...svg.matchAll(/<rect class="adm-bar adm-tone-(\w+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
      tone: m[1], x: Number(m[2]), y: Number(m[3]), h: Number(m[5]),
    }));
    // Seven days with fetches; the empty day draws nothing; two stacks on the 6th and the 11th.
    assert.equal(bars.length, 9);
    const sixth = bars.filter((b) => Math.abs(b.x - bars[1]!.x) < 0.01);
    assert.deepEqual(sixth.map((b) => b.tone), ['muted', 'bad']);
    // 40 is the tallest day and the scale's top (niceMax(40) = 50): 20 + 20 of 50.
    assert.ok(Math.abs(sixth[0]!.h - sixth[1]!.h) < 0.01);
    assert.ok(Math.abs(sixth[1]!.y + sixth[1]!.h - sixth[0]!.y) < 0.01, 'the failed part sits on the good part');
    assert.ok(Math.abs(bars[0]!.h * 2 - sixth[0]!.h) < 0.01, '10 is half as tall as 20');
    assert.match(svg, /<title>Mar 6: succeeded 20, failed 20<\/title>/);
    assert.match(svg, />Mar 11<\/text>/);
    assert.match(svg, />Mar 4<\/text>/);
    assert.match(svg, /aria-label="Fetches per day, Mar 4 to Mar 11: succeeded 55, failed 21; at most 40 fetches a day, 6 on the last day\."/);
    assert.match(svg, />Succeeded<\/text>/, 'a legend for stacked series');
  });

  test('a percentage chart breaks its lines on days without articles and names each line', () => {
    const svg = percentLineChart({
      title: 'Extraction success per day',
      dates: dates.slice(0, 5),
      series: [
        { label: 'Body', tone: 'main', values: [1, 0.5, null, 1, 0] },
        { label: 'Date', tone: 'warn', values: [null, null, null, null, null] },
      ],
    }).value;
    assertAccessibleChart(svg);
    assertCleanMarkup(svg);
    const d = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    assert.equal((d.match(/M/g) ?? []).length, 2, `two segments around the gap: ${d}`);
    assert.equal((svg.match(/<circle /g) ?? []).length, 4);
    assert.equal((svg.match(/<path /g) ?? []).length, 1, 'no path for a series without values');
    assert.match(svg, /stroke-dasharray="6 3"/, 'the second line is dashed');
    assert.match(svg, />100%<\/text>/);
    assert.match(svg, /daily average: body 63%, date no data\./);
  });

  test('a sparkline, and labels from the database arrive escaped', () => {
    const svg = sparkline([0, 3, 6, 0], { label: 'Articles per day from <Evil> & "Co"' }).value;
    assertAccessibleChart(svg);
    assertCleanMarkup(svg);
    assert.equal((svg.match(/<rect /g) ?? []).length, 2);
    assert.match(svg, /aria-label="Articles per day from &lt;Evil&gt; &amp; &quot;Co&quot;: 9 in 4 days/);
  });

  test('scales and dates', () => {
    assert.deepEqual([0, 1, 7, 10, 11, 40, 240, 0.3].map(niceMax), [1, 1, 10, 10, 20, 50, 250, 0.5]);
    assert.equal(shortDate('2026-12-01'), 'Dec 1');
    const empty = dailyBarChart({ title: 'Nothing', dates: [], series: [] }).value;
    assert.equal(wellFormedProblem(empty), null);
  });

  test('the well-formedness check itself catches broken markup', () => {
    for (const bad of ['<svg><g></svg>', '<svg a="1" a="2"/>', '<p>a & b</p>', '<p x=1></p>', '<svg><rect>', '<p>1 > 0</p>']) {
      assert.notEqual(wellFormedProblem(bad), null, bad);
    }
    assert.equal(wellFormedProblem('<p title="a &amp; b">x &lt; y<br/></p>'), null);
  });
});

// ---------------------------------------------------------------- rendered from the store

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number, hours = 0): Date => new Date(NOW.getTime() - days * DAY - hours * 3600_000);
let seq = 0;

async function addArticle(s: Store, sourceId: number, at: Date, words = 400): Promise<void> {
  const n = ++seq;
  await s.saveArticle({
    article: article({
      url: `https://news.example.com/h/${n}`,
      canonicalUrl: `https://news.example.com/h/${n}`,
      title: `Story ${n}`,
      articleBody: 'word '.repeat(words).trim(),
      wordCount: words,
      publishedAt: at.toISOString(),
      leadImage: { url: `https://news.example.com/img/${n}.jpg`, caption: null, credit: null, alt: null, width: null, height: null },
    }),
    sourceId,
    now: at,
  });
}

for (const b of backends) {
  describe(`source health pages on ${b.name}`, { skip: b.skip }, () => {
    test('a degraded source: warning, figures, charts and explained errors; the list badges it', async () => {
      const s = await b.fresh();
      const broken = (await s.addSource({ url: 'https://broken.example/rss', name: 'Broken <b>Times</b>' })).source;
      const steady = (await s.addSource({ url: 'https://steady.example/rss', name: 'Steady Post' })).source;
      const fresh = (await s.addSource({ url: 'https://new.example/rss', name: 'New Gazette' })).source;
      for (let d = 3; d < 20; d++) {
        await addArticle(s, broken.id, ago(d, 2));
        await addArticle(s, broken.id, ago(d, 6));
        await addArticle(s, steady.id, ago(d, 2));
        await addArticle(s, steady.id, ago(d, 6));
      }
      for (let i = 0; i < 10; i++) {
        await addArticle(s, broken.id, ago(0, i + 1), 8);
        await addArticle(s, steady.id, ago(0, i + 1));
      }
      for (let i = 0; i < 3; i++) await addArticle(s, fresh.id, ago(0, i + 1), 5);
      for (let d = 0; d < 20; d++) {
        await s.logFetch({ sourceId: broken.id, url: broken.url, kind: 'feed', status: 200, durationMs: 150 + d, at: ago(d, 3) });
      }
      await s.logFetch({ sourceId: broken.id, url: 'https://broken.example/a/1', kind: 'page', status: 404, durationMs: 30, at: ago(1) });
      await s.logFetch({
        sourceId: broken.id, url: 'javascript:alert(1)', kind: 'page',
        error: 'refusing javascript:alert(1): only http and https URLs are fetched (not javascript:)', at: ago(0, 1),
      });
      await s.recordPoll(broken.id, {
        at: ago(0, 2), ok: false, status: null,
        error: 'https://broken.example/rss: no complete answer within 30 s; the site is slow or down, try again later',
        nextPollAt: new Date(NOW.getTime() + 600_000), intervalSeconds: 600, reason: 'backoff',
      });

      const report = await sourceHealthReport(s.db, broken.id, { now: NOW });
      assert.ok(report);
      assert.equal(report.degradation.degraded, true);
      const page = renderSourceHealth(report).value;
      assertCleanMarkup(page);
      const svgs = svgsOf(page);
      assert.equal(svgs.length, 4);
      for (const svg of svgs) assertAccessibleChart(svg);
      assert.match(page, /Extraction degraded/);
      assert.match(page, /body found in 0 of the last 10 articles, against 100% before: the site&#39;s layout probably changed/);
      assert.match(page, /The last poll failed: Timed out\./);
      assert.match(page, /<strong>Page not found \(HTTP 404\)<\/strong>/);
      assert.match(page, /<strong>Unusable address<\/strong>/);
      assert.doesNotMatch(page, /href="javascript:/, 'a logged non-http URL is not a link');
      assert.match(page, /<a href="https:\/\/broken\.example\/a\/1" rel="noreferrer">/);
      assert.match(page, /every 10 min, backing off after errors/);
      // 44 articles over 30 days, ten of them today; body found in 34 of them.
      assert.match(page, /<dt>Body found<\/dt><dd>77% <span class="adm-figure-note">34 of 44<\/span>/);
      assert.match(page, /aria-label="Articles stored per day, Feb 9 to Mar 10: 44 articles in all; at most 10 articles a day, 10 on the last day\."/);

      const rows = await sourcesHealthOverview(s.db, { now: NOW });
      const list = renderHealthOverviewRows(rows, NOW).value;
      assertCleanMarkup(`<table><tbody>${list}</tbody></table>`);
      const trs = list.match(/<tr[\s\S]*?<\/tr>/g) ?? [];
      assert.equal(trs.length, 3);
      const rowOf = (name: string) => trs.find((t) => t.includes(name)) ?? '';
      assert.match(rowOf('Broken &lt;b&gt;Times&lt;/b&gt;'), /adm-badge-bad">degraded<\/span>/);
      assert.match(rowOf('Broken &lt;b&gt;Times&lt;/b&gt;'), /<div class="adm-reason">body found in 0 of the last 10 articles/);
      assert.doesNotMatch(rowOf('Steady Post'), /degraded/);
      assert.doesNotMatch(rowOf('New Gazette'), /degraded/);
      assert.match(rowOf('Broken'), /failing ×1/);
      assert.match(rowOf('Broken'), /href="\/admin\/sources\/\d+"/);
      for (const tr of trs) {
        assert.equal((tr.match(/<td\b/g) ?? []).length, 7, 'seven cells, as the list header has');
        const spark = svgsOf(tr);
        assert.equal(spark.length, 1);
        assertAccessibleChart(spark[0]!);
      }

      // A steady source's page has no warning; a new one says why there is no verdict.
      const calm = renderSourceHealth((await sourceHealthReport(s.db, steady.id, { now: NOW }))!).value;
      assertCleanMarkup(calm);
      assert.doesNotMatch(calm, /Extraction degraded/);
      assert.match(calm, /Extraction trend: steady/);
      assert.match(calm, /No failed fetches on record\./);
      const young = renderSourceHealth((await sourceHealthReport(s.db, fresh.id, { now: NOW }))!).value;
      assert.match(young, /too few articles to judge: 3 recent and 0 before them/);
    });
  });
}
