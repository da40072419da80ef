// demo/pages: the HTML an outlet serves — article pages, home page, section pages.
//
// Each outlet's pages are built on one of four skeletons (broadsheet, portal, magazine,
// wire) with its own navigation, colours, boilerplate and quirks, and carry what real news
// pages carry around an article: cookie banner, share bars, a figure with caption and
// credit, inline "Read more" links, a newsletter prompt, teasers, comments, footer, plus
// JSON-LD NewsArticle, OpenGraph and Twitter metadata and rel=canonical. Some outlets print
// the headline twice (a sticky bar, or again at the top of the body), as real sites do.
import { SECTIONS, type Section } from './events.ts';
import type { DemoArticle } from './article.ts';
import type { FeedSpec, Outlet } from './outlets.ts';

/** Where an outlet lives: its absolute base ("http://127.0.0.3:8080" or
 * "http://127.0.0.1:8080/harbour-gazette") and how a path becomes a URL. */
export interface Site {
  outlet: Outlet;
  base: string;
  /** Feeds offered (for <link rel="alternate">). */
  feeds: FeedSpec[];
}

const MIME: Record<FeedSpec['format'], string> = {
  rss: 'application/rss+xml', atom: 'application/atom+xml', rdf: 'application/rdf+xml', json: 'application/feed+json', sitemap: 'application/xml',
};

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

/** A date the way the outlet prints it (always UTC, so pages are the same everywhere). */
export function printedDate(d: Date, style: Outlet['dateStyle']): string {
  const day = d.getUTCDate(), month = MONTHS[d.getUTCMonth()]!, year = d.getUTCFullYear();
  const h = d.getUTCHours(), min = pad(d.getUTCMinutes());
  switch (style) {
    case 'uk': return `${day} ${month} ${year}, ${pad(h)}:${min} UTC`;
    case 'us': return `${month} ${day}, ${year} ${h % 12 || 12}:${min} ${h < 12 ? 'AM' : 'PM'} UTC`;
    case 'iso': return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(day)} ${pad(h)}:${min} UTC`;
  }
}

const sectionName = (s: Section): string => s.charAt(0).toUpperCase() + s.slice(1);
const url = (site: Site, path: string): string => site.base + path;
/** Links inside pages are root-relative like on most sites (with the outlet prefix in
 * single-host mode). */
const href = (site: Site, path: string): string => new URL(site.base + path).pathname;

function head(site: Site, title: string, extra: string): string {
  const o = site.outlet;
  const alternates = site.feeds.filter((f) => f.format !== 'sitemap' && !f.section)
    .map((f) => `<link rel="alternate" type="${MIME[f.format]}" title="${esc(o.name)}" href="${href(site, f.path)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${o.lang}">
<head>
<meta charset="${o.charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${alternates}
<link rel="icon" href="${href(site, '/favicon.ico')}">
<style>body{font-family:Georgia,serif;margin:0;color:#222}header.site,.masthead,.topbar{background:${o.accent};color:#fff;padding:.5em 1em}a{color:${o.accent}}nav a{color:#fff;margin-right:1em}.cookie{position:fixed;bottom:0;background:#333;color:#fff;padding:1em}figure img{max-width:100%;height:auto}</style>
${extra}
</head>`;
}

function cookieBanner(o: Outlet): string {
  return `<div class="cookie-banner cookie" id="cookie-consent" role="dialog" aria-label="Cookie consent">
<p>We use cookies to improve your experience and to show you personalised content. By continuing to use ${esc(o.name)} you agree to our use of cookies.</p>
<button type="button">Accept all</button> <a href="/privacy">Manage preferences</a></div>`;
}

function nav(site: Site): string {
  return SECTIONS.map((s) => `<a href="${href(site, `/section/${s}`)}">${sectionName(s)}</a>`).join(' ');
}

function masthead(site: Site): string {
  const o = site.outlet;
  switch (o.template) {
    case 'portal':
      return `<div class="topbar"><a class="logo" href="${href(site, '/')}">${esc(o.name)}</a> <span class="weather">Today: 14°C, cloudy</span> <a href="/subscribe" class="btn-subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<div class="menu-wrapper"><nav class="main-menu" id="menu">${nav(site)}</nav></div>`;
    case 'wire':
      return `<header class="site"><a href="${href(site, '/')}" class="brand">${esc(o.name)}</a> <small>${esc(o.tagline)}</small><nav aria-label="Sections">${nav(site)}</nav></header>`;
    case 'magazine':
      return `<header class="masthead"><div class="masthead__inner"><a href="${href(site, '/')}" class="masthead__logo"><img src="${href(site, '/static/logo.svg')}" alt="${esc(o.name)}" width="180" height="40"></a>
<nav class="masthead__nav">${nav(site)}</nav><form class="search" action="${href(site, '/search')}"><input name="q" placeholder="Search"><button>Search</button></form></div></header>`;
    default:
      return `<header class="site" role="banner"><p class="tagline">${esc(o.tagline)}</p><a href="${href(site, '/')}" class="site-title">${esc(o.name)}</a>
<nav class="primary" aria-label="Main">${nav(site)}</nav></header>`;
  }
}

