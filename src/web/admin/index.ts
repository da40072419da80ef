// admin: the operator's side of the site under /admin, and the write API under /api/v1.
// Nothing here answers without a session (browsers) or an API token (programs); every
// state-changing browser request carries the session's CSRF token; every change is
// written to the audit log. Public surface: `adminApp` and `writeApi`, mounted by
// src/web/index.ts. Pages and routes: docs/operations.md.
import { Hono, type Context } from 'hono';
import type { SourcePreview } from '../../jobs/preview.ts';
import { AdminStore } from '../../store/admin.ts';
import { sourceHealthReport, sourcesHealthOverview } from '../../store/health.ts';
import type { ExtractionRule } from '../../store/index.ts';
import { html } from '../html.ts';
import type { Site } from '../site.ts';
import { ActionError, AdminActions } from './actions.ts';
import { ADMIN_ASSETS } from './assets.ts';
import { AdminAuth, type Operator } from './auth.ts';
import { adminPage, type AdminPageMeta } from './layout.ts';
import { articlePage, articlesPage, storiesPage, storyPage } from './moderate.ts';
import { auditPage, loginPage, overviewPage, tokensPage } from './pages.ts';
import { adminArticles, adminStories, storyArticlesAll } from './queries.ts';
import { newSourceFromForm, newSourcePage, settingsFromForm, sourceFormOf, sourcePage, sourcesPage, type SourceForm } from './sources.ts';
import { writeApi } from './api.ts';

export { AdminAuth, type Operator } from './auth.ts';
export { AdminActions, ActionError } from './actions.ts';
export { hashPassword, verifyPassword, passwordProblem, newApiToken, tokenDigest, MIN_PASSWORD_LENGTH } from './secrets.ts';

/** What the admin can do beyond reading and writing the database. */
export interface AdminServices {
  /** Fetches a URL and shows what following it would give (the add-source preview). Without
   * it sources are added without a preview. */
  preview?: (url: string, opts: { pattern?: string | null; rule?: ExtractionRule | null; useFeedContent?: boolean }) => Promise<SourcePreview>;
}

type Env = { Variables: { op: Operator; form: Record<string, string | File | (string | File)[]> } };

/** What each `?done=` code says after a redirect. */
const NOTICES: Record<string, string> = {
  'source-added': 'The source is followed: its first poll is due now.',
  'source-exists': 'That source was already followed.',
  'source-saved': 'Settings saved.',
  'source-paused': 'Polling paused.',
  'source-resumed': 'Polling resumed: the source is due now.',
  'source-removed': 'The source was removed; its articles stay.',
  imported: 'OPML list imported.',
  'article-hidden': 'The article is hidden from the site, feeds, search and the API.',
  'article-shown': 'The article is shown again.',
  'article-saved': 'Corrections saved.',
  'story-hidden': 'The story and its articles are hidden.',
  'story-shown': 'The story is shown again.',
  'story-pinned': 'The story is pinned on the home page.',
  'story-unpinned': 'The story is no longer pinned.',
  'story-titled': 'Story title saved.',
  'story-merged': 'Stories merged: the other story now holds these articles.',
  'story-split': 'Articles split off into this new story.',
  undone: 'Undone.',
  'token-revoked': 'Token revoked.',
  'signed-out': 'Signed out.',
};

