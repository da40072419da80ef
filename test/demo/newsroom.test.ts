// The demo newsroom served over loopback: feeds well-formed and deterministic, per-outlet
// hosts, conditional GET and gzip, coverage that shares facts but not sentences, wire copy,
// lazy scale mode, moving time with revisions, faults, robots and OPML — and whether our
// extractor reads its pages right.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { startNewsroom, eventCatalogue, SECTIONS, FLOOD_ITEMS, type RunningNewsroom, type DemoArticle } from '../../src/demo/index.ts';
import { extract } from '../../src/extract/index.ts';

const NOW = new Date('2025-03-10T12:00:00Z');
const running: RunningNewsroom[] = [];
async function start(opts: Parameters<typeof startNewsroom>[0] = {}): Promise<RunningNewsroom> {
  const nr = await startNewsroom({ now: NOW, ...opts });
  running.push(nr);
  return nr;
}
after(async () => { await Promise.all(running.map((n) => n.close())); });

/** Parses XML strictly enough to catch unbalanced markup: every element must be closed
 * explicitly. Returns the root element name and the count of each element name. */
function xmlShape(xml: string): { root: string; counts: Map<string, number> } {
  let root = '';
  let implied = 0;
  let depth = 0;
  const counts = new Map<string, number>();
  const p = new Parser({
    onopentag(name) { if (!root) root = name; depth++; counts.set(name, (counts.get(name) ?? 0) + 1); },
    // A self-closing element ("<link/>") is reported as implied too; only count the others.
    onclosetag(_name, isImplied) { depth--; if (isImplied && xml[p.endIndex - 1] !== '/') implied++; },
  }, { xmlMode: true });
  p.write(xml);
  p.end();
  assert.equal(implied, 0, 'every element is closed explicitly');
  assert.equal(depth, 0, 'elements are balanced');
  return { root, counts };
}

const ROOTS: Record<string, string> = { rss: 'rss', feed: 'feed', 'rdf:RDF': 'rdf:RDF', urlset: 'urlset' };
const ITEM: Record<string, string> = { rss: 'item', feed: 'entry', 'rdf:RDF': 'item', urlset: 'url' };

test('every feed is well-formed XML or JSON and lists itemsPerFeed items; the OPML lists every outlet by group', async () => {
  const nr = await start();
  assert.equal(nr.outlets.length, 12);
  for (const o of nr.outlets) {
    for (const u of [...o.feedUrls, ...o.sectionFeedUrls.slice(0, 2)]) {
      const res = await fetch(u);
      assert.equal(res.status, 200, u);
      const text = await res.text();
      const isSection = o.sectionFeedUrls.includes(u);
      if (u.endsWith('.json')) {
        const feed = JSON.parse(text) as { version: string; items: { url: string; title: string }[] };
        assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
        assert.equal(feed.items.length, 12);
      } else {
        const { root, counts } = xmlShape(text);
        assert.ok(ROOTS[root], `${u}: unexpected root <${root}>`);
        const n = counts.get(ITEM[root]!) ?? 0;
        if (isSection) assert.ok(n <= 12, u);
        else assert.equal(n, 12, `${u}: items`);
      }
    }
  }
  const noFeed = nr.outlets.filter((o) => o.feedUrls.length === 0);
  assert.equal(noFeed.length, 1, 'one outlet has only section pages');
  const opml = await (await fetch(nr.opmlUrl)).text();
  const { root, counts } = xmlShape(opml);
  assert.equal(root, 'opml');
  assert.equal(counts.get('outline'), 12 + 4, 'twelve outlets inside four groups');
  for (const o of nr.outlets) assert.ok(opml.includes(o.homeUrl), o.name);
});