function footer(site: Site): string {
  const o = site.outlet;
  return `<footer class="site-footer"><nav class="footer-links"><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/advertise">Advertise</a> <a href="${href(site, site.feeds[0]?.path ?? '/')}">Feeds</a></nav>
<p>© ${new Date().getUTCFullYear()} ${esc(o.name)}. All rights reserved. ${esc(o.name)} is not responsible for the content of external sites.</p></footer>`;
}

function shareBar(site: Site, a: DemoArticle, where: string): string {
  const u = encodeURIComponent(url(site, a.path));
  return `<div class="share-bar share-${where}" aria-label="Share this article"><span class="share-label">Share</span>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${u}">Share</a>
<a class="share-twitter" href="https://twitter.com/intent/tweet?url=${u}">Tweet</a>
<a class="share-email" href="mailto:?subject=${encodeURIComponent(a.headline)}&amp;body=${u}">Email</a>
<button class="share-copy" type="button">Copy link</button></div>`;
}

function newsletter(o: Outlet): string {
  return `<aside class="newsletter-signup inline-newsletter"><h3>Sign up for ${esc(o.newsletter)}</h3><p>Get the day's top stories in your inbox every morning. Subscribe to our free newsletter.</p>
<form action="/newsletter"><input type="email" name="email" placeholder="Your e-mail address"><button>Sign up</button></form></aside>`;
}

function comments(a: DemoArticle): string {
  const n = (a.index * 7 + a.eventId) % 40;
  return `<section class="comments" id="comments"><h2>Comments (${n})</h2><p>Log in to join the discussion. Comments are moderated and may take a few minutes to appear.</p><a href="/login?next=comments" class="btn">Log in to comment</a></section>`;
}

function teasers(site: Site, title: string, items: DemoArticle[], cls: string): string {
  if (!items.length) return '';
  return `<aside class="${cls}"><h2>${title}</h2><ul>${items.map((t) => `<li><a href="${href(site, t.path)}">${esc(t.headline)}</a><p class="teaser-excerpt">${esc(t.standfirst)}</p></li>`).join('')}</ul></aside>`;
}

function jsonLd(site: Site, a: DemoArticle): string {
  const o = site.outlet;
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.headline, description: a.standfirst,
    datePublished: a.publishedAt.toISOString(), dateModified: a.modifiedAt.toISOString(),
    author: a.authors.map((name) => ({ '@type': name.endsWith(' staff') ? 'Organization' : 'Person', name })),
    publisher: { '@type': 'Organization', name: o.name, logo: { '@type': 'ImageObject', url: url(site, '/static/logo.png') } },
    image: { '@type': 'ImageObject', url: url(site, a.image.path), width: a.image.width, height: a.image.height, caption: a.image.caption },
    mainEntityOfPage: { '@type': 'WebPage', '@id': url(site, a.path) }, articleSection: sectionName(a.section), keywords: a.tags.join(', '),
    inLanguage: o.lang,
  };
  if (o.jsonLdBody) data['articleBody'] = a.paragraphs.join('\n\n');
  // "<" is escaped so that a headline can never close the script element.
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

