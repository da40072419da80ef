// api (admin): the write API under /api/v1 — sources and moderation for programs. A request
// needs `Authorization: Bearer <token>` (`newsdesk admin token create`), or a browser session
// plus the session's CSRF token in `X-CSRF-Token`. Bodies and answers are JSON; errors are
// `{ "error": { "status", "message" } }` like the read API's.
import { Hono, type Context } from 'hono';
import type { NewSource, SourcePatch } from '../../store/index.ts';
import { ActionError, type AdminActions } from './actions.ts';
import type { AdminAuth, Operator } from './auth.ts';

type Env = { Variables: { op: Operator } };

function apiError(c: Context, status: 400 | 401 | 403 | 404 | 409 | 415, message: string): Response {
  return c.json({ error: { status, message } }, status);
}

function idOf(c: Context): number | null {
  const v = c.req.param('id');
  return v && /^\d{1,10}$/.test(v) ? Number(v) : null;
}

const SOURCE_FIELDS = ['url', 'kind', 'name', 'section', 'displayMode', 'urlPattern', 'useFeedContent', 'minIntervalSeconds', 'maxIntervalSeconds', 'extractionRule'] as const;

/** Only the fields a source takes, so a typo is an error rather than silently ignored. */
function sourceBody(body: Record<string, unknown>): Partial<NewSource> {
  const unknown = Object.keys(body).filter((k) => !(SOURCE_FIELDS as readonly string[]).includes(k));
  if (unknown.length) throw new ActionError(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; a source takes ${SOURCE_FIELDS.join(', ')}`);
  return body as Partial<NewSource>;
}

export function writeApi(auth: AdminAuth, actions: AdminActions): Hono<Env> {
  const api = new Hono<Env>();

  api.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const op = (await auth.fromToken(c)) ?? (await auth.fromSession(c));
    if (!op) {
      c.header('WWW-Authenticate', 'Bearer realm="newsdesk"');
      return apiError(c, 401, 'send Authorization: Bearer <token> (make one with `newsdesk admin token create`)');
    }
    if (!auth.csrfOk(c, op, c.req.header('x-csrf-token'))) return apiError(c, 403, 'a browser session must send its CSRF token in X-CSRF-Token');
    c.set('op', op);
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Hono hands errors thrown by a handler to the app's error page, not back to middleware:
  // each handler turns the operator's mistakes into 4xx answers itself.
  type Handler = (c: Context<Env>) => Promise<Response>;
  const h = (fn: Handler): Handler => async (c) => {
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof ActionError) return apiError(c, err.status, err.message);
      throw err;
    }
  };

  const json = async (c: Context): Promise<Record<string, unknown>> => {
    if (!(c.req.header('content-type') ?? '').includes('application/json')) throw new ActionError('send a JSON body with Content-Type: application/json');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ActionError('the body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ActionError('the body must be a JSON object');
    return body as Record<string, unknown>;
  };
  const mustId = (c: Context): number => {
    const id = idOf(c);
    if (id === null) throw new ActionError('the id must be a positive whole number', 404);
    return id;
  };

  api.post('/sources', h(async (c) => {
    const body = sourceBody(await json(c));
    if (typeof body.url !== 'string' || !/^https?:\/\//i.test(body.url)) throw new ActionError('url is required and must start with http:// or https://');
    const r = await actions.addSource(c.get('op'), body as NewSource);
    return c.json({ source: r.source, created: r.created }, r.created ? 201 : 200);
  }));
  api.patch('/sources/:id', h(async (c) => {
    const s = await actions.updateSource(c.get('op'), mustId(c), sourceBody(await json(c)) as SourcePatch);
    return c.json({ source: s });
  }));
  api.delete('/sources/:id', h(async (c) => {
    await actions.removeSource(c.get('op'), mustId(c));
    return c.body(null, 204);
  }));
  api.post('/sources/:id/pause', h(async (c) => c.json({ source: await actions.updateSource(c.get('op'), mustId(c), { state: 'paused' }) })));
  api.post('/sources/:id/resume', h(async (c) => c.json({ source: await actions.updateSource(c.get('op'), mustId(c), { state: 'active' }) })));

  api.post('/articles/:id/hide', h(async (c) => {
    await actions.setArticleHidden(c.get('op'), mustId(c), true);
    return c.json({ id: mustId(c), hidden: true });
  }));
  api.post('/articles/:id/show', h(async (c) => {
    await actions.setArticleHidden(c.get('op'), mustId(c), false);
    return c.json({ id: mustId(c), hidden: false });
  }));
  api.patch('/articles/:id', h(async (c) => {
    const body = await json(c);
    const patch: { title?: string; section?: string } = {};
    for (const k of Object.keys(body)) {
      if (k !== 'title' && k !== 'section') throw new ActionError(`unknown field ${k}; an article takes title and section`);
      if (typeof body[k] !== 'string') throw new ActionError(`${k} must be a string`);
      patch[k] = body[k] as string;
    }
    await actions.correctArticle(c.get('op'), mustId(c), patch);
    return c.json({ id: mustId(c), ...patch });
  }));

  api.post('/stories/:id/:action{hide|show|pin|unpin}', h(async (c) => {
    const id = mustId(c);
    const action = c.req.param('action');
    if (action === 'hide' || action === 'show') await actions.setStoryHidden(c.get('op'), id, action === 'hide');
    else await actions.setStoryPinned(c.get('op'), id, action === 'pin');
    return c.json({ id, done: action });
  }));
  api.post('/stories/:id/merge', h(async (c) => {
    const body = await json(c);
    if (!Number.isInteger(body.into)) throw new ActionError('into (the story to merge into) is required');
    const into = await actions.mergeStories(c.get('op'), mustId(c), body.into as number);
    return c.json({ id: mustId(c), mergedInto: into });
  }));
  api.post('/stories/:id/split', h(async (c) => {
    const body = await json(c);
    if (!Array.isArray(body.articles) || !body.articles.every((x) => Number.isInteger(x))) throw new ActionError('articles (a list of article ids) is required');
    const story = await actions.splitStory(c.get('op'), mustId(c), body.articles as number[]);
    return c.json({ id: mustId(c), newStory: story }, 201);
  }));
  api.patch('/stories/:id', h(async (c) => {
    const body = await json(c);
    if (!('title' in body) || (body.title !== null && typeof body.title !== 'string')) throw new ActionError('title (a string, or null to clear it) is required');
    await actions.setStoryTitle(c.get('op'), mustId(c), body.title as string | null);
    return c.json({ id: mustId(c), title: body.title });
  }));
  api.post('/audit/:id/undo', h(async (c) => {
    const e = await actions.undo(c.get('op'), mustId(c));
    return c.json({ undone: e.id, action: e.action });
  }));

  return api;
}