test('the home page offers its feeds for autodiscovery; the section-only outlet links articles that match its pattern', async () => {
  const nr = await start();
  const gazette = nr.outlets[2]!;
  const home = await (await fetch(gazette.homeUrl)).text();
  assert.match(home, /<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/harbour-gazette\/rss\.xml">/);
  const courier = nr.outlets.find((o) => o.feedUrls.length === 0)!;
  const links = new Set<string>();
  for (const u of courier.sectionUrls) {
    const page = await (await fetch(u)).text();
    for (const m of page.matchAll(/href="(\/riverside-courier\/[^"]+)"/g)) links.add(m[1]!.slice('/riverside-courier'.length));
  }
  const pattern = new RegExp(`^${courier.articlePattern}$`);
  const articles = [...links].filter((l) => pattern.test(l));
  assert.equal(articles.length, 12, 'all its published articles are linked from section pages');
});

test('the same seed gives the same newsroom; another seed another one', async () => {
  const a = await start({ seed: 7 });
  const b = await start({ seed: 7 });
  const c = await start({ seed: 8 });
  const path = (nr: RunningNewsroom): string => new URL(nr.outlets[5]!.feedUrls[0]!).pathname;
  const body = async (nr: RunningNewsroom): Promise<string> => {
    const text = await (await fetch(nr.outlets[5]!.feedUrls[0]!)).text();
    return text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'BASE');
  };
  assert.equal(path(a), path(b));
  assert.equal(await body(a), await body(b));
  assert.notEqual(await body(a), await body(c));
  assert.deepEqual(a.article(3, 4), b.article(3, 4));
});

test('per-outlet hosts: each outlet answers on its own 127.0.0.x address', async () => {
  const nr = await start({ hosts: 'per-outlet', outlets: 14 });
  assert.equal(nr.outlets[13]!.host.split(':')[0], '127.0.0.14');
  for (const k of [0, 4, 13]) {
    const o = nr.outlets[k]!;
    assert.equal(new URL(o.homeUrl).hostname, `127.0.0.${k + 1}`);
    const page = await (await fetch(o.homeUrl)).text();
    assert.ok(page.includes(`<title>${o.name.replace('&', '&amp;')}`), `${o.homeUrl} is ${o.name}`);
  }
  const robots = await (await fetch(`http://${nr.outlets[9]!.host}/robots.txt`)).text();
  assert.match(robots, /Disallow: \/private\//);
  assert.match(robots, /Crawl-delay: 1/);
  const other = await (await fetch(`http://${nr.outlets[2]!.host}/robots.txt`)).text();
  assert.doesNotMatch(other, /Crawl-delay/);
});

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('conditional GET answers 304 until something is published; gzip when asked', async () => {
  const nr = await start();
  const feed = nr.outlets[2]!.feedUrls[0]!;
  const first = await rawGet(feed, {});
  assert.equal(first.status, 200);
  const etag = String(first.headers['etag']);
  const lastModified = String(first.headers['last-modified']);
  assert.ok(etag && lastModified !== 'undefined');
  assert.equal((await rawGet(feed, { 'If-None-Match': etag })).status, 304);
  assert.equal((await rawGet(feed, { 'If-Modified-Since': lastModified })).status, 304);
  const zipped = await rawGet(feed, { 'Accept-Encoding': 'gzip' });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(zipped.body).toString('utf8'), first.body.toString('utf8'));
  const page = nr.articleUrl(2, 3);
  const p1 = await rawGet(page, {});
  assert.equal((await rawGet(page, { 'If-None-Match': String(p1.headers['etag']) })).status, 304);
  nr.publish(1);
  const after1 = await rawGet(feed, { 'If-None-Match': etag });
  assert.equal(after1.status, 200, 'a new item changes the feed');
  assert.ok(after1.body.toString('utf8').includes(nr.article(2, 12).headline.replace(/&/g, '&amp;')), 'the new item is listed');
});

