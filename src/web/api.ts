// api: the read-only JSON API under /api/v1 — articles, stories, sources, sections and
// search, with opaque cursors for paging — and its OpenAPI 3.1 document. Field names are
// camelCase; every list answers { items, nextCursor }; errors answer { error: { status, message } }.
import type { Context } from 'hono';
import type { StoredArticle } from '../store/index.ts';
import { relatedPosts, searchParams, storyLeads, storyTitle, parseIdSlug } from './pages.ts';
import {
  cardsByIds,
  decodeCursor,
  encodeCursor,
  listCards,
  listStories,
  MAX_STORY_ARTICLES,
  storyAggregate,
  type Card,
  type Cursor,
  type StoryAggregate,
} from './queries.ts';
import { paths, type Site, type SourceInfo } from './site.ts';
import { excerpt } from './text.ts';

export const DEFAULT_API_LIMIT = 20;
export const MAX_API_LIMIT = 100;

class ApiError extends Error {
  constructor(readonly status: 400 | 404, message: string) {
    super(message);
  }
}

function send(c: Context, data: unknown, status = 200): Response {
  c.header('Cache-Control', status === 200 ? 'public, max-age=60' : 'no-store');
  c.header('Access-Control-Allow-Origin', '*');
  return c.json(data as object, status as 200);
}

function limitParam(c: Context): number {
  const s = c.req.query('limit');
  if (s === undefined) return DEFAULT_API_LIMIT;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > MAX_API_LIMIT) throw new ApiError(400, `limit must be a whole number from 1 to ${MAX_API_LIMIT}`);
  return n;
}

function cursorParam(c: Context): Cursor | null {
  const s = c.req.query('cursor');
  if (!s) return null;
  const cur = decodeCursor(s);
  if (!cur) throw new ApiError(400, 'cursor is not valid: pass back the nextCursor of a previous answer unchanged');
  return cur;
}

function intParam(c: Context, name: string): number | null {
  const s = c.req.query(name);
  if (s === undefined || s === '') return null;
  if (!/^\d{1,15}$/.test(s)) throw new ApiError(400, `${name} must be a whole number (an id)`);
  return Number(s);
}

export interface ApiImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

export interface ApiArticle {
  id: number;
  title: string | null;
  url: string;
  originalUrl: string;
  outlet: string;
  sourceId: number | null;
  section: string | null;
  storyId: number | null;
  byline: string | null;
  publishedAt: string;
  excerpt: string;
  image: ApiImage | null;
}

export function apiArticle(origin: string, c: Card): ApiArticle {
  return {
    id: c.id,
    title: c.title,
    url: origin + paths.article(c.id, c.title),
    originalUrl: c.url,
    outlet: c.outlet,
    sourceId: c.sourceId,
    section: c.section,
    storyId: c.storyId,
    byline: c.byline,
    publishedAt: c.sortAt,
    excerpt: excerpt(c),
    image: c.image,
  };
}

async function apiStory(site: Site, origin: string, agg: StoryAggregate, lead: Card | undefined) {
  const title = lead?.title ?? (await storyTitle(site, agg.id));
  return {
    id: agg.id,
    title,
    url: origin + paths.story(agg.id, title),
    articleCount: agg.articles,
    outletCount: agg.outlets,
    firstReportAt: agg.firstAt,
    lastUpdateAt: agg.lastAt,
    leadArticleId: lead?.id ?? null,
  };
}

function apiSource(origin: string, s: SourceInfo) {
  return {
    id: s.source.id,
    name: s.name,
    url: s.source.url,
    kind: s.source.kind,
    section: s.source.section,
    displayMode: s.source.displayMode,
    state: s.source.state,
    articleCount: s.articles,
    lastSuccessAt: s.source.lastSuccessAt,
    page: origin + paths.source(s.source.id),
  };
}