function articleHead(site: Site, a: DemoArticle): string {
  const o = site.outlet;
  const canonical = url(site, a.path);
  const img = url(site, a.image.path);
  return head(site, `${a.headline} | ${o.name}`, `<link rel="canonical" href="${canonical}">
<meta name="description" content="${esc(a.standfirst)}">
<meta name="author" content="${esc(a.authors.join(', '))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${esc(o.name)}">
<meta property="og:title" content="${esc(a.headline)}">
<meta property="og:description" content="${esc(a.standfirst)}">
<meta property="og:url" content="${canonical}">
<meta property="og:image" content="${img}">
<meta property="og:image:width" content="${a.image.width}">
<meta property="og:image:height" content="${a.image.height}">
<meta property="article:published_time" content="${a.publishedAt.toISOString()}">
<meta property="article:modified_time" content="${a.modifiedAt.toISOString()}">
<meta property="article:section" content="${sectionName(a.section)}">
${a.tags.map((t) => `<meta property="article:tag" content="${esc(t)}">`).join('\n')}
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${esc(a.headline)}">
<meta name="twitter:description" content="${esc(a.standfirst)}">
<meta name="twitter:image" content="${img}">
${jsonLd(site, a)}`);
}

function figure(site: Site, a: DemoArticle): string {
  const i = a.image;
  return `<figure class="lead-image"><img src="${href(site, i.path)}" width="${i.width}" height="${i.height}" alt="${esc(i.alt)}">
<figcaption><span class="caption">${esc(i.caption)}</span> <span class="credit">Photo: ${esc(i.credit)}</span></figcaption></figure>`;
}

function byline(a: DemoArticle, o: Outlet): string {
  const names = a.authors.map((n) => `<a rel="author" class="author" href="/authors/${n.toLowerCase().replace(/[^a-z]+/g, '-')}">${esc(n)}</a>`);
  const joined = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
  return o.agency ? `<p class="byline">By ${joined}</p>` : `<div class="byline">By ${joined}</div>`;
}

function dates(a: DemoArticle, o: Outlet): string {
  const pub = `<time datetime="${a.publishedAt.toISOString()}" class="published">${printedDate(a.publishedAt, o.dateStyle)}</time>`;
  const upd = a.revision ? ` <span class="updated">Updated <time datetime="${a.modifiedAt.toISOString()}">${printedDate(a.modifiedAt, o.dateStyle)}</time></span>` : '';
  return `<p class="dateline-meta">${pub}${upd}</p>`;
}

/** The body paragraphs with an inline related link and, for some skeletons, the
 * newsletter prompt in the middle of the text (as real pages place them). */
function body(site: Site, a: DemoArticle, related: DemoArticle[]): string {
  const o = site.outlet;
  const parts = a.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  const rel = related[0];
  if (rel && parts.length > 3) parts.splice(3, 0, `<p class="related-inline"><strong>Read more:</strong> <a href="${href(site, rel.path)}">${esc(rel.headline)}</a></p>`);
  if ((o.template === 'portal' || o.template === 'magazine') && parts.length > 6) parts.splice(6, 0, newsletter(o));
  if (o.repeatHeadline === 'body') parts.unshift(`<h2 class="story-title">${esc(a.headline)}</h2>`);
  return parts.join('\n');
}

/** An article page. `related` are earlier items by the same outlet on the same event (or
 * recent ones), `latest` the outlet's newest items for the teaser list. */