test('with cacheReplies, prerendered replies say what rendered ones say, until the clock moves', async () => {
  const plain = await start();
  const cached = await start({ cacheReplies: true });
  // robots.txt is answered per outlet only in per-outlet mode; feeds and listed articles here.
  const listed = cached.newsroom.feedIndexes(2).length;
  assert.ok(cached.prerender() >= 12 * listed, 'every outlet\'s listed articles and feeds are cached');
  const [from, to] = [plain.outlets[0]!.host, cached.outlets[0]!.host];
  const swap = (u: string) => u.replaceAll(from, to).replaceAll(encodeURIComponent(from), encodeURIComponent(to));
  for (const url of [plain.outlets[2]!.feedUrls[0]!, plain.articleUrl(2, 3), plain.articleUrl(5, 0)]) {
    for (const headers of [{}, { 'Accept-Encoding': 'gzip' }] as Record<string, string>[]) {
      const a = await rawGet(url, headers);
      const b = await rawGet(swap(url), headers);
      assert.equal(b.status, 200);
      assert.equal(b.headers['content-encoding'], a.headers['content-encoding']);
      const text = (r: typeof a) => (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');
      // The two newsrooms differ only in their port, which their links carry.
      assert.equal(text(b), swap(text(a)), `${url} ${JSON.stringify(headers)}`);
    }
    const etag = String((await rawGet(swap(url), {})).headers['etag']);
    assert.equal((await rawGet(swap(url), { 'If-None-Match': etag })).status, 304);
  }
  const feed = cached.outlets[2]!.feedUrls[0]!;
  const etag = String((await rawGet(feed, {})).headers['etag']);
  cached.publish(1);
  const after = await rawGet(feed, { 'If-None-Match': etag });
  assert.equal(after.status, 200, 'publishing empties the cache: the feed lists the new item');
  assert.ok(after.body.toString('utf8').includes(cached.article(2, 12).headline.replace(/&/g, '&amp;')));
});

/** Sentences without quotation marks (quotes are facts outlets share on purpose). */
function ownSentences(a: DemoArticle): Set<string> {
  return new Set(a.paragraphs.join(' ').split(/(?<=[.!?])\s+/).filter((s) => !/[“”]/.test(s) && s.split(' ').length >= 5));
}

test('coverage of one event by several outlets shares names and numbers but not sentences; unrelated events share neither', async () => {
  const nr = await start();
  const room = nr.newsroom;
  const originals = new Map<number, DemoArticle[]>();
  for (let o = 2; o < 12; o++) for (let i = 0; i < 12; i++) {
    const a = room.article(o, i);
    if (!a.wire && a.development === 0) originals.set(a.eventId, [...(originals.get(a.eventId) ?? []), a]);
  }
  const shared = [...originals.values()].filter((list) => list.length >= 2);
  assert.ok(shared.length >= 5, `several events have two or more original articles (${shared.length})`);
  let pairs = 0, sameSentences = 0, sentences = 0;
  for (const [x, y] of shared.map((l) => [l[0]!, l[1]!] as const)) {
    const ev = room.event(x.eventId);
    const tx = x.paragraphs.join(' '), ty = y.paragraphs.join(' ');
    const both = ev.keyFacts.filter((f) => tx.includes(f) && ty.includes(f));
    assert.ok(both.length >= 2, `articles on event ${ev.id} share facts: ${both.join(', ')}`);
    assert.ok(tx.includes(ev.city) || x.headline.includes(ev.city) || tx.includes(ev.country));
    const sx = ownSentences(x), sy = ownSentences(y);
    for (const s of sx) if (sy.has(s)) sameSentences++;
    sentences += sx.size;
    pairs++;
  }
  assert.ok(sameSentences / sentences < 0.08, `few identical sentences across outlets (${sameSentences} of ${sentences} in ${pairs} pairs)`);
  // Unrelated events: none of one event's people or its town appear in the other's article.
  const [e1, e2] = [shared[0]![0]!, shared[1]![0]!];
  const ev2 = room.event(e2.eventId);
  const t1 = e1.paragraphs.join(' ');
  for (const p of ev2.people) assert.ok(!t1.includes(p.name), `${p.name} is not in an unrelated article`);
  assert.ok(!t1.includes(ev2.city));
});

test('agency copy is republished with light edits: new headline, most paragraphs kept', async () => {
  const nr = await start();
  const room = nr.newsroom;
  let seen = 0;
  for (let o = 2; o < 12; o++) for (let i = 0; i < 12; i++) {
    const a = room.article(o, i);
    if (!a.wire) continue;
    const src = room.article(a.wire.agency, a.wire.index);
    assert.equal(a.eventId, src.eventId);
    assert.notEqual(a.headline.toLowerCase(), src.headline.toLowerCase());
    assert.ok(a.publishedAt > src.publishedAt, 'copy comes after the original');
    const kept = src.paragraphs.slice(1).filter((p) => a.paragraphs.includes(p) || a.paragraphs.includes(p.replace(/percent/g, 'per cent'))).length;
    assert.ok(kept >= src.paragraphs.length - 4, `most agency paragraphs survive (${kept}/${src.paragraphs.length})`);
    seen++;
  }
  assert.ok(seen >= 15, `plenty of wire copy (${seen})`);
});

test('content model: 40 events over every section; articles have 5–15 paragraphs, bylines, images and times before now', async () => {
  const events = eventCatalogue(1, 40);
  assert.deepEqual(new Set(events.map((e) => e.section)), new Set(SECTIONS));
  for (const e of events) assert.ok(e.people.length >= 2 && e.keyFacts.length >= 3 && e.developments.length >= 1, e.kind);
  const nr = await start();
  for (let o = 0; o < 12; o++) for (let i = 0; i < 12; i++) {
    const a = nr.article(o, i);
    assert.ok(a.paragraphs.length >= 5 && a.paragraphs.length <= 15, `${o}/${i}: ${a.paragraphs.length} paragraphs`);
    assert.ok(a.authors.length >= 1 && a.authors.length <= 2);
    assert.ok(a.publishedAt <= NOW && a.publishedAt.getTime() > NOW.getTime() - 4 * 86400_000);
    assert.ok(a.image.caption && a.image.credit && a.image.width > 0);
  }
  const imgRes = await fetch(`${nr.outlets[2]!.homeUrl.replace(/\/$/, '')}${nr.article(2, 0).image.path}`);
  assert.equal(imgRes.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await imgRes.arrayBuffer());
  assert.equal(png.readUInt32BE(16), 640);
  assert.equal(png.readUInt32BE(20), 360);
});

test('time moves: new items appear and some items are revised with a new headline and body', async () => {
  const nr = await start();
  const before = Array.from({ length: 12 }, (_, o) => Array.from({ length: 12 }, (_, i) => nr.article(o, i)));
  nr.advance(24 * 60);
  assert.ok(nr.newsroom.count(2) >= 15, 'a day later there are more items');
  let revised = 0;
  for (let o = 0; o < 12; o++) for (let i = 0; i < 12; i++) {
    const a = nr.article(o, i), b = before[o]![i]!;
    if (a.revision > b.revision) {
      revised++;
      assert.notEqual(a.headline, b.headline);
      assert.ok(a.paragraphs.length === b.paragraphs.length + 1 && a.modifiedAt > b.modifiedAt);
      assert.equal(a.path, b.path, 'the URL stays');
    }
  }
  assert.ok(revised >= 1, `some articles were revised (${revised})`);
});

test('scale mode builds item 99,999 on demand without generating the rest', async () => {
  const nr = await start({ outlets: 100, itemsPerFeed: 1000 });
  const url = nr.articleUrl(99, 999);
  const res = await fetch(url);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes('NewsArticle'));
  assert.ok(nr.newsroom.generated < 50, `only a handful of articles were generated (${nr.newsroom.generated})`);
  assert.equal(nr.newsroom.exists(99, 1000), false);
  assert.equal((await fetch(nr.articleUrl(99, 1000))).status, 404, 'item 1,000 is not published yet');
});