function articleDetail(site: Site, origin: string, a: StoredArticle, card: Card, related: Card[]) {
  return {
    ...apiArticle(origin, card),
    authors: a.authors,
    modifiedAt: a.modifiedAt,
    lang: a.lang,
    wordCount: a.wordCount,
    displayMode: card.displayMode,
    // The full text only where the source is republished in full.
    contentHtml: card.displayMode === 'full' ? a.html : null,
    related: related.map((r) => apiArticle(origin, r)),
  };
}

/** Runs an API handler, turning ApiError into its JSON answer. */
export async function apiRoute(c: Context, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) return send(c, { error: { status: err.status, message: err.message } }, err.status);
    throw err;
  }
}

export function apiNotFound(c: Context, message = 'no such resource: see /api/openapi.json for the routes'): Response {
  return send(c, { error: { status: 404, message } }, 404);
}

export const api = {
  async articles(site: Site, c: Context): Promise<Response> {
    const origin = site.origin(c.req.url);
    const { cards, next } = await listCards(site.db, {
      limit: limitParam(c),
      cursor: cursorParam(c),
      section: c.req.query('section') || null,
      sourceId: intParam(c, 'source'),
      storyId: intParam(c, 'story'),
    });
    return send(c, { items: cards.map((x) => apiArticle(origin, x)), nextCursor: next ? encodeCursor(next) : null });
  },

  async article(site: Site, c: Context): Promise<Response> {
    const id = parseIdSlug(c.req.param('id'));
    const a = id === null ? null : await site.store.getArticle(id);
    const card = a && !a.hidden ? (await cardsByIds(site.db, [a.id]))[0] : undefined;
    if (!a || !card) throw new ApiError(404, `no article with id ${c.req.param('id')}`);
    const related = await relatedPosts(site, a);
    return send(c, articleDetail(site, site.origin(c.req.url), a, card, related));
  },

  async stories(site: Site, c: Context): Promise<Response> {
    const origin = site.origin(c.req.url);
    const { stories, next } = await listStories(site.db, limitParam(c), cursorParam(c));
    const leads = await storyLeads(site, stories.map((s) => s.id));
    const items = await Promise.all(stories.map((s) => apiStory(site, origin, s, leads.get(s.id))));
    return send(c, { items, nextCursor: next ? encodeCursor(next) : null });
  },

  async story(site: Site, c: Context): Promise<Response> {
    const id = parseIdSlug(c.req.param('id'));
    const agg = id === null ? null : await storyAggregate(site.db, id);
    if (!agg || id === null) throw new ApiError(404, `no story with id ${c.req.param('id')}`);
    const origin = site.origin(c.req.url);
    const [leads, { cards }] = await Promise.all([storyLeads(site, [id]), listCards(site.db, { storyId: id, ascending: true, limit: MAX_STORY_ARTICLES })]);
    return send(c, { ...(await apiStory(site, origin, agg, leads.get(id))), articles: cards.map((x) => apiArticle(origin, x)) });
  },

  async sources(site: Site, c: Context): Promise<Response> {
    const origin = site.origin(c.req.url);
    const items = [...(await site.sources()).values()].map((s) => apiSource(origin, s));
    return send(c, { items, nextCursor: null });
  },

  async source(site: Site, c: Context): Promise<Response> {
    const id = parseIdSlug(c.req.param('id'));
    const s = id === null ? undefined : (await site.sources()).get(id);
    if (!s) throw new ApiError(404, `no source with id ${c.req.param('id')}`);
    return send(c, apiSource(site.origin(c.req.url), s));
  },

  async sections(site: Site, c: Context): Promise<Response> {
    const origin = site.origin(c.req.url);
    const items = (await site.sections()).map((s) => ({ name: s.name, articleCount: s.articles, lastUpdateAt: s.lastAt, url: origin + paths.section(s.name) }));
    return send(c, { items, nextCursor: null });
  },

  async search(site: Site, c: Context): Promise<Response> {
    const p = searchParams(c);
    if (typeof p === 'string') throw new ApiError(400, p);
    if (!p.q.trim()) throw new ApiError(400, 'q is required: the words to search for');
    const limit = limitParam(c);
    const cur = c.req.query('cursor');
    let offset = 0;
    if (cur) {
      const m = /^o(\d{1,7})$/.exec(Buffer.from(cur, 'base64url').toString('utf8'));
      if (!m) throw new ApiError(400, 'cursor is not valid: pass back the nextCursor of a previous answer unchanged');
      offset = Number(m[1]);
    }
    const result = await site.store.search(p.q, { limit, offset, section: p.section, sourceId: p.sourceId, since: p.since, until: p.until });
    const origin = site.origin(c.req.url);
    const cards = new Map((await cardsByIds(site.db, result.hits.map((h) => h.articleId))).map((x) => [x.id, x]));
    const items = result.hits.flatMap((h) => {
      const card = cards.get(h.articleId);
      return card ? [{ ...apiArticle(origin, card), snippetHtml: h.snippet, rank: h.rank }] : [];
    });
    const nextOffset = offset + result.hits.length;
    const nextCursor = result.hits.length > 0 && nextOffset < result.total ? Buffer.from(`o${nextOffset}`).toString('base64url') : null;
    return send(c, { query: result.query, total: result.total, items, nextCursor });
  },
};

