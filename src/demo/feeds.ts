// demo/feeds: the feeds, sitemaps, OPML list and robots.txt the demo outlets serve.
//
// Each format is written the way real publishers write it, quirks included: RSS with
// tracking parameters on links and full content in content:encoded, Atom with xml:base and
// relative links, RDF with Dublin Core dates, JSON Feed 1.1, and a Google News sitemap.
import type { DemoArticle } from './article.ts';
import type { FeedSpec, Group, Outlet } from './outlets.ts';
import { esc, type Site } from './pages.ts';

/** Tracking parameters some outlets add to feed links. */
const UTM = 'utm_source=rss&utm_medium=feed&utm_campaign=newsdesk-demo';

const abs = (site: Site, path: string): string => site.base + path;
function itemLink(site: Site, a: DemoArticle): string {
  const u = abs(site, a.path);
  return site.outlet.utm ? `${u}?${UTM}` : u;
}

/** The article body as simple HTML (for content:encoded and content_html). */
function bodyHtml(a: DemoArticle): string {
  return a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
}

/** XML text: escapes markup and drops characters XML 1.0 forbids. */
function x(s: string): string {
  // eslint-disable-next-line no-control-regex
  return esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

function title(site: Site, spec: FeedSpec): string {
  return spec.section ? `${site.outlet.name} – ${spec.section.charAt(0).toUpperCase()}${spec.section.slice(1)}` : site.outlet.name;
}

/** Renders one feed of an outlet with the given items (newest first). */
export function renderFeed(site: Site, spec: FeedSpec, items: DemoArticle[], now: Date): { body: string; type: string } {
  switch (spec.format) {
    case 'rss': return { body: rss(site, spec, items, now), type: 'application/rss+xml; charset=utf-8' };
    case 'atom': return { body: atom(site, spec, items, now), type: 'application/atom+xml; charset=utf-8' };
    case 'rdf': return { body: rdf(site, spec, items), type: 'application/rdf+xml; charset=utf-8' };
    case 'json': return { body: jsonFeed(site, spec, items), type: 'application/feed+json; charset=utf-8' };
    case 'sitemap': return { body: newsSitemap(site, items), type: 'application/xml; charset=utf-8' };
  }
}

function rss(site: Site, spec: FeedSpec, items: DemoArticle[], now: Date): string {
  const o = site.outlet;
  const entries = items.map((a) => {
    const guid = o.agency ? `<guid isPermaLink="false">${o.slug}:${a.index}</guid>` : `<guid isPermaLink="true">${x(abs(site, a.path))}</guid>`;
    return `<item>
<title>${x(a.headline)}</title>
<link>${x(itemLink(site, a))}</link>
${guid}
<pubDate>${a.publishedAt.toUTCString().replace('GMT', '+0000')}</pubDate>
${a.authors.map((n) => `<dc:creator>${x(n)}</dc:creator>`).join('')}
<description>${x(a.standfirst)}</description>
<category>${x(a.section)}</category>${a.tags.map((t) => `<category>${x(t)}</category>`).join('')}
<media:content url="${x(abs(site, a.image.path))}" medium="image" type="image/png" width="${a.image.width}" height="${a.image.height}"><media:description>${x(a.image.caption)}</media:description></media:content>
${o.contentInFeed ? `<content:encoded><![CDATA[${bodyHtml(a).replace(/]]>/g, ']]]]><![CDATA[>')}]]></content:encoded>` : ''}
</item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>${x(title(site, spec))}</title>
<link>${x(abs(site, '/'))}</link>
<atom:link href="${x(abs(site, spec.path))}" rel="self" type="application/rss+xml"/>
<description>${x(o.tagline)}</description>
<language>en</language>
<lastBuildDate>${now.toUTCString()}</lastBuildDate>
<ttl>15</ttl>
${entries}
</channel>
</rss>
`;
}

function atom(site: Site, spec: FeedSpec, items: DemoArticle[], now: Date): string {
  const o = site.outlet;
  // Signal-Street-style feeds use xml:base with relative links, which readers must resolve.
  const relative = o.template === 'magazine';
  const link = (a: DemoArticle): string => (relative ? a.path.replace(/^\//, '') : itemLink(site, a));
  const updated = items.reduce((m, a) => (a.modifiedAt > m ? a.modifiedAt : m), items[0]?.modifiedAt ?? now);
  const entries = items.map((a) => `<entry>
<id>tag:${o.slug}.demo,${a.publishedAt.toISOString().slice(0, 10)}:${a.index}</id>
<title type="text">${x(a.headline)}</title>
<link rel="alternate" type="text/html" href="${x(link(a))}"/>
<published>${a.publishedAt.toISOString()}</published>
<updated>${a.modifiedAt.toISOString()}</updated>
${a.authors.map((n) => `<author><name>${x(n)}</name></author>`).join('')}
<summary type="html">${x(`<p>${esc(a.standfirst)}</p>`)}</summary>
<category term="${x(a.section)}"/>
<link rel="enclosure" type="image/png" href="${x(relative ? a.image.path.replace(/^\//, '') : abs(site, a.image.path))}"/>
</entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"${relative ? ` xml:base="${x(abs(site, '/'))}"` : ''}>
<id>${x(abs(site, spec.path))}</id>
<title>${x(title(site, spec))}</title>
<subtitle>${x(o.tagline)}</subtitle>
<updated>${updated.toISOString()}</updated>
<link rel="self" href="${x(abs(site, spec.path))}"/>
<link rel="alternate" type="text/html" href="${x(abs(site, '/'))}"/>
<generator>Newsdesk demo newsroom</generator>
${entries}
</feed>
`;
}

function rdf(site: Site, spec: FeedSpec, items: DemoArticle[]): string {
  const seq = items.map((a) => `<rdf:li rdf:resource="${x(abs(site, a.path))}"/>`).join('');
  const entries = items.map((a) => `<item rdf:about="${x(abs(site, a.path))}">
<title>${x(a.headline)}</title>
<link>${x(itemLink(site, a))}</link>
<description>${x(a.standfirst)}</description>
<dc:date>${a.publishedAt.toISOString().replace('.000Z', '+00:00')}</dc:date>
${a.authors.map((n) => `<dc:creator>${x(n)}</dc:creator>`).join('')}
<dc:subject>${x(a.section)}</dc:subject>
</item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${x(abs(site, spec.path))}">
<title>${x(title(site, spec))}</title>
<link>${x(abs(site, '/'))}</link>
<description>${x(site.outlet.tagline)}</description>
<items><rdf:Seq>${seq}</rdf:Seq></items>
</channel>
${entries}
</rdf:RDF>
`;
}

function jsonFeed(site: Site, spec: FeedSpec, items: DemoArticle[]): string {
  const o = site.outlet;
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title: title(site, spec), home_page_url: abs(site, '/'), feed_url: abs(site, spec.path),
    description: o.tagline, language: 'en',
    items: items.map((a) => ({
      id: `${o.slug}-${a.index}`, url: itemLink(site, a), title: a.headline, summary: a.standfirst,
      ...(o.contentInFeed ? { content_html: bodyHtml(a) } : { content_text: a.standfirst }),
      image: abs(site, a.image.path), date_published: a.publishedAt.toISOString(), date_modified: a.modifiedAt.toISOString(),
      authors: a.authors.map((name) => ({ name })), tags: [a.section, ...a.tags], language: 'en',
    })),
  }, null, 1);
}

function newsSitemap(site: Site, items: DemoArticle[]): string {
  const o = site.outlet;
  const urls = items.map((a) => `<url>
<loc>${x(abs(site, a.path))}</loc>
<lastmod>${a.modifiedAt.toISOString()}</lastmod>
<news:news><news:publication><news:name>${x(o.name)}</news:name><news:language>en</news:language></news:publication>
<news:publication_date>${a.publishedAt.toISOString()}</news:publication_date><news:title>${x(a.headline)}</news:title><news:keywords>${x(a.tags.join(', '))}</news:keywords></news:news>
<image:image><image:loc>${x(abs(site, a.image.path))}</image:loc></image:image>
</url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
${urls}
</urlset>
`;
}

/** robots.txt of one outlet; `prefix` is the outlet's path prefix in single-host mode. */
export function robotsRules(o: Outlet, prefix: string, crawlDelay: number): string {
  const lines = o.robotsDisallow.map((p) => `Disallow: ${prefix}${p}`);
  if (o.crawlDelay && crawlDelay > 0) lines.push(`Crawl-delay: ${crawlDelay}`);
  return lines.join('\n');
}

/** An OPML 2.0 list of all outlets, nested by group. */
export function renderOpml(sites: Site[], now: Date): string {
  const groups = new Map<Group, Site[]>();
  for (const s of sites) groups.set(s.outlet.group, [...(groups.get(s.outlet.group) ?? []), s]);
  const outline = (s: Site): string => {
    const main = s.feeds.find((f) => !f.section && f.format !== 'sitemap') ?? s.feeds.find((f) => !f.section);
    const o = s.outlet;
    if (!main) return `<outline text="${x(o.name)}" title="${x(o.name)}" type="link" url="${x(abs(s, '/'))}" htmlUrl="${x(abs(s, '/'))}"/>`;
    const type = main.format === 'sitemap' ? 'sitemap' : 'rss';
    return `<outline text="${x(o.name)}" title="${x(o.name)}" type="${type}" xmlUrl="${x(abs(s, main.path))}" htmlUrl="${x(abs(s, '/'))}"/>`;
  };
  const body = [...groups].map(([g, list]) => `<outline text="${x(g)}" title="${x(g)}">\n${list.map(outline).join('\n')}\n</outline>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head><title>Newsdesk demo newsroom</title><dateCreated>${now.toUTCString()}</dateCreated></head>
<body>
${body}
</body>
</opml>
`;
}