test('faults: 500, garbage, HTML instead of a feed, 410, 503 with Retry-After, a page that never answers, a flood', async () => {
  const nr = await start({ faults: { 2: { feed: 'error500' }, 3: { feed: 'garbage' }, 4: { feed: 'html' }, 5: { feed: 'gone' }, 6: { feed: 'retry-after' }, 7: { pages: 'timeout' }, 10: { flood: true } } });
  const f = (k: number): string => nr.outlets[k]!.feedUrls[0]!;
  assert.equal((await fetch(f(2))).status, 500);
  const garbage = Buffer.from(await (await fetch(f(3))).arrayBuffer());
  assert.ok(garbage.length > 1000 && !garbage.toString('latin1').startsWith('<?xml'));
  assert.match(await (await fetch(f(4))).text(), /^<!DOCTYPE html>/);
  assert.equal((await fetch(f(5))).status, 410);
  const busy = await fetch(f(6));
  assert.equal(busy.status, 503);
  assert.equal(busy.headers.get('retry-after'), '120');
  await assert.rejects(fetch(nr.articleUrl(7, 2), { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
  assert.equal((await fetch(f(7))).status, 200, 'its feed still works');
  const flood = await (await fetch(f(10))).text();
  assert.equal(flood.match(/<item>/g)?.length, FLOOD_ITEMS + 12);
  nr.setFault(2, null);
  assert.equal((await fetch(f(2))).status, 200, 'a fault can be lifted');
});

/** A paragraph that opens like a byline but is news: "By midday, divers had …". */
const BY_TIME = /^(?:[A-Z]+(?:, [A-Za-z]+)? \([A-Z&]+\) — )?By \w+,/;

test('our extractor reads the demo pages: headline once, byline, date, image credit, a body without share or newsletter residue', async () => {
  const nr = await start();
  // One outlet per template, plus the windows-1252 ones and those that print the headline twice.
  for (const k of [0, 2, 3, 4, 5, 7, 10, 11]) {
    for (const i of [5, 11]) {
      const url = nr.articleUrl(k, i);
      const res = await fetch(url);
      const got = extract({ html: new Uint8Array(await res.arrayBuffer()), url, contentType: res.headers.get('content-type') });
      const want = nr.article(k, i);
      const where = `${nr.outlets[k]!.name} #${i}`;
      assert.equal(got.title, want.headline, where);
      assert.deepEqual(got.authors, want.authors, where);
      assert.equal(Date.parse(got.publishedAt ?? ''), want.publishedAt.getTime(), where);
      assert.equal(got.leadImage?.caption, want.image.caption, where);
      const body = got.articleBody ?? '';
      assert.ok(!body.includes(want.headline), `${where}: headline not repeated in the body`);
      assert.doesNotMatch(body, /\b(Share|Tweet|Newsletter|Sign up|Log in to comment|Read more)\b/, where);
      for (const p of want.paragraphs) assert.ok(body.includes(p), `${where}: paragraph kept: ${p.slice(0, 50)}`);
    }
  }
});

// A short standalone "By then, …" paragraph is still dropped by the extractor (reported);
// the demo's "By midday, …" paragraphs are long enough to be kept, which this checks.
test('our extractor keeps paragraphs that open with "By midday," instead of taking them for a byline', async () => {
  const nr = await start({ seed: 3, itemsPerFeed: 40 });
  let checked = 0;
  for (let k = 2; k < 12 && checked < 30; k++) {
    for (let i = 0; i < 40 && checked < 30; i++) {
      const want = nr.article(k, i);
      const p = want.paragraphs.find((x) => BY_TIME.test(x));
      if (!p || want.wire) continue;
      const url = nr.articleUrl(k, i);
      const res = await fetch(url);
      const got = extract({ html: new Uint8Array(await res.arrayBuffer()), url, contentType: res.headers.get('content-type') });
      assert.ok((got.articleBody ?? '').includes(p), `${nr.outlets[k]!.name} #${i}: ${p.slice(0, 60)}`);
      checked++;
    }
  }
  assert.ok(checked > 0, 'the newsroom has such paragraphs');
});
