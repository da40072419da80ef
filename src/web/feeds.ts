// feeds: what the site publishes for machines — RSS 2.0, Atom 1.0 and JSON Feed 1.1 for
// the home page, every section, story, source and search; the sitemap index with its
// chunks, a Google News sitemap, and robots.txt. Items link to our article pages and
// credit the original outlet in their content.
import type { Context } from 'hono';
import { cardsByIds, listCards, listSections, listStories, newsSitemapRows, sitemapChunk, sitemapCount, type Card } from './queries.ts';
import { paths, type Site } from './site.ts';
import { excerpt } from './text.ts';
import { escapeHtml } from './html.ts';
import { notFoundPage, parseIdSlug, searchParams, searchQueryString, storyTitle, badRequestPage } from './pages.ts';
import { storyAggregate } from './queries.ts';

/** Items in each feed. */
export const FEED_ITEMS = 30;
/** Article URLs per sitemap file (the protocol allows 50,000; smaller files are cheaper to build). */
export const SITEMAP_CHUNK = 10_000;
/** The Google News sitemap lists articles of the last two days, at most 1,000. */
const NEWS_SITEMAP_MS = 2 * 86_400_000;
const NEWS_SITEMAP_MAX = 1000;
/** Characters XML 1.0 does not allow, even escaped: stored text may carry them. */
const XML_INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FILES: Record<string, FeedFormat> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

/** Text for XML content and attributes. */
export function xml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return escapeHtml(String(text).replace(XML_INVALID_RE, ''));
}

export interface FeedDoc {
  title: string;
  description: string;
  /** Absolute URL of the page the feed follows. */
  pageUrl: string;
  /** Absolute URL of this feed. */
  selfUrl: string;
  items: Card[];
}

function itemHtml(origin: string, c: Card): string {
  const text = excerpt(c, 400);
  return `${text ? `<p>${escapeHtml(text)}</p>` : ''}<p>Source: <a href="${escapeHtml(c.url)}">${escapeHtml(c.outlet)}</a> · <a href="${escapeHtml(origin + paths.article(c.id, c.title))}">Read on this site</a></p>`;
}

function updatedOf(items: readonly Card[]): string {
  let best = '';
  for (const c of items) {
    const t = c.modifiedAt && c.modifiedAt > c.sortAt ? c.modifiedAt : c.sortAt;
    if (t > best) best = t;
  }
  return best || new Date(0).toISOString();
}

