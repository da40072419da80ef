// The admin in a real browser (playwright-core driving Debian's chromium) against the real
// server on 127.0.0.1, wired the way `newsdesk demo` wires it: the demo newsroom on loopback
// addresses, some of its outlets followed and ingested into a temporary SQLite store, the
// add-source preview fetching from the newsroom, and a worker ingesting in the same process.
// An operator signs in (a wrong password first), adds another outlet by its home page (the
// feed found by autodiscovery, previewed), watches the worker ingest it until its health
// charts show articles, hides one of its articles and sees it gone from the public site,
// feeds and search, then undoes that from the audit log. No console errors or CSP
// violations on any admin page, axe-core on the sources, source and story pages, and
// screenshots (phone and desktop) under .bench/screenshots/. Skips without chromium.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { DEFAULT_CONFIG, type Config } from '../../src/config.ts';
import { startNewsroom, type RunningNewsroom } from '../../src/demo/index.ts';
import { createFetcher } from '../../src/fetch/index.ts';
import { ingestOnce, pipelineDeps, runWorker } from '../../src/jobs/index.ts';
import { previewSource } from '../../src/jobs/preview.ts';
import { createLogger } from '../../src/log.ts';
import { AdminStore } from '../../src/store/admin.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { hashPassword } from '../../src/web/admin/secrets.ts';
import type { RunningWebServer } from '../../src/web/index.ts';
import { ABORTED_RE, AxeTally, CHROMIUM_ARGS, startDemoServer, DESKTOP, MAX_PHRASE_HITS, MOBILE, PHRASE_WORDS, readAxeSource, SHOT_DIR, findChromium } from './browser-helpers.ts';

const chromiumPath = findChromium();
const SKIP: string | false = chromiumPath
  ? false
  : process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a chromium executable, or unset it to use \`chromium\` on the PATH`
    : 'chromium is not installed: `apt-get install -y chromium` (Debian) to run the browser tests';
const SKIP_OPTS = { skip: SKIP };

const USERNAME = 'admin';
const PASSWORD = 'correct horse battery staple';
/** The newsroom's clock: fixed, so the pages look the same from run to run. */
const DEMO_NOW = new Date('2026-03-10T12:00:00Z');
/** Outlets followed from the start: the two agencies and four papers … */
const FOLLOWED = [0, 1, 2, 3, 5, 6];
/** … and the one the operator adds: The Daily Lantern, whose home page names its Atom feed. */
const ADDED = 4;
/** How long the worker may take to poll the new source and store its articles. */
const INGEST_WAIT_MS = 45_000;
const RELOAD_EVERY_MS = 500;
/** Entries the preview lists (src/jobs/preview.ts). */
const PREVIEW_ENTRIES = 5;


// Records every CSP violation a page reports. Runs before the page's own scripts, outside its CSP.
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' blocked ' + e.blockedURI);
});`;

/** Everything the tests share: the newsroom, the store, the site and its worker. */
interface AdminSite {
  url: string;
  room: RunningNewsroom;
  store: Store;
  server: RunningWebServer;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the site as `newsdesk demo` does (src/cli/demo.ts), on ephemeral ports and a
 * temporary database, following only FOLLOWED of the newsroom's outlets: one ingest pass,
 * an admin password, the site with the add-source preview, and a worker that goes on
 * polling (and so ingests whatever source the operator adds).
 */
async function startAdminSite(): Promise<AdminSite> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-admin-browser-'));
  const log = createLogger({ level: 'silent' });
  const room = await startNewsroom({ seed: 1, hosts: 'per-outlet', crawlDelay: 0, now: DEMO_NOW });
  let store: Store | null = null;
  let server: RunningWebServer | null = null;
  const controller = new AbortController();
  let worker: Promise<void> | null = null;
  const stopWorker = async () => {
    controller.abort();
    await worker;
  };
  const close = async () => {
    await stopWorker().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await room.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    store = await openStore({ url: join(dir, 'newsdesk.db') });
    for (const k of FOLLOWED) {
      const o = room.outlets[k]!;
      await store.addSource({ url: o.feedUrls[0]!, name: o.name, section: null, displayMode: 'full' });
    }
    // The newsroom's addresses, and only those, may be fetched although they are loopback.
    const hosts = [...new Set(room.outlets.map((o) => o.host.split(':')[0]!))];
    const config: Config = structuredClone(DEFAULT_CONFIG);
    config.fetch = { ...config.fetch, allowPrivate: hosts };
    // No politeness delay: the newsroom is ours and the test should be quick.
    const fetcher = createFetcher({ ...config.fetch, perHostDelayMs: 0, perHostConnections: 4 });
    const deps = pipelineDeps(config, store, { log, fetcher });
    const first = await ingestOnce(deps, { concurrency: 4, keepStories: true });
    if (first.jobsFailed > 0 || first.pollErrors > 0) {
      throw new Error(`the first ingest failed for ${first.pollErrors} sources and ${first.jobsFailed} articles: run \`npm start\` to see the errors`);
    }
    await new AdminStore(store.db).setPasswordHash(USERNAME, await hashPassword(PASSWORD));
    server = await startDemoServer({ store, config, log, deps, room, hosts, admin: { preview: (url, o) => previewSource(fetcher, url, o) } });
    worker = runWorker(deps, { concurrency: 4, signal: controller.signal });
    return { url: server.url, room, store, server, stopWorker, close };
  } catch (err) {
    await close();
    throw err;
  }
}