// ---------------------------------------------------------------- OpenAPI

const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: ref(item) }, nextCursor: { ...nullable('string'), description: 'Pass as `cursor` for the next page; null on the last page.' } },
});
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_API_LIMIT, default: DEFAULT_API_LIMIT } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The `nextCursor` of the previous page.' },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const errors = {
  '400': { description: 'A parameter is wrong; the message says which.', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'No such resource.', content: { 'application/json': { schema: ref('Error') } } },
};
const ok = (schema: object, description: string) => ({ '200': { description, content: { 'application/json': { schema } } }, ...errors });

/** The OpenAPI 3.1 document served at /api/openapi.json. */
export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Newsdesk API', version: '1.0.0', description: 'Read-only access to the articles, stories, sources and sections this site publishes. Lists are paged with opaque cursors.' },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      '/articles': {
        get: {
          summary: 'Articles, newest first',
          parameters: [
            ...pageParams,
            { name: 'section', in: 'query', schema: { type: 'string' } },
            { name: 'source', in: 'query', schema: { type: 'integer' }, description: 'A source id.' },
            { name: 'story', in: 'query', schema: { type: 'integer' }, description: 'A story id.' },
          ],
          responses: ok(list('Article'), 'A page of articles.'),
        },
      },
      '/articles/{id}': { get: { summary: 'One article with its related posts', parameters: [idParam], responses: ok(ref('ArticleDetail'), 'The article.') } },
      '/stories': { get: { summary: 'Stories, most recently updated first', parameters: pageParams, responses: ok(list('Story'), 'A page of stories.') } },
      '/stories/{id}': { get: { summary: 'One story with its articles in time order', parameters: [idParam], responses: ok(ref('StoryDetail'), 'The story.') } },
      '/sources': { get: { summary: 'Every source followed', responses: ok(list('Source'), 'The sources.') } },
      '/sources/{id}': { get: { summary: 'One source', parameters: [idParam], responses: ok(ref('Source'), 'The source.') } },
      '/sections': { get: { summary: 'Sections with articles, largest first', responses: ok(list('Section'), 'The sections.') } },
      '/search': {
        get: {
          summary: 'Full-text search, best first',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string' }, description: 'Words; "quoted phrases" and -excluded words work.' },
            ...pageParams,
            { name: 'section', in: 'query', schema: { type: 'string' } },
            { name: 'source', in: 'query', schema: { type: 'integer' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'Inclusive.' },
          ],
          responses: ok(ref('SearchResult'), 'Matching articles.'),
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['status', 'message'], properties: { status: { type: 'integer' }, message: { type: 'string' } } } },
        },
        Image: {
          type: 'object',
          required: ['url', 'width', 'height', 'alt', 'caption', 'credit'],
          properties: { url: { type: 'string' }, width: nullable('integer'), height: nullable('integer'), alt: nullable('string'), caption: nullable('string'), credit: nullable('string') },
        },
        Article: {
          type: 'object',
          required: ['id', 'title', 'url', 'originalUrl', 'outlet', 'sourceId', 'section', 'storyId', 'byline', 'publishedAt', 'excerpt', 'image'],
          properties: {
            id: { type: 'integer' },
            title: nullable('string'),
            url: { type: 'string', description: 'The article page on this site.' },
            originalUrl: { type: 'string', description: 'The article at its outlet.' },
            outlet: { type: 'string' },
            sourceId: nullable('integer'),
            section: nullable('string'),
            storyId: nullable('integer'),
            byline: nullable('string'),
            publishedAt: { type: 'string', format: 'date-time' },
            excerpt: { type: 'string' },
            image: { oneOf: [ref('Image'), { type: 'null' }] },
          },
        },
        ArticleDetail: {
          allOf: [
            ref('Article'),
            {
              type: 'object',
              required: ['authors', 'modifiedAt', 'lang', 'wordCount', 'displayMode', 'contentHtml', 'related'],
              properties: {
                authors: { type: 'array', items: { type: 'string' } },
                modifiedAt: nullable('string'),
                lang: nullable('string'),
                wordCount: { type: 'integer' },
                displayMode: { type: 'string', enum: ['excerpt', 'full'] },
                contentHtml: { ...nullable('string'), description: 'Sanitized article HTML, only for sources republished in full.' },
                related: { type: 'array', items: ref('Article') },
              },
            },
          ],
        },
        Story: {
          type: 'object',
          required: ['id', 'title', 'url', 'articleCount', 'outletCount', 'firstReportAt', 'lastUpdateAt', 'leadArticleId'],
          properties: {
            id: { type: 'integer' },
            title: nullable('string'),
            url: { type: 'string' },
            articleCount: { type: 'integer' },
            outletCount: { type: 'integer' },
            firstReportAt: { type: 'string', format: 'date-time' },
            lastUpdateAt: { type: 'string', format: 'date-time' },
            leadArticleId: nullable('integer'),
          },
        },
        StoryDetail: {
          allOf: [ref('Story'), { type: 'object', required: ['articles'], properties: { articles: { type: 'array', items: ref('Article') } } }],
        },
        Source: {
          type: 'object',
          required: ['id', 'name', 'url', 'kind', 'section', 'displayMode', 'state', 'articleCount', 'lastSuccessAt', 'page'],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            url: { type: 'string', description: 'The feed or page followed.' },
            kind: { type: 'string', enum: ['feed', 'sitemap', 'section', 'json'] },
            section: nullable('string'),
            displayMode: { type: 'string', enum: ['excerpt', 'full'] },
            state: { type: 'string', enum: ['active', 'paused', 'gone'] },
            articleCount: { type: 'integer' },
            lastSuccessAt: nullable('string'),
            page: { type: 'string' },
          },
        },
        Section: {
          type: 'object',
          required: ['name', 'articleCount', 'lastUpdateAt', 'url'],
          properties: { name: { type: 'string' }, articleCount: { type: 'integer' }, lastUpdateAt: { type: 'string' }, url: { type: 'string' } },
        },
        SearchResult: {
          type: 'object',
          required: ['query', 'total', 'items', 'nextCursor'],
          properties: {
            query: { type: 'string', description: 'The query as understood.' },
            total: { type: 'integer' },
            items: {
              type: 'array',
              items: {
                allOf: [
                  ref('Article'),
                  { type: 'object', required: ['snippetHtml', 'rank'], properties: { snippetHtml: { type: 'string', description: 'Escaped text with <mark> around matches.' }, rank: { type: 'number' } } },
                ],
              },
            },
            nextCursor: nullable('string'),
          },
        },
      },
    },
  };
}