export function rss(origin: string, f: FeedDoc): string {
  const items = f.items.map((c) => {
    const link = origin + paths.article(c.id, c.title);
    return `<item>
<title>${xml(c.title ?? 'Untitled')}</title>
<link>${xml(link)}</link>
<guid isPermaLink="true">${xml(link)}</guid>
<pubDate>${new Date(c.sortAt).toUTCString()}</pubDate>
${c.byline ? `<dc:creator>${xml(c.byline)}</dc:creator>\n` : ''}${c.section ? `<category>${xml(c.section)}</category>\n` : ''}<description>${xml(itemHtml(origin, c))}</description>
${c.sourceUrl ? `<source url="${xml(c.sourceUrl)}">${xml(c.outlet)}</source>\n` : ''}${c.image ? `<media:content url="${xml(c.image.url)}" medium="image"${c.image.width ? ` width="${c.image.width}"` : ''}${c.image.height ? ` height="${c.image.height}"` : ''}/>\n` : ''}</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>${xml(f.title)}</title>
<link>${xml(f.pageUrl)}</link>
<description>${xml(f.description)}</description>
<atom:link href="${xml(f.selfUrl)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${new Date(updatedOf(f.items)).toUTCString()}</lastBuildDate>
<generator>Newsdesk</generator>
${items.join('\n')}
</channel>
</rss>
`;
}

export function atom(origin: string, f: FeedDoc): string {
  const entries = f.items.map((c) => {
    const link = origin + paths.article(c.id, c.title);
    const updated = c.modifiedAt && c.modifiedAt > c.sortAt ? c.modifiedAt : c.sortAt;
    const text = excerpt(c, 400);
    return `<entry>
<id>${xml(link)}</id>
<title type="text">${xml(c.title ?? 'Untitled')}</title>
<link rel="alternate" type="text/html" href="${xml(link)}"/>
<link rel="related" type="text/html" href="${xml(c.url)}"/>
<published>${xml(c.sortAt)}</published>
<updated>${xml(updated)}</updated>
<author><name>${xml(c.byline ?? c.outlet)}</name></author>
${c.section ? `<category term="${xml(c.section)}"/>\n` : ''}${text ? `<summary type="text">${xml(text)}</summary>\n` : ''}<content type="html">${xml(itemHtml(origin, c))}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${xml(f.pageUrl)}</id>
<title type="text">${xml(f.title)}</title>
<subtitle type="text">${xml(f.description)}</subtitle>
<link rel="alternate" type="text/html" href="${xml(f.pageUrl)}"/>
<link rel="self" type="application/atom+xml" href="${xml(f.selfUrl)}"/>
<updated>${xml(updatedOf(f.items))}</updated>
<generator>Newsdesk</generator>
${entries.join('\n')}
</feed>
`;
}

export function jsonFeed(origin: string, f: FeedDoc): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: f.title,
    description: f.description,
    home_page_url: f.pageUrl,
    feed_url: f.selfUrl,
    items: f.items.map((c) => {
      const link = origin + paths.article(c.id, c.title);
      const summary = excerpt(c, 400);
      return {
        id: link,
        url: link,
        external_url: c.url,
        title: c.title ?? 'Untitled',
        ...(summary ? { summary } : {}),
        content_html: itemHtml(origin, c),
        date_published: c.sortAt,
        ...(c.modifiedAt ? { date_modified: c.modifiedAt } : {}),
        authors: [{ name: c.byline ?? c.outlet }],
        ...(c.image ? { image: c.image.url } : {}),
        ...(c.section ? { tags: [c.section] } : {}),
        ...(c.lang ? { language: c.lang } : {}),
      };
    }),
  });
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

function send(c: Context, body: string, type: string, maxAge = 300): Response {
  c.header('Content-Type', type);
  c.header('Cache-Control', `public, max-age=${maxAge}`);
  c.header('Access-Control-Allow-Origin', '*');
  return c.body(body, 200);
}

function render(format: FeedFormat, origin: string, f: FeedDoc): string {
  return format === 'rss' ? rss(origin, f) : format === 'atom' ? atom(origin, f) : jsonFeed(origin, f);
}

/**
 * Serves a feed for any page that has one. `scope` is "home", "section", "story", "source"
 * or "search"; the route gives the format from the file name (rss.xml, atom.xml, feed.json).
 */
export async function feedHandler(site: Site, c: Context, scope: 'home' | 'section' | 'story' | 'source' | 'search', file: string): Promise<Response> {
  const format = FEED_FILES[file];
  if (!format) return notFoundPage(site, c, 'feed');
  const origin = site.origin(c.req.url);
  const self = origin + new URL(c.req.url).pathname + (scope === 'search' ? new URL(c.req.url).search : '');
  let doc: FeedDoc;
  switch (scope) {
    case 'home':
      doc = { title: site.name, description: `The latest articles on ${site.name}.`, pageUrl: origin + '/', selfUrl: self, items: (await listCards(site.db, { limit: FEED_ITEMS })).cards };
      break;
    case 'section': {
      const name = c.req.param('name') ?? '';
      if (!(await site.sections()).some((s) => s.name === name)) return notFoundPage(site, c, 'section');
      doc = { title: `${name} — ${site.name}`, description: `The latest ${name} articles on ${site.name}.`, pageUrl: origin + paths.section(name), selfUrl: self, items: (await listCards(site.db, { section: name, limit: FEED_ITEMS })).cards };
      break;
    }
    case 'source': {
      const id = parseIdSlug(c.req.param('id'));
      const info = id === null ? undefined : (await site.sources()).get(id);
      if (!info || id === null) return notFoundPage(site, c, 'source');
      doc = { title: `${info.name} — ${site.name}`, description: `Articles from ${info.name} on ${site.name}.`, pageUrl: origin + paths.source(id), selfUrl: self, items: (await listCards(site.db, { sourceId: id, limit: FEED_ITEMS })).cards };
      break;
    }
    case 'story': {
      const id = parseIdSlug(c.req.param('idslug'));
      if (id === null || !(await storyAggregate(site.db, id))) return notFoundPage(site, c, 'story');
      const title = await storyTitle(site, id);
      doc = { title: `${title ?? 'Story'} — ${site.name}`, description: `Every outlet's coverage of this story on ${site.name}.`, pageUrl: origin + paths.story(id, title), selfUrl: self, items: (await listCards(site.db, { storyId: id, limit: FEED_ITEMS })).cards };
      break;
    }
    case 'search': {
      const p = searchParams(c);
      if (typeof p === 'string') return badRequestPage(site, c, p);
      const result = p.q.trim() ? await site.store.search(p.q, { limit: FEED_ITEMS, section: p.section, sourceId: p.sourceId, since: p.since, until: p.until }) : null;
      const items = result ? await cardsByIds(site.db, result.hits.map((h) => h.articleId)) : [];
      doc = { title: `Search “${p.q}” — ${site.name}`, description: `Articles matching “${p.q}” on ${site.name}.`, pageUrl: `${origin}/search?${searchQueryString(p)}`, selfUrl: self, items };
      break;
    }
  }
  return send(c, render(format, origin, doc), CONTENT_TYPES[format]);
}

// ---------------------------------------------------------------- sitemaps and robots

function urlset(urls: string[], news = false): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : ''}>
${urls.join('\n')}
</urlset>
`;
}

/** The sitemap index: the pages file, the article chunks, the news sitemap. */
export async function sitemapIndex(site: Site, c: Context): Promise<Response> {
  const origin = site.origin(c.req.url);
  const chunks = Math.max(1, Math.ceil((await sitemapCount(site.db)) / SITEMAP_CHUNK));
  const files = [`${origin}/sitemaps/pages.xml`, ...Array.from({ length: chunks }, (_, i) => `${origin}/sitemaps/articles-${i + 1}.xml`), `${origin}/news-sitemap.xml`];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((f) => `<sitemap><loc>${xml(f)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
  return send(c, body, 'application/xml; charset=utf-8', 3600);
}

/** Home, sources, sections, source pages and recent stories. */
export async function sitemapPages(site: Site, c: Context): Promise<Response> {
  const origin = site.origin(c.req.url);
  const [sections, sources, { stories }] = await Promise.all([listSections(site.db), site.sources(), listStories(site.db, 1000, null)]);
  const titles = await Promise.all(stories.map((s) => storyTitle(site, s.id)));
  const urls = [
    `<url><loc>${xml(origin + '/')}</loc><changefreq>always</changefreq></url>`,
    `<url><loc>${xml(origin + '/sources')}</loc></url>`,
    ...sections.map((s) => `<url><loc>${xml(origin + paths.section(s.name))}</loc><lastmod>${xml(s.lastAt)}</lastmod></url>`),
    ...[...sources.keys()].map((id) => `<url><loc>${xml(origin + paths.source(id))}</loc></url>`),
    ...stories.map((s, i) => `<url><loc>${xml(origin + paths.story(s.id, titles[i] ?? null))}</loc><lastmod>${xml(s.lastAt)}</lastmod></url>`),
  ];
  return send(c, urlset(urls), 'application/xml; charset=utf-8', 3600);
}

/** One chunk of article pages (only self-canonical ones: full republication points to the original). */
export async function sitemapArticles(site: Site, c: Context): Promise<Response> {
  const m = /^articles-(\d{1,6})\.xml$/.exec(c.req.param('file') ?? '');
  if (!m || Number(m[1]) < 1) return notFoundPage(site, c, 'sitemap');
  const origin = site.origin(c.req.url);
  const rows = await sitemapChunk(site.db, (Number(m[1]) - 1) * SITEMAP_CHUNK, SITEMAP_CHUNK);
  if (rows.length === 0 && Number(m[1]) > 1) return notFoundPage(site, c, 'sitemap');
  const urls = rows.map((r) => `<url><loc>${xml(origin + paths.article(r.id, r.title))}</loc><lastmod>${xml(r.modifiedAt && r.modifiedAt > r.sortAt ? r.modifiedAt : r.sortAt)}</lastmod></url>`);
  return send(c, urlset(urls), 'application/xml; charset=utf-8', 3600);
}

/** Google News sitemap: the last two days' article pages with publication, language, date and title. */
export async function newsSitemap(site: Site, c: Context): Promise<Response> {
  const origin = site.origin(c.req.url);
  const rows = await newsSitemapRows(site.db, new Date(Date.now() - NEWS_SITEMAP_MS).toISOString(), NEWS_SITEMAP_MAX);
  const urls = rows.map(
    (r) => `<url><loc>${xml(origin + paths.article(r.id, r.title))}</loc><news:news><news:publication><news:name>${xml(site.name)}</news:name><news:language>${xml((r.lang ?? 'en').slice(0, 2).toLowerCase())}</news:language></news:publication><news:publication_date>${xml(r.publishedAt ?? r.sortAt)}</news:publication_date><news:title>${xml(r.title ?? 'Untitled')}</news:title></news:news></url>`,
  );
  return send(c, urlset(urls, true), 'application/xml; charset=utf-8', 600);
}

export function robotsTxt(site: Site, c: Context): Response {
  const origin = site.origin(c.req.url);
  const body = `# ${site.name}
User-agent: *
Allow: /
Disallow: /api/
Disallow: /search
Disallow: /admin

Sitemap: ${origin}/sitemap.xml
Sitemap: ${origin}/news-sitemap.xml
`;
  return send(c, body, 'text/plain; charset=utf-8', 3600);
}
