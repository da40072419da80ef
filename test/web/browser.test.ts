// The public site in a real browser (playwright-core driving Debian's chromium) on a
// database built the way `newsdesk demo` builds it: the demo newsroom ingested through the
// pipeline. A reader's path (home → story → article → related post → back), the source
// link, search by a phrase of a body, feeds parsed by the browser's XML parser, API answers
// against the OpenAPI document, no console errors or CSP violations on any page, axe-core
// on every page type in light and dark mode, and screenshots (phone and desktop) saved under
// .bench/screenshots/ for a person to look at. Skips when chromium is not installed.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ABORTED_RE, AxeTally, CHROMIUM_ARGS, DESKTOP, MAX_PHRASE_HITS, MOBILE, PHRASE_WORDS, readAxeSource, SHOT_DIR, findChromium, startDemoSite, type DemoSite } from './browser-helpers.ts';
import { checkSchema } from './schema.ts';

const chromiumPath = findChromium();
const SKIP: string | false = chromiumPath
  ? false
  : process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a chromium executable, or unset it to use \`chromium\` on the PATH`
    : 'chromium is not installed: `apt-get install -y chromium` (Debian) to run the browser tests';

const SKIP_OPTS = { skip: SKIP };


type OpenApiDoc = {
  paths: Record<string, { get: { responses: Record<string, { content: { 'application/json': { schema: Record<string, unknown> } } }> } }>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

/** What went wrong on a page while it was open: console errors, uncaught errors, failed requests, CSP violations. */
interface PageProblems {
  list: string[];
}

let site: DemoSite;
let browser: Browser;
let axeSource = '';
/** Pages of each type, found once through the API. */
const urls: Record<'home' | 'story' | 'article' | 'section' | 'source' | 'sources' | 'search' | 'notFound', string> = {
  home: '/',
  story: '',
  article: '',
  section: '',
  source: '',
  sources: '/sources',
  search: '',
  notFound: '/article/999999999-no-such-article',
};

// Records every CSP violation the page reports (also seen as console errors in chromium,
// but this names the directive). Runs before the page's own scripts, outside its CSP.
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' blocked ' + e.blockedURI);
});`;

async function newContext(o: BrowserContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: DESKTOP, ...o });
  await ctx.addInitScript({ content: CSP_LISTENER });
  return ctx;
}

/** Starts collecting the problems of a page. */
function watch(page: Page): PageProblems {
  const p: PageProblems = { list: [] };
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    // The 404 page is answered with status 404 on purpose: chromium logs that as a failed load.
    if (/status of 404/.test(m.text()) && m.location().url.includes('no-such-')) return;
    p.list.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => p.list.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (!ABORTED_RE.test(why)) p.list.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('no-such-')) p.list.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return p;
}

/** CSP violations the page recorded. */
async function cspViolations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__cspViolations || []')) as string[];
}

/** Scrolls to the bottom so lazy images load, then waits for the network to settle. */
async function loadEverything(page: Page): Promise<void> {
  // Down the page a screen at a time: a jump to the bottom of a long page skips the lazy
  // images in its middle, which the browser then never asks for.
  const height = (await page.evaluate('document.body.scrollHeight')) as number;
  const step = (await page.evaluate('window.innerHeight')) as number;
  for (let y = 0; y < height; y += step) {
    await page.evaluate(`window.scrollTo(0, ${y})`);
    await page.waitForLoadState('networkidle');
  }
  await page.evaluate('window.scrollTo(0, 0)');
}

async function getJson<T>(page: Page, path: string): Promise<{ status: number; type: string; body: T }> {
  const res = await page.request.get(site.url + path);
  return { status: res.status(), type: res.headers()['content-type'] ?? '', body: (await res.json()) as T };
}

/** Runs of `PHRASE_WORDS` words from a body, longest paragraphs first (the demo's stock
 * sentences recur across events, so the caller picks one that few articles share). */
function phrasesFrom(body: string): string[] {
  const out: string[] = [];
  for (const para of body.split(/\n\s*\n/).sort((a, b) => b.length - a.length)) {
    const words = para.match(/[\p{L}\p{N}]+/gu) ?? [];
    for (let i = 0; i + PHRASE_WORDS <= words.length; i += PHRASE_WORDS) out.push(words.slice(i, i + PHRASE_WORDS).join(' '));
  }
  return out;
}

// Each test carries the skip, so the runner's summary counts them as skipped when chromium is missing.
describe('the site in a browser', () => {
  before(async () => {
    if (SKIP) return;
    site = await startDemoSite();
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    axeSource = readAxeSource();
    // One page of each type, through the API the site offers.
    const ctx = await newContext();
    const page = await ctx.newPage();
    const stories = await getJson<{ items: { id: number; url: string; articleCount: number }[] }>(page, '/api/v1/stories?limit=20');
    const story = stories.body.items.find((s) => s.articleCount > 2) ?? stories.body.items[0];
    assert.ok(story, 'the demo ingest made stories');
    urls.story = new URL(story.url).pathname;
    const articles = await getJson<{ items: { id: number; url: string; image: unknown; section: string | null; sourceId: number | null }[] }>(page, `/api/v1/articles?story=${story.id}&limit=20`);
    const art = articles.body.items.find((a) => a.image) ?? articles.body.items[0];
    assert.ok(art, 'the story has articles');
    urls.article = new URL(art.url).pathname;
    const sections = await getJson<{ items: { name: string; url: string }[] }>(page, '/api/v1/sections');
    urls.section = new URL(sections.body.items[0]!.url).pathname;
    urls.source = `/source/${art.sourceId}`;
    urls.search = '/search?q=bridge';
    await ctx.close();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('a reader goes home → story → article → related post → back', SKIP_OPTS, async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(site.url + '/');
    assert.equal(await page.locator('h2#top-h').textContent(), 'Top stories');

    // The first top story's full coverage.
    const storyLink = page.locator('.top-stories .card').first().locator('a[href^="/story/"]');
    await Promise.all([page.waitForURL(/\/story\/\d+-/), storyLink.click()]);
    assert.equal(await page.locator('.kicker', { hasText: 'Full coverage' }).count(), 1);
    const timeline = page.locator('.timeline > li');
    assert.ok((await timeline.count()) >= 2, 'the top story has more than one report');
    assert.equal(await page.locator('.timeline > li.first').locator('text=First report').count(), 1);

    // Its first report.
    const first = timeline.first().locator('h3 a');
    const headline = (await first.textContent())!.trim();
    await Promise.all([page.waitForURL(/\/article\/\d+-/), first.click()]);
    const articleUrl = page.url();
    assert.equal((await page.locator('h1').textContent())!.trim(), headline);
    const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    assert.equal(body.split(headline).length - 1, 1, 'the headline is printed once on the article page');
    assert.ok((await page.locator('.article .body p').count()) >= 2, 'the body has paragraphs');

    // A related post, then back.
    const related = page.locator('.related li h3 a');
    assert.ok((await related.count()) >= 1, 'the article has related posts');
    // Another outlet's copy under the same headline is not a related post: it would read as the headline printed twice.
    const relatedTitles = (await related.allTextContents()).map((x) => x.trim());
    assert.ok(!relatedTitles.includes(headline), `no related post repeats the headline: ${relatedTitles.join(' | ')}`);
    const relatedTitle = (await related.first().textContent())!.trim();
    await Promise.all([page.waitForURL((u) => u.href !== articleUrl && /\/article\/\d+-/.test(u.pathname)), related.first().click()]);
    assert.equal((await page.locator('h1').textContent())!.trim(), relatedTitle);
    await page.goBack();
    assert.equal(page.url(), articleUrl);
    assert.equal((await page.locator('h1').textContent())!.trim(), headline);

    assert.deepEqual([...problems.list, ...(await cspViolations(page))], []);
    await ctx.close();
  });

  test('the source link points to the original at its outlet', SKIP_OPTS, async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(site.url + urls.article);
    const id = Number(/\/article\/(\d+)/.exec(urls.article)![1]);
    const stored = (await site.store.getArticle(id))!;
    const link = page.locator('.source-box a');
    assert.equal(await link.count(), 1);
    const href = (await link.getAttribute('href'))!;
    assert.equal(href, stored.url, 'the link is the stored original URL');
    const outletHosts = new Set(site.room.outlets.map((o) => o.host));
    assert.ok(outletHosts.has(new URL(href).host), `${href} is at one of the newsroom's outlets`);
    const outlet = site.room.outlets.find((o) => o.host === new URL(href).host)!;
    assert.equal((await link.textContent())!.trim(), outlet.name, 'the link names the outlet');
    // Following it reaches the outlet's own page of the same article.
    const res = await page.goto(href);
    assert.equal(res?.status(), 200);
    assert.ok((await page.content()).includes(stored.title!.replace(/&/g, '&amp;')), 'the original carries the same headline');
    await ctx.close();
  });

  test('search finds an article by a phrase from its body', SKIP_OPTS, async () => {
    const id = Number(/\/article\/(\d+)/.exec(urls.article)![1]);
    const stored = (await site.store.getArticle(id))!;
    // A phrase few articles share, so the article is on the first page of hits whatever the ranking.
    let phrase = '';
    for (const p of phrasesFrom(stored.bodyText ?? '')) {
      if ((await site.store.search(`"${p}"`, { limit: 1 })).total <= MAX_PHRASE_HITS) {
        phrase = p;
        break;
      }
    }
    assert.ok(phrase, 'the body has a phrase few articles share');
    const ctx = await newContext();
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(site.url + '/');
    await page.locator('#site-q').fill(`"${phrase}"`);
    await Promise.all([page.waitForURL(/\/search\?q=/), page.locator('#site-q').press('Enter')]);
    const hits = page.locator('.hits li');
    assert.ok((await hits.count()) >= 1, `hits for "${phrase}"`);
    // Wire copy may run at several outlets: the article is among the hits, with the words marked.
    assert.equal(await page.locator(`.hits a[href^="/article/${id}-"]`).count(), 1, 'the article is found');
    assert.ok((await page.locator('.hits mark').count()) >= 1, 'the matches are highlighted');
    assert.deepEqual([...problems.list, ...(await cspViolations(page))], []);
    await ctx.close();
  });

  test('feeds parse as XML in the browser and list the latest articles', SKIP_OPTS, async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(site.url + '/');
    const latest = await getJson<{ items: { url: string }[] }>(page, '/api/v1/articles?limit=10');
    const newest = latest.body.items.map((a) => a.url);
    assert.equal(newest.length, 10);
    for (const [path, itemLink] of [
      ['/rss.xml', 'item > link'],
      ['/atom.xml', 'entry > link[rel="alternate"]'],
    ] as const) {
      // The browser's own XML parser judges well-formedness; a <parsererror> means it failed.
      const r = (await page.evaluate(`(async () => {
        const res = await fetch(${JSON.stringify(path)});
        const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
        const error = doc.querySelector('parsererror');
        const links = [...doc.querySelectorAll(${JSON.stringify(itemLink)})].map((e) => e.getAttribute('href') || e.textContent.trim());
        return { status: res.status, type: res.headers.get('content-type'), error: error ? error.textContent : null, root: doc.documentElement.localName, links };
      })()`)) as { status: number; type: string; error: string | null; root: string; links: string[] };
      assert.equal(r.status, 200, path);
      assert.match(r.type, /xml/, path);
      assert.equal(r.error, null, `${path} is well-formed XML`);
      assert.equal(r.root, path === '/rss.xml' ? 'rss' : 'feed');
      assert.deepEqual(r.links.slice(0, newest.length), newest, `${path} lists the latest articles, newest first`);
    }
    await ctx.close();
  });

  test('API answers are JSON that fits the OpenAPI document', SKIP_OPTS, async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    const doc = (await getJson<OpenApiDoc>(page, '/api/openapi.json')).body;
    // The checker must reject a wrong shape, or the checks below prove nothing.
    assert.notDeepEqual(checkSchema(doc, { $ref: '#/components/schemas/Article' }, { id: 'x' }), []);
    const articleId = Number(/\/article\/(\d+)/.exec(urls.article)![1]);
    const storyId = Number(/\/story\/(\d+)/.exec(urls.story)![1]);
    const sourceId = Number(/\/source\/(\d+)/.exec(urls.source)![1]);
    const calls: [string, string][] = [
      ['/articles', '/api/v1/articles?limit=50'],
      ['/articles/{id}', `/api/v1/articles/${articleId}`],
      ['/stories', '/api/v1/stories?limit=50'],
      ['/stories/{id}', `/api/v1/stories/${storyId}`],
      ['/sources', '/api/v1/sources'],
      ['/sources/{id}', `/api/v1/sources/${sourceId}`],
      ['/sections', '/api/v1/sections'],
      ['/search', '/api/v1/search?q=bridge'],
    ];
    for (const [apiPath, url] of calls) {
      const r = await getJson<Record<string, unknown>>(page, url);
      assert.equal(r.status, 200, url);
      assert.match(r.type, /application\/json/, url);
      const schema = doc.paths[apiPath]!.get.responses['200']!.content['application/json'].schema;
      assert.deepEqual(checkSchema(doc, schema, r.body), [], `${url} fits the OpenAPI schema of ${apiPath}`);
      const items = r.body.items;
      if (Array.isArray(items)) assert.ok(items.length > 0, `${url} lists something`);
    }
    const detail = (await getJson<{ related: unknown[]; contentHtml: string | null }>(page, `/api/v1/articles/${articleId}`)).body;
    assert.ok(detail.contentHtml, 'a full-mode article carries its HTML');
    await ctx.close();
  });

  test('no console errors, failed requests or CSP violations on any page', SKIP_OPTS, async () => {
    const ctx = await newContext({ timezoneId: 'America/New_York' });
    const page = await ctx.newPage();
    const problems = watch(page);
    for (const [name, path] of Object.entries(urls)) {
      const res = await page.goto(site.url + path);
      assert.equal(res?.status(), name === 'notFound' ? 404 : 200, path);
      await loadEverything(page);
      problems.list.push(...(await cspViolations(page)).map((v) => `${path}: CSP ${v}`));
      // site.js ran (it is our one script, so the CSP let it): dates are in the reader's zone.
      if (name !== 'notFound' && name !== 'sources') {
        const localised = (await page.evaluate('document.querySelectorAll("time[data-local][title]").length')) as number;
        assert.ok(localised > 0, `${path}: site.js localised the dates`);
      }
    }
    // Images have their size set, so the page does not jump while they load.
    await page.goto(site.url + urls.home);
    const unsized = (await page.evaluate('[...document.images].filter((i) => !i.getAttribute("width") || !i.getAttribute("height")).map((i) => i.src)')) as string[];
    assert.deepEqual(unsized, []);
    assert.deepEqual(problems.list, []);
    await ctx.close();
  });

  test('axe-core finds no serious or critical violations, light and dark', SKIP_OPTS, async (t) => {
    const pages = ['home', 'story', 'article', 'section', 'search', 'notFound'] as const;
    const axe = new AxeTally();
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe is injected as an inline script, which our CSP forbids: only this context bypasses it.
      const ctx = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, colorScheme });
      const page = await ctx.newPage();
      for (const name of pages) {
        await page.goto(site.url + urls[name]);
        await axe.check(page, axeSource, name, colorScheme);
      }
      await ctx.close();
    }
    axe.report(t);
    assert.deepEqual(axe.blocking, []);
  });

  test('screenshots of home, story and article on a phone and a desktop, light and dark', SKIP_OPTS, async (t) => {
    mkdirSync(SHOT_DIR, { recursive: true });
    const devices = [
      { device: 'mobile', viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
      { device: 'desktop', viewport: DESKTOP, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
    ];
    const saved: string[] = [];
    for (const d of devices) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const ctx = await newContext({ viewport: d.viewport, isMobile: d.isMobile, hasTouch: d.hasTouch, deviceScaleFactor: d.deviceScaleFactor, colorScheme, timezoneId: 'UTC' });
        const page = await ctx.newPage();
        const problems = watch(page);
        for (const name of ['home', 'story', 'article'] as const) {
          await page.goto(site.url + urls[name]);
          await loadEverything(page);
          const where = `${name} on ${d.device} (${colorScheme})`;
          // Nothing wider than the screen: no sideways scrolling on a phone.
          const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
          assert.ok(overflow <= 0, `${where}: the page is ${overflow}px wider than the screen`);
          // Every image arrived and has a size (none broken).
          const broken = (await page.evaluate('[...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src)')) as string[];
          assert.deepEqual(broken, [], `${where}: broken images`);
          // Dark mode is dark and light mode is light.
          const bg = (await page.evaluate('getComputedStyle(document.body).backgroundColor')) as string;
          const [r = 0, g = 0, b = 0] = (bg.match(/\d+/g) ?? []).map(Number);
          const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          assert.ok(colorScheme === 'dark' ? luminance < 0.2 : luminance > 0.8, `${where}: background ${bg}`);
          const file = join(SHOT_DIR, `${name}-${d.device}-${colorScheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          // The first screenful too: what a reader sees before scrolling, at a size easy to review.
          const fold = file.replace(/\.png$/, '-fold.png');
          await page.screenshot({ path: fold });
          saved.push(file, fold);
        }
        assert.deepEqual(problems.list, []);
        await ctx.close();
      }
    }
    t.diagnostic(`screenshots: ${saved.length} in ${SHOT_DIR}`);
  });
});