function field(form: Env['Variables']['form'], name: string): string | undefined {
  const v = form[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' ? one : undefined;
}

function fields(form: Env['Variables']['form'], name: string): string[] {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

function intParam(v: string | undefined): number | null {
  return v && /^\d{1,10}$/.test(v) ? Number(v) : null;
}

/** Only our own admin paths are followed after signing in (no open redirect). */
function safeNext(v: string | undefined): string {
  return v && /^\/admin(\/[A-Za-z0-9/_?=&.%-]*)?$/.test(v) && !v.startsWith('//') ? v : '/admin';
}

export interface AdminParts {
  /** The /admin pages (mount at /admin). */
  pages: Hono<Env>;
  /** The write API (mount at /api/v1). */
  api: ReturnType<typeof writeApi>;
}

export function adminApp(site: Site, services: AdminServices = {}): AdminParts {
  const admin = new AdminStore(site.db);
  const moderation = site.moderation;
  const auth = new AdminAuth(admin, site.config);
  const actions = new AdminActions(site.store, admin, moderation, site.log);
  const app = new Hono<Env>();

  const meta = (c: Context, m: AdminPageMeta): AdminPageMeta => ({ notice: NOTICES[c.req.query('done') ?? ''] ?? null, ...m });
  const page = (c: Context, body: string, status: 200 | 400 | 404 | 409 | 429 = 200) => c.html(body, status);
  const fail = (c: Context<Env>, err: ActionError, back: string) =>
    page(c, adminPage(site, c.get('op'), { title: 'Not done', error: err.message }, html`<p><a href="${back}">← Back</a></p>`), err.status);
  /** Runs an action; the operator's mistake becomes a page saying what is wrong (with a way back). */
  const attempt = async <T,>(c: Context<Env>, back: string, run: () => Promise<T>): Promise<{ ok: T } | { page: Response }> => {
    try {
      return { ok: await run() };
    } catch (err) {
      if (err instanceof ActionError) return { page: fail(c, err, back) };
      throw err;
    }
  };

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // ---------------------------------------------------------------- sign in / out
  app.get('/login', async (c) => {
    const noAccount = (await admin.accountCount()) === 0;
    return page(c, loginPage(site, auth.loginCsrf(c), { next: safeNext(c.req.query('next')), noAccount }));
  });
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, 100) : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (!auth.loginCsrfOk(c, typeof form._csrf === 'string' ? form._csrf : null)) {
      site.log.warn('admin login refused: missing or wrong CSRF token', { ip: auth.clientIp(c) });
      return page(c, loginPage(site, auth.loginCsrf(c), { next, username, error: 'The form expired. Please sign in again.' }), 400);
    }
    const r = await auth.checkLogin(c, username, password);
    if (!r.ok) {
      site.log.warn('admin login failed', { username, ip: auth.clientIp(c), reason: r.reason });
      if (r.reason === 'limited') {
        c.header('Retry-After', String(r.retryAfterSeconds ?? 900));
        return page(c, loginPage(site, auth.loginCsrf(c), { next, username, error: 'Too many failed sign-ins. Wait a quarter of an hour and try again.' }), 429);
      }
      return page(c, loginPage(site, auth.loginCsrf(c), { next, username, error: 'Wrong user name or password.' }), 400);
    }
    await auth.startSession(c, r.username);
    site.log.info('admin signed in', { username: r.username, ip: auth.clientIp(c) });
    return c.redirect(next, 303);
  });

  // ---------------------------------------------------------------- everything else needs a session
  app.use('*', async (c, next) => {
    const op = await auth.fromSession(c);
    if (!op) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
      site.log.warn('admin request refused: no session', { path: c.req.path, ip: auth.clientIp(c) });
      return c.text('Forbidden: sign in first (your session may have expired).', 403);
    }
    c.set('op', op);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const form = await c.req.parseBody({ all: true });
      if (!auth.csrfOk(c, op, field(form, '_csrf'))) {
        site.log.warn('admin request refused: wrong CSRF token or foreign origin', { path: c.req.path, actor: op.actor, ip: auth.clientIp(c) });
        return c.text('Forbidden: this form is stale or did not come from this site. Reload the page and try again.', 403);
      }
      c.set('form', form);
    }
    await next();
  });

  app.post('/logout', async (c) => {
    await auth.endSession(c);
    return c.redirect('/admin/login?done=signed-out', 303);
  });

  app.get('/', async (c) => {
    const [stats, health, audit] = await Promise.all([site.store.stats(), sourcesHealthOverview(site.db), admin.auditLog({ limit: 10 })]);
    return page(c, overviewPage(site, c.get('op'), meta(c, { title: 'Overview', nav: 'home' }), { stats, health, audit }));
  });

  // ---------------------------------------------------------------- sources
  app.get('/sources', async (c) => {
    const rows = await sourcesHealthOverview(site.db);
    return page(c, sourcesPage(site, c.get('op'), meta(c, { title: 'Sources', nav: 'sources' }), rows, !!services.preview));
  });
  app.get('/sources.opml', async (c) => {
    c.header('Content-Type', 'text/x-opml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="newsdesk-sources.opml"');
    return c.body(await actions.exportOpml());
  });
  app.get('/sources/new', async (c) => {
    const q = c.req.query();
    const f: SourceForm = { ...q };
    const m = meta(c, { title: 'Follow a new source', nav: 'sources' });
    if (!f.url) return page(c, newSourcePage(site, c.get('op'), m, f, null, null));
    if (!services.preview) return page(c, newSourcePage(site, c.get('op'), m, f, null, null));
    try {
      const s = settingsFromForm(f);
      const preview = await services.preview(f.url, { pattern: s.urlPattern, rule: s.extractionRule, useFeedContent: s.useFeedContent });
      return page(c, newSourcePage(site, c.get('op'), m, f, preview, null));
    } catch (err) {
      return page(c, newSourcePage(site, c.get('op'), m, f, null, (err as Error).message), 400);
    }
  });
  app.post('/sources', async (c) => {
    const form = c.get('form');
    const f = Object.fromEntries(Object.keys(form).map((k) => [k, field(form, k)])) as SourceForm;
    try {
      const r = await actions.addSource(c.get('op'), newSourceFromForm(f));
      return c.redirect(`/admin/sources/${r.source.id}?done=${r.created ? 'source-added' : 'source-exists'}`, 303);
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      return page(c, newSourcePage(site, c.get('op'), { title: 'Follow a new source', nav: 'sources', error: err.message }, f, null, null), 400);
    }
  });
  app.post('/sources/import', async (c) => {
    const file = c.get('form').opml;
    const one = Array.isArray(file) ? file[0] : file;
    const text = one instanceof File ? await one.text() : typeof one === 'string' ? one : '';
    const r = await attempt(c, '/admin/sources', () => actions.importOpml(c.get('op'), text));
    if ('page' in r) return r.page;
    const notice = `Imported: ${r.ok.added} new of ${r.ok.total} feeds in the list.`;
    return page(c, sourcesPage(site, c.get('op'), { title: 'Sources', nav: 'sources', notice }, await sourcesHealthOverview(site.db), !!services.preview));
  });
  app.get('/sources/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const s = id === null ? null : await site.store.getSource(id);
    if (!s) return c.notFound();
    const report = await sourceHealthReport(site.db, s.id);
    if (!report) return c.notFound();
    return page(c, sourcePage(site, c.get('op'), meta(c, { title: s.name ?? s.url, nav: 'sources' }), s, report, sourceFormOf(s)));
  });
  app.post('/sources/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const s = id === null ? null : await site.store.getSource(id);
    if (!s) return c.notFound();
    const form = c.get('form');
    const f = Object.fromEntries(Object.keys(form).map((k) => [k, field(form, k)])) as SourceForm;
    try {
      const patch = settingsFromForm(f);
      const { url, ...rest } = patch;
      await actions.updateSource(c.get('op'), s.id, { ...rest, ...(url ? { url } : {}), kind: patch.urlPattern ? 'section' : s.kind === 'section' ? 'feed' : s.kind });
      return c.redirect(`/admin/sources/${s.id}?done=source-saved`, 303);
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      const report = await sourceHealthReport(site.db, s.id);
      if (!report) return c.notFound();
      return page(c, sourcePage(site, c.get('op'), { title: s.name ?? s.url, nav: 'sources', error: err.message }, s, report, f), 400);
    }
  });
  for (const [action, done] of [['pause', 'source-paused'], ['resume', 'source-resumed'], ['remove', 'source-removed']] as const) {
    app.post(`/sources/:id/${action}`, async (c) => {
      const id = intParam(c.req.param('id'));
      if (id === null) return c.notFound();
      const r = await attempt(c, '/admin/sources', async () => {
        if (action === 'remove') await actions.removeSource(c.get('op'), id);
        else await actions.updateSource(c.get('op'), id, action === 'pause' ? { state: 'paused' } : { state: 'active' });
      });
      if ('page' in r) return r.page;
      return c.redirect(action === 'remove' ? `/admin/sources?done=${done}` : `/admin/sources/${id}?done=${done}`, 303);
    });
  }

  // ---------------------------------------------------------------- articles
  app.get('/articles', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const hiddenOnly = c.req.query('hidden') === '1';
    const sourceId = intParam(c.req.query('source'));
    const before = intParam(c.req.query('before'));
    const limit = 50;
    let rows;
    if (q) {
      const hits = await site.store.search(q, { limit: 100, includeHidden: true, sourceId });
      const order = new Map(hits.hits.map((h, i) => [h.articleId, i]));
      rows = (await adminArticles(site.db, { ids: [...order.keys()], hidden: hiddenOnly, limit: 100 })).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    } else {
      rows = await adminArticles(site.db, { hidden: hiddenOnly, sourceId, before, limit: limit + 1 });
    }
    const next = !q && rows.length > limit ? rows[limit - 1]!.id : null;
    return page(c, articlesPage(site, c.get('op'), meta(c, { title: 'Articles', nav: 'articles' }), { rows: rows.slice(0, q ? 100 : limit), q, hiddenOnly, sourceId, next }));
  });
  app.get('/articles/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    const a = id === null ? null : await site.store.getArticle(id);
    if (!a) return c.notFound();
    const [revisions, audit, o] = await Promise.all([
      site.store.articleRevisions(a.id),
      admin.auditLog({ targetType: 'article', targetId: a.id, limit: 20 }),
      site.db.selectFrom('article_overrides').select(['title', 'section']).where('article_id', '=', a.id).executeTakeFirst(),
    ]);
    return page(c, articlePage(site, c.get('op'), meta(c, { title: a.title ?? 'Article', nav: 'articles' }), a, { revisions, audit, overridden: { title: o?.title != null, section: o?.section != null } }));
  });
  app.post('/articles/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const form = c.get('form');
    const a = await site.store.getArticle(id);
    if (!a) return c.notFound();
    const title = field(form, 'title');
    const section = field(form, 'section');
    const patch: { title?: string; section?: string } = {};
    if (title !== undefined && title.trim() !== (a.title ?? '')) patch.title = title;
    if (section !== undefined && section.trim() && section.trim() !== (a.section ?? '')) patch.section = section;
    const r = await attempt(c, `/admin/articles/${id}`, async () => {
      if (Object.keys(patch).length) await actions.correctArticle(c.get('op'), id, patch);
    });
    if ('page' in r) return r.page;
    return c.redirect(`/admin/articles/${id}?done=article-saved`, 303);
  });
  for (const [action, hidden] of [['hide', true], ['show', false]] as const) {
    app.post(`/articles/:id/${action}`, async (c) => {
      const id = intParam(c.req.param('id'));
      if (id === null) return c.notFound();
      const r = await attempt(c, '/admin/articles', () => actions.setArticleHidden(c.get('op'), id, hidden));
      if ('page' in r) return r.page;
      return c.redirect(`/admin/articles/${id}?done=${hidden ? 'article-hidden' : 'article-shown'}`, 303);
    });
  }

  // ---------------------------------------------------------------- stories
  app.get('/stories', async (c) => {
    const pinnedIds = await moderation.pinnedStories();
    const [pinned, recent] = await Promise.all([adminStories(site.db, { ids: pinnedIds }), adminStories(site.db, { limit: 50 })]);
    const flags = await moderation.storyFlags([...new Set([...pinned, ...recent].map((s) => s.id))]);
    pinned.sort((a, b) => pinnedIds.indexOf(a.id) - pinnedIds.indexOf(b.id));
    return page(c, storiesPage(site, c.get('op'), meta(c, { title: 'Stories', nav: 'stories' }), { pinned, recent, flags }));
  });
  app.get('/stories/go', (c) => {
    const id = intParam(c.req.query('id'));
    return c.redirect(id === null ? '/admin/stories' : `/admin/stories/${id}`, 303);
  });
  app.get('/stories/:id', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const articles = await storyArticlesAll(site.db, id);
    if (articles.length === 0) {
      const to = await moderation.redirectOf(id);
      if (to !== null) return c.redirect(`/admin/stories/${to}`, 303);
      return c.notFound();
    }
    const [flags, audit] = await Promise.all([moderation.storyFlags([id]), admin.auditLog({ targetType: 'story', targetId: id, limit: 20 })]);
    return page(c, storyPage(site, c.get('op'), meta(c, { title: `Story ${id}`, nav: 'stories' }), { id, title: articles[0]!.title, flags: flags.get(id), articles, audit }));
  });
  const storyAction = (name: string, run: (op: Operator, id: number, form: Env['Variables']['form']) => Promise<string | void>, done: string) =>
    app.post(`/stories/:id/${name}`, async (c) => {
      const id = intParam(c.req.param('id'));
      if (id === null) return c.notFound();
      const r = await attempt(c, `/admin/stories/${id}`, () => run(c.get('op'), id, c.get('form')));
      if ('page' in r) return r.page;
      return c.redirect(`${r.ok ?? `/admin/stories/${id}`}?done=${done}`, 303);
    });
  storyAction('pin', (op, id) => actions.setStoryPinned(op, id, true), 'story-pinned');
  storyAction('unpin', (op, id) => actions.setStoryPinned(op, id, false), 'story-unpinned');
  storyAction('hide', async (op, id) => void (await actions.setStoryHidden(op, id, true)), 'story-hidden');
  storyAction('show', async (op, id) => void (await actions.setStoryHidden(op, id, false)), 'story-shown');
  storyAction('title', (op, id, form) => actions.setStoryTitle(op, id, field(form, 'title')?.trim() || null), 'story-titled');
  storyAction(
    'merge',
    async (op, id, form) => {
      const into = intParam(field(form, 'into'));
      if (into === null) throw new ActionError('give the number of the story to merge into');
      return `/admin/stories/${await actions.mergeStories(op, id, into)}`;
    },
    'story-merged',
  );
  storyAction(
    'split',
    async (op, id, form) => {
      const ids = fields(form, 'article').map(intParam).filter((x): x is number => x !== null);
      if (ids.length === 0) throw new ActionError('tick the articles to split off first');
      return `/admin/stories/${await actions.splitStory(op, id, ids)}`;
    },
    'story-split',
  );

  // ---------------------------------------------------------------- audit log and tokens
  app.get('/audit', async (c) => {
    const before = intParam(c.req.query('before'));
    const entries = await admin.auditLog({ limit: 51, before });
    const next = entries.length > 50 ? entries[49]!.id : null;
    return page(c, auditPage(site, c.get('op'), meta(c, { title: 'Audit log', nav: 'audit' }), entries.slice(0, 50), next));
  });
  app.post('/audit/:id/undo', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const r = await attempt(c, '/admin/audit', () => actions.undo(c.get('op'), id));
    if ('page' in r) return r.page;
    const back = c.req.header('referer');
    const to = back && new URL(back, c.req.url).pathname.startsWith('/admin/') ? new URL(back, c.req.url).pathname : '/admin/audit';
    return c.redirect(`${to}?done=undone`, 303);
  });
  app.get('/tokens', async (c) => page(c, tokensPage(site, c.get('op'), meta(c, { title: 'API tokens', nav: 'tokens' }), await admin.listTokens(), null)));
  app.post('/tokens', async (c) => {
    const r = await attempt(c, '/admin/tokens', () => actions.createToken(c.get('op'), field(c.get('form'), 'name') ?? ''));
    if ('page' in r) return r.page;
    return page(c, tokensPage(site, c.get('op'), { title: 'API tokens', nav: 'tokens' }, await admin.listTokens(), r.ok.token));
  });
  app.post('/tokens/:id/revoke', async (c) => {
    const id = intParam(c.req.param('id'));
    if (id === null) return c.notFound();
    const r = await attempt(c, '/admin/tokens', () => actions.revokeToken(c.get('op'), id));
    if ('page' in r) return r.page;
    return c.redirect('/admin/tokens?done=token-revoked', 303);
  });

  return { pages: app, api: writeApi(auth, actions) };
}

export { ADMIN_ASSETS };