export function articlePage(site: Site, a: DemoArticle, related: DemoArticle[], latest: DemoArticle[]): string {
  const o = site.outlet;
  const tags = `<ul class="tags">${a.tags.map((t) => `<li><a href="/tag/${encodeURIComponent(t.toLowerCase())}">${esc(t)}</a></li>`).join('')}</ul>`;
  const readMore = teasers(site, 'Read more', latest.filter((t) => t.index !== a.index).slice(0, 4), 'read-more');
  const sticky = o.repeatHeadline === 'sticky' ? `<div class="sticky-header" aria-hidden="true"><span class="sticky-title">${esc(a.headline)}</span> ${shareBar(site, a, 'sticky')}</div>` : '';
  const crumbs = `<nav class="breadcrumb"><a href="${href(site, '/')}">Home</a> › <a href="${href(site, `/section/${a.section}`)}">${sectionName(a.section)}</a></nav>`;
  let main: string;
  switch (o.template) {
    case 'portal':
      main = `<div id="page" class="container">${crumbs}<div class="row"><div class="col-main">
<div class="article-header"><h1 class="entry-title">${esc(a.headline)}</h1><p class="intro">${esc(a.standfirst)}</p>${byline(a, o)}${dates(a, o)}</div>
${shareBar(site, a, 'top')}
${figure(site, a)}
<div class="entry-content">${body(site, a, related)}</div>
${tags}${shareBar(site, a, 'bottom')}${readMore}${comments(a)}</div>
<div class="col-side sidebar"><div class="widget ad-slot">Advertisement</div>${teasers(site, 'Most read', latest.slice(0, 5), 'most-read widget')}</div></div></div>`;
      break;
    case 'magazine':
      main = `<main id="main">${crumbs}<article class="post">
<header class="post__header"><p class="post__kicker">${sectionName(a.section)}</p><h1 class="post__title">${esc(a.headline)}</h1><p class="post__standfirst">${esc(a.standfirst)}</p></header>
${figure(site, a)}
<div class="post__meta">${byline(a, o)}${dates(a, o)}${shareBar(site, a, 'top')}</div>
<div class="post__body">${body(site, a, related)}</div>
<footer class="post__footer">${tags}<div class="author-bio">${esc(a.authors[0] ?? '')} writes for ${esc(o.name)}. Follow us on social media for more.</div></footer>
</article>${readMore}${comments(a)}</main>`;
      break;
    case 'wire':
      main = `<main><article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">${esc(a.headline)}</h1>${byline(a, o)}${dates(a, o)}
${figure(site, a)}
<div class="story-body" itemprop="articleBody">${body(site, a, related)}</div>
<p class="copyright">© ${esc(o.name)}. This material may not be published, broadcast or redistributed without permission.</p>
${shareBar(site, a, 'bottom')}</article>${readMore}</main>`;
      break;
    default:
      main = `<main id="content">${crumbs}<article class="article">
<header class="article-header"><h1 class="headline">${esc(a.headline)}</h1><p class="standfirst">${esc(a.standfirst)}</p>
${byline(a, o)}${dates(a, o)}${shareBar(site, a, 'top')}</header>
${figure(site, a)}
<section class="article-body">${body(site, a, related)}</section>
${tags}${shareBar(site, a, 'bottom')}
${newsletter(o)}
</article>${readMore}${comments(a)}</main>`;
  }
  return `${articleHead(site, a)}
<body class="article-page ${o.template}">
${cookieBanner(o)}
${masthead(site)}
${sticky}
${main}
${footer(site)}
</body>
</html>
`;
}

/** A list page: the home page (all sections) or one section's page. */
export function listPage(site: Site, title: string, items: DemoArticle[], section: Section | null): string {
  const o = site.outlet;
  const lead = items[0];
  const leadHtml = lead ? `<div class="top-story"><a href="${href(site, lead.path)}"><img src="${href(site, lead.image.path)}" width="${lead.image.width}" height="${lead.image.height}" alt="${esc(lead.image.alt)}"><h2>${esc(lead.headline)}</h2></a><p>${esc(lead.standfirst)}</p></div>` : '';
  const list = items.slice(1).map((a) => `<li class="teaser"><a class="teaser__link" href="${href(site, a.path)}">${esc(a.headline)}</a> <time datetime="${a.publishedAt.toISOString()}">${printedDate(a.publishedAt, o.dateStyle)}</time><p>${esc(a.standfirst)}</p></li>`).join('\n');
  return `${head(site, section ? `${title} | ${o.name}` : `${o.name} – ${o.tagline}`, `<link rel="canonical" href="${url(site, section ? `/section/${section}` : '/')}">
<meta property="og:site_name" content="${esc(o.name)}"><meta name="description" content="${esc(o.tagline)}">`)}
<body class="${section ? 'section-page' : 'home-page'}">
${cookieBanner(o)}
${masthead(site)}
<main><h1>${esc(title)}</h1>${leadHtml}<ul class="latest">${list}</ul>${newsletter(o)}</main>
${footer(site)}
</body>
</html>
`;
}