let site: AdminSite;
let browser: Browser;
let axeSource = '';
/** The operator's browser: signed in by the first test, used by all the others. */
let adminCtx: BrowserContext;
let admin: Page;
/** Problems seen on admin pages (console errors, failed requests, CSP violations). */
const adminProblems: string[] = [];
/** What the tests learn as they go. */
const state = { sourceId: 0, entryCount: 0, articleId: 0, storyId: 0, publicPath: '', phrase: '' };

async function newContext(o: BrowserContextOptions = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: DESKTOP, ...o });
  await ctx.addInitScript({ content: CSP_LISTENER });
  return ctx;
}

/** Collects the problems of a page into `into`; `expected` says which failed responses are on purpose. */
function watch(page: Page, into: string[], expected: (url: string, status: number) => boolean = () => false): void {
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    const status = /status of (\d{3})/.exec(m.text());
    if (status && expected(m.location().url, Number(status[1]))) return;
    into.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => into.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (!ABORTED_RE.test(why)) into.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !expected(r.url(), r.status())) into.push(`HTTP ${r.status()}: ${r.url()}`);
  });
}

/** The CSP violations the page recorded since it loaded, with its path. */
async function cspViolations(page: Page): Promise<string[]> {
  const list = (await page.evaluate('window.__cspViolations || []')) as string[];
  return list.map((v) => `${new URL(page.url()).pathname}: CSP ${v}`);
}

/** Goes to an admin page and notes its CSP violations. */
async function adminGoto(path: string): Promise<void> {
  const res = await admin.goto(site.url + path);
  assert.equal(res?.status(), 200, `${path} answers 200`);
  adminProblems.push(...(await cspViolations(admin)));
}

