// layout: the page shell (head, header with sections and search, footer) and the pieces
// pages share — article cards, dates in <time>, lead figures, pagers. Everything goes
// through the escaping `html` tag.
import { html, join, type Html, type HtmlValue } from './html.ts';
import type { Card } from './queries.ts';
import { ASSETS, paths, type Site } from './site.ts';
import { excerpt, longDate, shortDate } from './text.ts';

export interface FeedLinks {
  /** Path without extension: "/section/World" gives /section/World/rss.xml, atom.xml, feed.json. */
  base: string;
  title: string;
  /** Query string carried into the feed URLs (search). */
  query?: string;
}

export interface PageMeta {
  title: string;
  description?: string | null;
  /** Absolute canonical URL. */
  canonical?: string | null;
  feeds?: FeedLinks | null;
  /** Extra tags in <head> (OpenGraph, JSON-LD …). */
  head?: Html;
  /** Ask search engines not to index (search results, error pages). */
  noindex?: boolean;
  lang?: string | null;
  /** The section to mark as current in the navigation. */
  currentSection?: string | null;
}

/** Feed URLs under a base path. */
export function feedUrls(f: FeedLinks): { rss: string; atom: string; json: string } {
  const base = f.base === '/' ? '' : f.base;
  const q = f.query ? `?${f.query}` : '';
  return { rss: `${base}/rss.xml${q}`, atom: `${base}/atom.xml${q}`, json: `${base}/feed.json${q}` };
}

/** The whole page around `main`. */
export async function page(site: Site, meta: PageMeta, main: Html): Promise<string> {
  const sections = await site.sections();
  const feeds = meta.feeds ? feedUrls(meta.feeds) : null;
  const title = meta.title === site.name ? site.name : `${meta.title} — ${site.name}`;
  const lang = meta.lang && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(meta.lang) ? meta.lang : 'en';
  // The header: name and search on one line, the sections on a row of their own below
  // (in the same order in the markup, so tab order follows what the eye sees).
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSETS.css.path}">
${feeds && meta.feeds
    ? html`<link rel="alternate" type="application/rss+xml" title="${meta.feeds.title} (RSS)" href="${feeds.rss}">
<link rel="alternate" type="application/atom+xml" title="${meta.feeds.title} (Atom)" href="${feeds.atom}">
<link rel="alternate" type="application/feed+json" title="${meta.feeds.title} (JSON Feed)" href="${feeds.json}">`
    : ''}
<script src="${ASSETS.js.path}" defer></script>
${meta.head ?? ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="/">${site.name}</a>
<form class="search-form" role="search" aria-label="Site search" action="/search" method="get">
<label class="vh" for="site-q">Search articles</label>
<input type="search" id="site-q" name="q" placeholder="Search" required>
<button type="submit">Search</button>
</form>
<nav class="site-nav" aria-label="Sections"><ul>
${sections.slice(0, 10).map((s) => html`<li><a href="${paths.section(s.name)}"${s.name === meta.currentSection ? html` aria-current="page"` : ''}>${s.name}</a></li>`)}
</ul></nav>
</div></header>
<main id="main" class="wrap">
${main}
</main>
<footer class="site-footer"><div class="wrap">
<p>${site.name} republishes news with credit: every article links to its original outlet.
<a href="/sources">Sources</a> · <a href="/api/openapi.json">API</a> · <a href="/sitemap.xml">Sitemap</a></p>
${feeds ? html`<p class="feeds">Follow this page: <a href="${feeds.rss}">RSS</a> <a href="${feeds.atom}">Atom</a> <a href="${feeds.json}">JSON Feed</a></p>` : ''}
</div></footer>
</body>
</html>
`.value;
}

/** A date in a <time> element: UTC text from the server, machine-readable datetime, localised by site.js. */
export function timeTag(isoDate: string | null | undefined, long = false): Html {
  if (!isoDate) return html``;
  const text = long ? longDate(isoDate) : shortDate(isoDate);
  return text ? html`<time datetime="${isoDate}" data-local>${text}</time>` : html``;
}

/** An image with its size set and lazy loading (the lead image of the first card is eager). */
export function img(image: { url: string; width: number | null; height: number | null; alt: string | null }, opts: { eager?: boolean; alt?: string } = {}): Html {
  const alt = image.alt ?? opts.alt ?? '';
  // Without a known size, reserve a 16:9 box so the page does not jump when it loads.
  const w = image.width ?? 1200;
  const h = image.height ?? Math.round((w * 9) / 16);
  return html`<img src="${image.url}" alt="${alt}" width="${w}" height="${h}" loading="${opts.eager ? 'eager' : 'lazy'}" decoding="async" referrerpolicy="no-referrer">`;
}

export interface CardOptions {
  /** Show the image (default true). */
  image?: boolean;
  eager?: boolean;
  /** Extra line under the outlet (e.g. "7 outlets"). */
  extra?: HtmlValue;
  heading?: 'h2' | 'h3';
  /** Link the card to this path instead of the article page (story cards). */
  href?: string;
}

/** An article card: image, headline, outlet and date, clean excerpt. */
export function card(c: Card, o: CardOptions = {}): Html {
  const href = o.href ?? paths.article(c.id, c.title);
  const text = excerpt(c);
  const head = o.heading === 'h2' ? html`<h2><a href="${href}">${c.title ?? 'Untitled'}</a></h2>` : html`<h3><a href="${href}">${c.title ?? 'Untitled'}</a></h3>`;
  return html`<li class="card">
${o.image !== false && c.image ? img(c.image, { eager: o.eager ?? false }) : ''}
${c.section ? html`<span class="kicker">${c.section}</span>` : ''}
${head}
<p class="meta">${c.outlet} · ${timeTag(c.sortAt)}${o.extra ? html` · ${o.extra}` : ''}</p>
${text ? html`<p>${text}</p>` : ''}
</li>`;
}

export function cards(list: readonly Card[], o: CardOptions = {}, cls = 'cards'): Html {
  return html`<ul class="${cls}">${list.map((c) => card(c, o))}</ul>`;
}

/** "Older" link carrying a cursor. */
export function pager(basePath: string, next: string | null, params: Record<string, string> = {}): Html {
  if (!next) return html``;
  const q = new URLSearchParams({ ...params, after: next });
  return html`<nav class="pager" aria-label="Pages"><span></span><a rel="next" href="${basePath}?${q.toString()}">Older articles →</a></nav>`;
}

export function joinWithCommas(items: Html[]): Html {
  return join(items, ', ');
}
