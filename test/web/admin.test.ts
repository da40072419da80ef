// The admin's locks, tested over real HTTP against a real SQLite store: nothing under /admin
// or the write API answers without a session or a token; a wrong CSRF token, a foreign
// origin or a forged cookie is refused and changes nothing; logins are rate-limited; and
// what an operator does (hide, pin, merge, undo) shows on the public site and in the log.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { AdminStore } from '../../src/store/admin.ts';
import { hashPassword, verifyPassword, passwordProblem, newApiToken, tokenDigest, API_TOKEN_PREFIX } from '../../src/web/admin/secrets.ts';
import type { Store } from '../../src/store/index.ts';
import { seed, type Fixture } from './fixture.ts';
import { freshStore, get, startSite, testConfig } from './helpers.ts';

const PASSWORD = 'correct horse battery';

describe('admin secrets', () => {
  it('hashes passwords with scrypt and a salt, and verifies only the right one', async () => {
    const h1 = await hashPassword(PASSWORD);
    const h2 = await hashPassword(PASSWORD);
    assert.match(h1, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(h1, h2, 'a fresh salt each time');
    assert.ok(!h1.includes(PASSWORD));
    assert.equal(await verifyPassword(PASSWORD, h1), true);
    assert.equal(await verifyPassword(PASSWORD + ' ', h1), false);
    assert.equal(await verifyPassword('', h1), false);
    // A tampered row never verifies, and never makes scrypt run with a silly cost.
    assert.equal(await verifyPassword(PASSWORD, h1.replace('$32768$', '$1099511627776$')), false);
    assert.equal(await verifyPassword(PASSWORD, 'plain-text-password'), false);
    assert.equal(await verifyPassword(PASSWORD, h1.slice(0, -3)), false);
  });

  it('refuses short or padded passwords and makes distinct, prefixed tokens', () => {
    assert.match(passwordProblem('short') ?? '', /at least 10/);
    assert.match(passwordProblem(' padded password ') ?? '', /spaces/);
    assert.equal(passwordProblem(PASSWORD), null);
    const a = newApiToken();
    assert.ok(a.startsWith(API_TOKEN_PREFIX) && a.length > 40);
    assert.notEqual(a, newApiToken());
    assert.equal(tokenDigest(a), tokenDigest(a));
    assert.match(tokenDigest(a), /^[0-9a-f]{64}$/);
  });
});

/** A tiny cookie jar: enough for one browser's session. */
class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}): Promise<{ status: number; headers: Headers; text: string }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p;
      headers.set('content-type', 'application/x-www-form-urlencoded');
      if (!headers.has('origin')) headers.set('origin', this.base);
    }
    const res = await fetch(this.base + path, { ...init, method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** The CSRF token in a page's forms. */
  static csrf(page: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(page);
    assert.ok(m, 'the page has a CSRF field');
    return m[1]!;
  }

  async login(password = PASSWORD): Promise<{ status: number; headers: Headers; text: string }> {
    const page = await this.request('/admin/login');
    return this.request('/admin/login', { form: { _csrf: Browser.csrf(page.text), username: 'admin', password, next: '/admin' } });
  }
}

describe('admin over HTTP', () => {
  let store: Store;
  let fx: Fixture;
  let base: string;

  before(async () => {
    store = await freshStore();
    fx = await seed(store);
    await new AdminStore(store.db).setPasswordHash('admin', await hashPassword(PASSWORD));
    base = (await startSite(store)).url;
  });

  const publicArticle = async (id: number) => (await get(base, `/api/v1/articles/${id}`)).status;

  it('sends every admin page and write endpoint away without a session or token', async () => {
    for (const path of ['/admin', '/admin/sources', '/admin/articles', `/admin/stories/${fx.strikeStory}`, '/admin/audit', '/admin/tokens', '/admin/sources.opml']) {
      const r = await get(base, path);
      assert.equal(r.status, 303, path);
      assert.match(r.headers.get('location') ?? '', /^\/admin\/login\?next=/, path);
      assert.ok(!r.text.includes('Harbour'), 'no data leaks in the redirect');
    }
    const post = await get(base, `/admin/articles/${fx.strike}/hide`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=x' });
    assert.equal(post.status, 403);
    for (const [method, path] of [['POST', `/api/v1/articles/${fx.strike}/hide`], ['DELETE', `/api/v1/sources/${fx.herald}`], ['PATCH', `/api/v1/stories/${fx.strikeStory}`], ['POST', '/api/v1/sources']] as const) {
      const r = await get(base, path, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.equal(JSON.parse(r.text).error.status, 401);
    }
    const wrongToken = await get(base, `/api/v1/articles/${fx.strike}/hide`, { method: 'POST', headers: { authorization: `Bearer ${newApiToken()}` } });
    assert.equal(wrongToken.status, 401);
    assert.equal(await publicArticle(fx.strike), 200, 'nothing changed');
    assert.ok(await store.getSource(fx.herald));
  });

  it('over HTTPS (behind a trusted proxy) the cookie is Secure and __Host- prefixed', async () => {
    const config = testConfig();
    config.server.trustProxy = true;
    const https = (await startSite(store, { config })).url;
    const b = new Browser(https);
    const page = await b.request('/admin/login', { headers: { 'x-forwarded-proto': 'https' } });
    const r = await b.request('/admin/login', {
      form: { _csrf: Browser.csrf(page.text), username: 'admin', password: PASSWORD, next: '/admin' },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': new URL(https).host, origin: https.replace('http:', 'https:') },
    });
    assert.equal(r.status, 303);
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('__Host-nd_session='));
    assert.ok(cookie, r.headers.getSetCookie().join(' | '));
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; Path=\//i);
    // Without the proxy's word, the same server does not believe a client claiming HTTPS.
    const plain = new Browser(base);
    const p2 = await plain.request('/admin/login', { headers: { 'x-forwarded-proto': 'https' } });
    const r2 = await plain.request('/admin/login', { form: { _csrf: Browser.csrf(p2.text), username: 'admin', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    assert.ok(r2.headers.getSetCookie().some((c) => c.startsWith('nd_session=') && !/Secure/i.test(c)));
  });

  it('refuses a forged session cookie', async () => {
    const b = new Browser(base);
    b.cookies.set('nd_session', 'forged-' + 'x'.repeat(36));
    assert.equal((await b.request('/admin')).status, 303);
    assert.equal((await b.request(`/admin/articles/${fx.strike}/hide`, { form: { _csrf: 'whatever' } })).status, 403);
    assert.equal(await publicArticle(fx.strike), 200);
  });

  it('signs in with a secure cookie, refuses stale forms, and signs out for good', async () => {
    const b = new Browser(base);
    const page = await b.request('/admin/login');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const bad = await b.request('/admin/login', { form: { _csrf: 'not-the-token', username: 'admin', password: PASSWORD } });
    assert.equal(bad.status, 400, 'login CSRF');
    assert.equal(b.cookies.has('nd_session'), false);
    const ok = await b.login();
    assert.equal(ok.status, 303);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('nd_session='));
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.doesNotMatch(cookie, /Secure/i, 'plain HTTP: not Secure (the browser would drop it)');
    const home = await b.request('/admin');
    assert.equal(home.status, 200);
    assert.match(home.text, /Signed in as <strong>admin<\/strong>/);
    const old = b.cookies.get('nd_session')!;
    await b.request('/admin/logout', { form: { _csrf: Browser.csrf(home.text) } });
    const again = new Browser(base);
    again.cookies.set('nd_session', old);
    assert.equal((await again.request('/admin')).status, 303, 'the old cookie is dead server-side');
  });

  it('refuses a wrong CSRF token and a foreign origin, then acts on a right one and logs it', async () => {
    const b = new Browser(base);
    await b.login();
    const page = await b.request(`/admin/articles/${fx.cup}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Section <span class="adm-hint">the source(?:'|&#39;|&#x27;)s section<\/span>/, 'the page says where the section came from');
    const csrf = Browser.csrf(page.text);
    assert.equal((await b.request(`/admin/articles/${fx.cup}/hide`, { form: { _csrf: csrf.slice(0, -2) + 'xx' } })).status, 403);
    assert.equal((await b.request(`/admin/articles/${fx.cup}/hide`, { form: { _csrf: csrf }, headers: { origin: 'https://evil.example' } })).status, 403);
    assert.equal(await publicArticle(fx.cup), 200, 'refused requests changed nothing');

    const hide = await b.request(`/admin/articles/${fx.cup}/hide`, { form: { _csrf: csrf } });
    assert.equal(hide.status, 303);
    assert.equal(await publicArticle(fx.cup), 404);
    assert.equal((await get(base, '/rss.xml')).text.includes('Harbour United win the cup final'), false, 'gone from the feed');
    assert.equal((await get(base, '/search?q=trophy')).text.includes('cup final'), false, 'gone from search');

    const audit = await b.request('/admin/audit');
    assert.match(audit.text, /<td>admin<\/td><td>article\.hide<\/td>/);
    const entry = (await new AdminStore(store.db).auditLog({ targetType: 'article', targetId: fx.cup }))[0]!;
    assert.equal(entry.actor, 'admin');
    const undo = await b.request(`/admin/audit/${entry.id}/undo`, { form: { _csrf: Browser.csrf(audit.text) } });
    assert.equal(undo.status, 303);
    assert.equal(await publicArticle(fx.cup), 200, 'undo shows it again');
    assert.equal((await b.request(`/admin/audit/${entry.id}/undo`, { form: { _csrf: Browser.csrf(audit.text) } })).status, 409, 'an undo happens once');
  });

  it('drives the write API with a token, and wants the CSRF header from a session', async () => {
    const b = new Browser(base);
    await b.login();
    const tokens = await b.request('/admin/tokens');
    const made = await b.request('/admin/tokens', { form: { _csrf: Browser.csrf(tokens.text), name: 'test client' } });
    const token = /class="adm-token">([^<]+)</.exec(made.text)?.[1];
    assert.ok(token?.startsWith(API_TOKEN_PREFIX), 'the token is shown once');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const pin = await get(base, `/api/v1/stories/${fx.cupStory}/pin`, { method: 'POST', headers: auth });
    assert.equal(pin.status, 200);
    const home = await get(base, '/');
    assert.ok(home.text.indexOf('Harbour United win the cup final') < home.text.indexOf('Port workers strike over pay'), 'the pinned story leads the home page');

    const bad = await get(base, '/api/v1/sources', { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://new.example/feed.xml', colour: 'red' }) });
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.text).error.message, /unknown field colour/);
    const add = await get(base, '/api/v1/sources', { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://new.example/feed.xml', name: 'New', minIntervalSeconds: 900 }) });
    assert.equal(add.status, 201);
    assert.equal(JSON.parse(add.text).source.minIntervalSeconds, 900);
    const log = await new AdminStore(store.db).auditLog({ limit: 5 });
    assert.ok(log.some((e) => e.actor === 'token:test client' && e.action === 'source.add'));

    // A browser session without the CSRF header is refused; with it, it works.
    const noHeader = await b.request(`/api/v1/stories/${fx.cupStory}/unpin`, { method: 'POST' });
    assert.equal(noHeader.status, 403);
    const withHeader = await b.request(`/api/v1/stories/${fx.cupStory}/unpin`, { method: 'POST', headers: { 'x-csrf-token': Browser.csrf(tokens.text), origin: base } });
    assert.equal(withHeader.status, 200);

    const id = (await new AdminStore(store.db).listTokens()).find((t) => t.name === 'test client')!.id;
    const list = await b.request('/admin/tokens');
    await b.request(`/admin/tokens/${id}/revoke`, { form: { _csrf: Browser.csrf(list.text) } });
    assert.equal((await get(base, `/api/v1/stories/${fx.cupStory}/pin`, { method: 'POST', headers: auth })).status, 401, 'a revoked token stops working');
  });

  it('merges a story into another: its address redirects there', async () => {
    const b = new Browser(base);
    await b.login();
    const page = await b.request(`/admin/stories/${fx.cupStory}`);
    const r = await b.request(`/admin/stories/${fx.cupStory}/merge`, { form: { _csrf: Browser.csrf(page.text), into: String(fx.strikeStory) } });
    assert.equal(r.status, 303);
    const old = await get(base, `/story/${fx.cupStory}`);
    assert.equal(old.status, 301);
    assert.match(old.headers.get('location') ?? '', new RegExp(`^/story/${fx.strikeStory}-`));
    const entry = (await new AdminStore(store.db).auditLog({ targetType: 'story', targetId: fx.cupStory }))[0]!;
    assert.equal(entry.action, 'story.merge');
    await b.request(`/admin/audit/${entry.id}/undo`, { form: { _csrf: Browser.csrf(page.text) } });
    assert.equal((await get(base, `/story/${fx.cupStory}`)).status, 301, 'its own slug again');
    assert.match((await get(base, `/story/${fx.cupStory}`)).headers.get('location') ?? '', new RegExp(`^/story/${fx.cupStory}-`));
  });

  it("saves a source's settings, and says what is wrong with bad ones", async () => {
    const b = new Browser(base);
    await b.login();
    const page = await b.request(`/admin/sources/${fx.sports}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /role="img"/, 'the health charts are on the page');
    const form = { _csrf: Browser.csrf(page.text), url: 'https://valley.example/sport.xml', name: 'Valley Sport', section: 'Sports', mode: 'full', minMinutes: '30', maxMinutes: '120', ruleBody: 'article .story\n.main', ruleRemove: '.share' };
    const bad = await b.request(`/admin/sources/${fx.sports}`, { form: { ...form, ruleBody: 'article[' } });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /is not a CSS selector/);
    const upside = await b.request(`/admin/sources/${fx.sports}`, { form: { ...form, minMinutes: '600' } });
    assert.equal(upside.status, 400);
    assert.match(upside.text, /minimum polling interval \(36000 s\) is longer than the maximum/);
    assert.equal((await store.getSource(fx.sports))?.name, 'Valley Sports', 'a refused form changes nothing');
    const ok = await b.request(`/admin/sources/${fx.sports}`, { form });
    assert.equal(ok.status, 303);
    const s = await store.getSource(fx.sports);
    assert.deepEqual(
      { name: s?.name, mode: s?.displayMode, min: s?.minIntervalSeconds, max: s?.maxIntervalSeconds, rule: s?.extractionRule },
      { name: 'Valley Sport', mode: 'full', min: 1800, max: 7200, rule: { body: ['article .story', '.main'], remove: ['.share'] } },
    );
    const log = (await new AdminStore(store.db).auditLog({ targetType: 'source', targetId: fx.sports }))[0]!;
    assert.equal(log.action, 'source.edit');
    assert.deepEqual(Object.keys(log.detail.changed as object).sort(), ['displayMode', 'extractionRule', 'maxIntervalSeconds', 'minIntervalSeconds', 'name']);
  });

  it('corrects a headline: the site shows the correction, undo restores it', async () => {
    const b = new Browser(base);
    await b.login();
    const page = await b.request(`/admin/articles/${fx.fullStrike}`);
    const r = await b.request(`/admin/articles/${fx.fullStrike}`, { form: { _csrf: Browser.csrf(page.text), title: 'Harbour strike halts all shipping', section: 'Business' } });
    assert.equal(r.status, 303);
    const api = JSON.parse((await get(base, `/api/v1/articles/${fx.fullStrike}`)).text) as { title: string; section: string };
    assert.deepEqual([api.title, api.section], ['Harbour strike halts all shipping', 'Business']);
    const entry = (await new AdminStore(store.db).auditLog({ targetType: 'article', targetId: fx.fullStrike }))[0]!;
    await b.request(`/admin/audit/${entry.id}/undo`, { form: { _csrf: Browser.csrf(page.text) } });
    const back = JSON.parse((await get(base, `/api/v1/articles/${fx.fullStrike}`)).text) as { title: string; section: string };
    assert.deepEqual([back.title, back.section], ['Harbour strike halts shipping', 'World']);
  });

  it('exports the sources as OPML and imports an OPML list', async () => {
    const b = new Browser(base);
    await b.login();
    const opml = await b.request('/admin/sources.opml');
    assert.equal(opml.status, 200);
    assert.match(opml.headers.get('content-disposition') ?? '', /attachment/);
    assert.match(opml.text, /xmlUrl="https:\/\/herald\.example\/rss\.xml"/);
    const page = await b.request('/admin/sources');
    const form = new FormData();
    form.set('_csrf', Browser.csrf(page.text));
    const list = `<?xml version="1.0"?><opml version="2.0"><body><outline text="Science"><outline text="Lab Notes" type="rss" xmlUrl="https://lab.example/feed.xml"/></outline><outline text="Harbour Herald" type="rss" xmlUrl="https://herald.example/rss.xml"/></body></opml>`;
    form.set('opml', new File([list], 'subs.opml', { type: 'text/x-opml' }));
    const r = await b.request('/admin/sources/import', { method: 'POST', body: form, headers: { origin: base } });
    assert.equal(r.status, 200);
    assert.match(r.text, /Imported: 1 new of 2 feeds/);
    const added = await store.getSourceByUrl('https://lab.example/feed.xml');
    assert.equal(added?.section, 'Science');
    const bad = new FormData();
    bad.set('_csrf', Browser.csrf(page.text));
    bad.set('opml', new File(['<html>not a list</html>'], 'x.opml'));
    const refused = await b.request('/admin/sources/import', { method: 'POST', body: bad, headers: { origin: base } });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /not an OPML list/);
  });

  it('rate-limits failed logins per account', async () => {
    const b = new Browser(base);
    for (let i = 0; i < 5; i++) assert.equal((await b.login('wrong password!')).status, 400);
    const limited = await b.login();
    assert.equal(limited.status, 429, 'even the right password waits');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(b.cookies.has('nd_session'), false);
  });
});