/** Runs of PHRASE_WORDS words from a body, longest paragraphs first. */
function phrasesFrom(body: string): string[] {
  const out: string[] = [];
  for (const para of body.split(/\n\s*\n/).sort((a, b) => b.length - a.length)) {
    const words = para.match(/[\p{L}\p{N}]+/gu) ?? [];
    for (let i = 0; i + PHRASE_WORDS <= words.length; i += PHRASE_WORDS) out.push(words.slice(i, i + PHRASE_WORDS).join(' '));
  }
  return out;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const idOf = (href: string): number | null => {
  const m = /\/article\/(\d+)(?:-|$)/.exec(new URL(href, 'http://x').pathname);
  return m ? Number(m[1]) : null;
};

/** What a reader finds of the article, each seen by a fresh visitor (no cached page). */
interface Presence {
  page: number;
  rss: boolean;
  home: boolean;
  search: boolean;
}

async function presence(id: number): Promise<Presence> {
  const ctx = await newContext();
  const page = await ctx.newPage();
  const problems: string[] = [];
  // The article's own page answers 404 while it is hidden: that is the point.
  watch(page, problems, (url, status) => status === 404 && url.endsWith(state.publicPath));
  const res = await page.goto(site.url + state.publicPath);
  const status = res?.status() ?? 0;
  // The feed, parsed by the browser's own XML parser.
  const rss = (await page.evaluate(`(async () => {
    const res = await fetch('/rss.xml', { cache: 'no-store' });
    const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent, links: [] };
    return { error: null, links: [...doc.querySelectorAll('item > link')].map((e) => e.textContent.trim()) };
  })()`)) as { error: string | null; links: string[] };
  assert.equal(rss.error, null, '/rss.xml is well-formed XML');
  assert.ok(rss.links.length > 0, '/rss.xml lists articles');
  await page.goto(site.url + '/');
  const home = await page.locator(`main a[href^="/article/${id}-"]`).count();
  await page.goto(site.url + '/search?q=' + encodeURIComponent(`"${state.phrase}"`));
  const search = await page.locator(`.hits a[href^="/article/${id}-"]`).count();
  problems.push(...(await cspViolations(page)));
  assert.deepEqual(problems, [], 'the public pages load cleanly');
  await ctx.close();
  return { page: status, rss: rss.links.some((l) => idOf(l) === id), home: home > 0, search: search > 0 };
}

describe('the admin in a browser', () => {
  before(async () => {
    if (SKIP) return;
    site = await startAdminSite();
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
    axeSource = readAxeSource();
    adminCtx = await newContext();
    admin = await adminCtx.newPage();
    // The wrong password is answered 400 on purpose.
    watch(admin, adminProblems, (url, status) => status === 400 && new URL(url).pathname === '/admin/login');
    // Confirmation prompts (admin.js) are accepted, as an operator who means it would.
    admin.on('dialog', (d) => void d.accept());
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('signs in through the form, after a wrong password is refused', SKIP_OPTS, async () => {
    await admin.goto(site.url + '/admin/sources');
    assert.match(admin.url(), /\/admin\/login\?next=%2Fadmin%2Fsources$/, 'without a session the admin sends you to sign in');
    await admin.locator('input[name="username"]').fill(USERNAME);
    await admin.locator('input[name="password"]').fill(PASSWORD + 'x');
    await Promise.all([admin.waitForURL(/\/admin\/login$/), admin.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(squash(await admin.locator('[role="alert"]').innerText()), 'Wrong user name or password.');
    assert.equal((await adminCtx.cookies()).filter((c) => c.name === 'nd_session').length, 0, 'no session after a wrong password');
    assert.equal(await admin.locator('input[name="password"]').inputValue(), '', 'the password is not sent back');

    await admin.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([admin.waitForURL(/\/admin\/sources$/), admin.getByRole('button', { name: 'Sign in' }).click()]);
    const session = (await adminCtx.cookies()).find((c) => c.name === 'nd_session');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(squash(await admin.locator('.adm-who').innerText()), `Signed in as ${USERNAME} Sign out`);
    assert.equal(await admin.locator('h1').innerText(), 'Sources');
    assert.equal(await admin.locator('.adm-table tbody tr').count(), FOLLOWED.length, 'the followed outlets are listed');
    adminProblems.push(...(await cspViolations(admin)));
  });

  test('adds an outlet by its home page: the feed is found and previewed, then followed', SKIP_OPTS, async () => {
    const outlet = site.room.outlets[ADDED]!;
    assert.equal(await admin.locator('.adm-table tbody tr', { hasText: outlet.name }).count(), 0, `${outlet.name} is not followed yet`);
    await admin.locator('form[action="/admin/sources/new"] input[name="url"]').fill(outlet.homeUrl);
    await Promise.all([admin.waitForURL(/\/admin\/sources\/new\?url=/), admin.getByRole('button', { name: 'Preview' }).click()]);
    adminProblems.push(...(await cspViolations(admin)));

    const preview = admin.locator('section.adm-preview');
    assert.equal(await preview.count(), 1, `a preview of ${outlet.homeUrl}: ${await admin.locator('.adm-error').allInnerTexts()}`);
    // The feed the home page names, found by autodiscovery.
    const intro = squash(await preview.locator('p').first().innerText());
    assert.ok(intro.includes(outlet.feedUrls[0]!), `the preview names the feed ${outlet.feedUrls[0]}: ${intro}`);
    const said = /^(.+) — atom at .*\(found on the page you gave\)\. (\d+) entries; the newest:$/.exec(intro);
    assert.ok(said, `the preview says what it found: ${intro}`);
    assert.equal(said[1], outlet.name, 'the feed’s own title');
    assert.equal(Number(said[2]), site.room.newsroom.feedIndexes(ADDED).length, 'every entry of the feed counted');
    state.entryCount = Number(said[2]);
    // Its newest entries, newest first; the first is the newsroom's latest item.
    const newest = site.room.article(ADDED, site.room.newsroom.count(ADDED) - 1);
    const entries = await preview.locator('ul > li').allInnerTexts();
    assert.equal(entries.length, PREVIEW_ENTRIES);
    assert.ok(entries[0]!.startsWith(newest.headline), `the first entry is the newest item "${newest.headline}": ${entries[0]}`);
    // Its first article as the pipeline would extract it: the headline, once, and the body.
    assert.equal(squash(await preview.locator('h4.adm-preview-title').innerText()), newest.headline);
    const body = squash(await preview.locator('.body').innerText());
    for (const p of newest.paragraphs.slice(1, 3)) assert.ok(body.includes(squash(p)), `the preview body has the paragraph "${p}"`);
    assert.ok(!body.startsWith(newest.headline), 'the headline the outlet repeats atop the body is not kept in it');
    // The form is filled in from what was found: the feed's address and name.
    assert.equal(await admin.locator('form[action="/admin/sources"] input[name="url"]').inputValue(), outlet.feedUrls[0]);
    assert.equal(await admin.locator('form[action="/admin/sources"] input[name="name"]').inputValue(), outlet.name);
    assert.equal(await admin.locator('form[action="/admin/sources"] input[name="kind"]').inputValue(), 'feed');

    // Republish in full, like the other outlets, then follow.
    await admin.locator('select[name="mode"]').selectOption('full');
    await Promise.all([admin.waitForURL(/\/admin\/sources\/\d+\?done=source-added$/), admin.getByRole('button', { name: 'Follow this source' }).click()]);
    adminProblems.push(...(await cspViolations(admin)));
    state.sourceId = Number(/\/admin\/sources\/(\d+)/.exec(admin.url())![1]);
    assert.equal(await admin.locator('h1').innerText(), outlet.name);
    assert.equal(squash(await admin.locator('.adm-notice').innerText()), 'The source is followed: its first poll is due now.');
    const stored = await site.store.getSource(state.sourceId);
    assert.equal(stored?.url, outlet.feedUrls[0]);
    assert.equal(stored?.displayMode, 'full');
    assert.equal(stored?.state, 'active');
  });

  test('the worker ingests it and its health charts appear', SKIP_OPTS, async () => {
    assert.ok(state.sourceId, 'the source was added');
    const path = `/admin/sources/${state.sourceId}`;
    const articlesFigure = admin.locator('.adm-figure', { has: admin.locator('dt', { hasText: 'Articles per day' }) }).locator('dd');
    const deadline = Date.now() + INGEST_WAIT_MS;
    let seen = '';
    let stored = 0;
    // Reload as an operator would, until the health counts every entry of the feed.
    for (;;) {
      await adminGoto(path);
      seen = squash(await articlesFigure.innerText());
      stored = Number(/([\d,]+) in \d+ days/.exec(seen)?.[1]?.replace(/,/g, '') ?? 0);
      if (stored >= state.entryCount) break;
      if (Date.now() > deadline) {
        const figures = squash(await admin.locator('.adm-figures').innerText());
        assert.fail(`after ${INGEST_WAIT_MS / 1000} s the worker had stored ${stored} of ${state.entryCount} articles of the new source; its health says: ${figures}`);
      }
      await admin.waitForTimeout(RELOAD_EVERY_MS);
    }
    assert.equal(stored, state.entryCount, `every entry stored once: ${seen}`);
    const figures = squash(await admin.locator('.adm-figures').innerText());
    assert.match(figures, /State ok/);
    assert.match(figures, /Last poll (just now|\d+ s ago) HTTP 200/);
    assert.ok(figures.includes(`Body found 100% ${stored} of ${stored}`), `a body found in every article: ${figures}`);

    // Four charts, each an SVG image with a summary; today's bar of articles is drawn.
    const charts = admin.locator('.adm-charts svg[role="img"]');
    assert.equal(await charts.count(), 4);
    for (const label of await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) assert.ok(label.length > 20, `chart summary: ${label}`);
    const articlesChart = admin.locator('figure.adm-chart-box', { has: admin.locator('figcaption', { hasText: 'Articles stored per day' }) }).locator('svg[role="img"]');
    assert.equal(await articlesChart.count(), 1);
    const summary = (await articlesChart.getAttribute('aria-label')) ?? '';
    assert.ok(summary.endsWith(`: ${stored} articles in all; at most ${stored} articles a day, ${stored} on the last day.`), `the chart's summary: ${summary}`);
    const bars = articlesChart.locator('rect.adm-bar');
    assert.equal(await bars.count(), 1, 'one day with articles');
    const box = await bars.first().boundingBox();
    assert.ok(box && box.height > 10 && box.width > 0, `the bar is drawn: ${JSON.stringify(box)}`);

    // The sources list shows it too, with its sparkline.
    await adminGoto('/admin/sources');
    const row = admin.locator('.adm-table tbody tr', { hasText: site.room.outlets[ADDED]!.name });
    assert.equal(await row.count(), 1);
    assert.ok((await row.locator('svg.adm-spark[role="img"] rect').count()) > 0, 'its sparkline has a bar');
    assert.equal(await admin.locator('.adm-table tbody tr').count(), FOLLOWED.length + 1);
  });

  test('a hidden article is gone from the site, feeds and search, and undo brings it back', SKIP_OPTS, async () => {
    assert.ok(state.sourceId, 'the source was added and ingested');
    // The worker groups the new articles into stories on its next tick: wait for that, so the
    // home page is built from them.
    const deadline = Date.now() + INGEST_WAIT_MS;
    for (;;) {
      const mine = await site.store.listArticles({ sourceId: state.sourceId, limit: 100 });
      if (mine.length >= state.entryCount && mine.every((a) => a.storyId != null)) break;
      assert.ok(Date.now() < deadline, `the worker assigned stories to ${mine.filter((a) => a.storyId != null).length} of ${mine.length} new articles in ${INGEST_WAIT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, RELOAD_EVERY_MS));
    }

    // The source's articles, from its page in the admin.
    await adminGoto(`/admin/sources/${state.sourceId}`);
    await Promise.all([admin.waitForURL(/\/admin\/articles\?source=\d+$/), admin.getByRole('link', { name: 'its articles' }).click()]);
    const listed = (await admin.locator('.adm-table tbody a[href^="/admin/articles/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
      .map((h) => Number(/\/admin\/articles\/(\d+)$/.exec(h)?.[1]));
    assert.equal(listed.length, state.entryCount, 'the articles page lists the source’s articles');

    // One a reader can see everywhere: on the home page, in the feed, and found by a phrase of
    // its body that few articles share.
    const reader = await newContext();
    const rp = await reader.newPage();
    await rp.goto(site.url + '/');
    const onHome = new Set((await rp.locator('main a[href^="/article/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map(idOf));
    const rss = await (await rp.request.get(site.url + '/rss.xml')).text();
    const inFeed = new Set([...rss.matchAll(/<link>([^<]+)<\/link>/g)].map((m) => idOf(m[1]!)));
    await reader.close();
    const candidates = listed.filter((id) => onHome.has(id) && inFeed.has(id));
    assert.ok(candidates.length > 0, `an article of the new source is on the home page and in /rss.xml (listed ${listed.join(',')})`);
    for (const id of candidates) {
      const a = (await site.store.getArticle(id))!;
      for (const p of phrasesFrom(a.bodyText ?? '')) {
        if ((await site.store.search(`"${p}"`, { limit: 1 })).total <= MAX_PHRASE_HITS) {
          state.phrase = p;
          break;
        }
      }
      if (state.phrase) {
        state.articleId = id;
        state.storyId = a.storyId ?? 0;
        break;
      }
    }
    assert.ok(state.articleId, 'one of them has a phrase few articles share');
    const id = state.articleId;

    // Its admin page, from the list.
    await Promise.all([admin.waitForURL(new RegExp(`/admin/articles/${id}$`)), admin.locator(`.adm-table a[href="/admin/articles/${id}"]`).click()]);
    adminProblems.push(...(await cspViolations(admin)));
    state.publicPath = (await admin.getByRole('link', { name: 'public page' }).getAttribute('href'))!;
    assert.match(state.publicPath, new RegExp(`^/article/${id}-`));
    assert.deepEqual(await presence(id), { page: 200, rss: true, home: true, search: true }, 'before: a reader finds the article everywhere');

    // Hide it (the confirmation prompt is accepted).
    const dialogs: string[] = [];
    const onDialog = (d: { message(): string }) => void dialogs.push(d.message());
    admin.on('dialog', onDialog);
    await Promise.all([admin.waitForURL(/\?done=article-hidden$/), admin.getByRole('button', { name: 'Hide article' }).click()]);
    admin.off('dialog', onDialog);
    assert.deepEqual(dialogs, ['Hide this article from the site, its feeds, search and the API?'], 'admin.js asked first');
    assert.equal(squash(await admin.locator('.adm-notice').innerText()), 'The article is hidden from the site, feeds, search and the API.');
    assert.equal(await admin.locator('.adm-state', { hasText: 'Hidden from the site and feeds' }).count(), 1);
    assert.equal(await admin.getByRole('link', { name: 'public page' }).count(), 0);
    assert.deepEqual(await presence(id), { page: 404, rss: false, home: false, search: false }, 'hidden: a reader finds it nowhere');

    // Undo from the audit log.
    await adminGoto('/admin/audit');
    // The row whose action is the hide (the undo's row will name the hide too).
    const entry = admin.locator('.adm-table tbody tr', { has: admin.locator(`a[href="/admin/articles/${id}"]`) }).filter({ has: admin.locator('td', { hasText: /^article\.hide$/ }) });
    assert.equal(await entry.count(), 1, 'the hide is in the audit log');
    assert.match(squash(await entry.innerText()), new RegExp(`^\\d+ .+ ${USERNAME} article\\.hide article #${id}`));
    await Promise.all([admin.waitForURL(/\/admin\/audit\?done=undone$/), entry.getByRole('button', { name: 'Undo' }).click()]);
    assert.equal(squash(await admin.locator('.adm-notice').innerText()), 'Undone.');
    assert.match(squash(await entry.innerText()), new RegExp(`undone by ${USERNAME}`));
    assert.equal(await entry.getByRole('button', { name: 'Undo' }).count(), 0, 'an undone entry cannot be undone again');
    assert.equal(await admin.locator('.adm-table tbody tr', { hasText: `undid #` }).count(), 1, 'the undo is logged too');
    assert.deepEqual(await presence(id), { page: 200, rss: true, home: true, search: true }, 'undone: the article is back everywhere');
  });

  test('admin pages: no console errors or CSP violations, and axe finds nothing serious', SKIP_OPTS, async (t) => {
    assert.ok(state.storyId, 'the earlier tests found a story');
    for (const path of ['/admin', '/admin/sources', `/admin/sources/${state.sourceId}`, '/admin/articles', `/admin/articles/${state.articleId}`, '/admin/stories', `/admin/stories/${state.storyId}`, '/admin/audit', '/admin/tokens']) {
      await adminGoto(path);
      await admin.waitForLoadState('networkidle');
    }
    assert.deepEqual(adminProblems, []);

    const pages = {
      sources: '/admin/sources',
      source: `/admin/sources/${state.sourceId}`,
      story: `/admin/stories/${state.storyId}`,
      preview: `/admin/sources/new?url=${encodeURIComponent(site.room.outlets[ADDED]!.homeUrl)}`,
    };
    const axe = new AxeTally();
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe is injected as an inline script, which the CSP forbids: only this context bypasses it.
      const ctx = await browser.newContext({ viewport: DESKTOP, bypassCSP: true, colorScheme, storageState: await adminCtx.storageState() });
      const page = await ctx.newPage();
      for (const [name, path] of Object.entries(pages)) {
        const res = await page.goto(site.url + path);
        assert.equal(res?.status(), 200, `${path} (signed in)`);
        await axe.check(page, axeSource, name, colorScheme);
      }
      await ctx.close();
    }
    axe.report(t);
    assert.deepEqual(axe.blocking, []);
  });

  test('screenshots of the sources page, a source page and the preview on a phone and a desktop', SKIP_OPTS, async (t) => {
    assert.ok(state.sourceId, 'the source was added');
    mkdirSync(SHOT_DIR, { recursive: true });
    const pages = {
      sources: '/admin/sources',
      source: `/admin/sources/${state.sourceId}`,
      preview: `/admin/sources/new?url=${encodeURIComponent(site.room.outlets[ADDED]!.homeUrl)}`,
    };
    const devices = [
      { device: 'mobile', viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
      { device: 'desktop', viewport: DESKTOP, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
    ];
    const saved: string[] = [];
    const problems: string[] = [];
    for (const d of devices) {
      const ctx = await newContext({ viewport: d.viewport, isMobile: d.isMobile, hasTouch: d.hasTouch, deviceScaleFactor: d.deviceScaleFactor, timezoneId: 'UTC', storageState: await adminCtx.storageState() });
      const page = await ctx.newPage();
      watch(page, problems);
      for (const [name, path] of Object.entries(pages)) {
        const res = await page.goto(site.url + path);
        assert.equal(res?.status(), 200, path);
        await page.waitForLoadState('networkidle');
        // Nothing wider than the screen: wide tables scroll inside their own box.
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        assert.ok(overflow <= 0, `${name} on ${d.device}: the page is ${overflow}px wider than the screen`);
        const file = join(SHOT_DIR, `admin-${name}-${d.device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        saved.push(file);
        problems.push(...(await cspViolations(page)));
      }
      await ctx.close();
    }
    assert.deepEqual(problems, []);
    t.diagnostic(`screenshots: ${saved.length} in ${SHOT_DIR}`);
  });
});
