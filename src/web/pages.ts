// pages: the public HTML pages — home, article, story, section, source, sources, search and
// the friendly errors. Each handler does a handful of queries and renders through layout.ts.
import type { Context } from 'hono';
import type { StoredArticle } from '../store/index.ts';
import { html, jsonForScript, raw, type Html } from './html.ts';
import { card, cards, img, page, pager, timeTag, type PageMeta } from './layout.ts';
import {
  cardsByIds,
  decodeCursor,
  encodeCursor,
  firstArticles,
  listCards,
  listStoryCards,
  OnePerStory,
  MAX_STORY_ARTICLES,
  newestSortAt,
  storiesSince,
  storyAggregate,
  type Card,
  type Cursor,
  type StoryAggregate,
} from './queries.ts';
import { paths, type Site } from './site.ts';
import { collapse, excerpt, openingParagraphs, stripRepeatedHeadline, truncate } from './text.ts';

/** Top stories on the home page. */
export const TOP_STORIES = 7;
/** Stories updated within this many days of the newest article compete for the top. */
export const TOP_STORY_WINDOW_DAYS = 3;
/** How fast a story sinks with age: score = weight / (hours + 2) ^ gravity (as on link aggregators). */
const STORY_GRAVITY = 1.2;
/** Extra articles from an outlet already counted add a little weight: outlets matter most. */
const EXTRA_ARTICLE_WEIGHT = 0.2;
/** Sections shown under the top stories, and cards per section. */
const HOME_SECTIONS = 8;
const HOME_SECTION_CARDS = 4;
/** Cards per page on section and source pages, hits per search page. */
export const LIST_PAGE_SIZE = 24;
export const SEARCH_PAGE_SIZE = 20;
/** Related posts shown under an article. */
export const RELATED_COUNT = 3;
/** Extra related picks asked of the story engine, to replace copies under the same headline. */
const RELATED_SPARE = 3;
/** An update less than this after publication is not worth a second date. */
const UPDATE_NOTE_MS = 5 * 60_000;
/** A body figure holding the lead image is removed only when it is this short (bytes). */
const MAX_LEAD_FIGURE_CHARS = 4000;
const ID_SLUG_RE = /^(\d{1,15})(?:-[^/]*)?$/;

export type Ctx = Context;

function htmlResponse(c: Ctx, body: string, status = 200, cacheSeconds = 60): Response {
  c.header('Cache-Control', status === 200 ? `public, max-age=${cacheSeconds}` : 'no-store');
  return c.html(body, status as 200);
}

/** Parses "<id>-<slug>" (or "<id>"); null when it is not one. */
export function parseIdSlug(param: string | undefined): number | null {
  const m = param ? ID_SLUG_RE.exec(param) : null;
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------- errors

export async function notFoundPage(site: Site, c: Ctx, what = 'page'): Promise<Response> {
  const body = await page(site, { title: 'Page not found', noindex: true }, html`
<h1>We could not find that ${what}</h1>
<p>It may have been moved or removed, or the link may be mistyped.</p>
<form role="search" aria-label="Search the articles" action="/search" method="get" class="filters">
<label for="nf-q">Search the articles<input type="search" id="nf-q" name="q" required></label>
<button type="submit">Search</button>
</form>
<p><a href="/">Go to the front page</a></p>`);
  return htmlResponse(c, body, 404);
}

export async function badRequestPage(site: Site, c: Ctx, message: string): Promise<Response> {
  const body = await page(site, { title: 'Bad request', noindex: true }, html`
<h1>That link does not work</h1><p>${message}</p><p><a href="/">Go to the front page</a></p>`);
  return htmlResponse(c, body, 400);
}

/** The 500 page: no details for the reader, a reference to find the log line. Renders without the database. */
export function serverErrorPage(site: Site, ref: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong — ${site.name}</title><meta name="robots" content="noindex"></head>
<body><main>
<h1>Something went wrong on our side</h1>
<p>The page could not be shown. Please try again in a moment.</p>
<p>If it keeps happening, tell the site's operator this reference: <code>${ref}</code></p>
<p><a href="/">Go to the front page</a></p>
</main></body></html>`.value;
}

// ---------------------------------------------------------------- home

interface TopStory {
  agg: StoryAggregate;
  lead: Card;
}

function storyScore(agg: StoryAggregate, refMs: number): number {
  const hours = Math.max(0, refMs - Date.parse(agg.lastAt)) / 3_600_000;
  const weight = agg.outlets + EXTRA_ARTICLE_WEIGHT * Math.max(0, agg.articles - agg.outlets);
  return weight / Math.pow(hours + 2, STORY_GRAVITY);
}

/** The lead article of each story: the story engine's pick when it knows the story, else the first report. */
export async function storyLeads(site: Site, storyIds: readonly number[]): Promise<Map<number, Card>> {
  const out = new Map<number, Card>();
  if (site.stories) {
    const leadIds = new Map<number, number>();
    for (const id of storyIds) {
      const lead = site.stories.story(id)?.leadArticle;
      if (lead !== undefined && /^\d+$/.test(lead)) leadIds.set(Number(lead), id);
    }
    for (const c of await cardsByIds(site.db, [...leadIds.keys()])) {
      // The engine's story must still be the stored one (a rebuild may renumber).
      if (c.storyId === leadIds.get(c.id)) out.set(c.storyId, c);
    }
  }
  const missing = storyIds.filter((id) => !out.has(id));
  for (const [id, c] of await firstArticles(site.db, missing)) out.set(id, c);
  return out;
}

/** Ranked top stories: more outlets and more recent come first. Empty when no story ids are stored yet. */
export async function topStories(site: Site, limit = TOP_STORIES): Promise<TopStory[]> {
  const newest = await newestSortAt(site.db);
  if (!newest) return [];
  // Measure age from the newest article when the site is not up to date (an archive, a demo).
  const refMs = Math.min(Date.now(), Date.parse(newest));
  const since = new Date(refMs - TOP_STORY_WINDOW_DAYS * 86_400_000).toISOString();
  const [aggs, pinnedIds] = await Promise.all([storiesSince(site.db, since), site.moderation.pinnedStories()]);
  // Stories the operator pinned come first (while they have visible articles), then the ranking.
  const pinned = (await Promise.all(pinnedIds.slice(0, limit).map((id) => storyAggregate(site.db, id)))).filter((a): a is StoryAggregate => a !== null);
  const pinnedSet = new Set(pinned.map((a) => a.id));
  const ranked = [
    ...pinned,
    ...aggs
      .filter((a) => !pinnedSet.has(a.id))
      .map((a) => ({ a, s: storyScore(a, refMs) }))
      .sort((x, y) => y.s - x.s || y.a.lastAt.localeCompare(x.a.lastAt))
      .map((x) => x.a),
  ].slice(0, limit);
  const leads = await storyLeads(site, ranked.map((a) => a.id));
  return ranked.flatMap((agg) => {
    const lead = leads.get(agg.id);
    return lead ? [{ agg, lead }] : [];
  });
}

function coverageNote(agg: StoryAggregate, title: string | null): Html {
  const outlets = agg.outlets === 1 ? '1 outlet' : `${agg.outlets} outlets`;
  return html`<a href="${paths.story(agg.id, title)}">Full coverage: ${outlets}</a>`;
}

export async function homePage(site: Site, c: Ctx): Promise<Response> {
  const body = await site.cache.get('home', async () => {
    const top = await topStories(site);
    const shown = new Set<number>();
    let topHtml: Html;
    if (top.length > 0) {
      for (const t of top) shown.add(t.lead.id);
      topHtml = html`<section aria-labelledby="top-h"><h2 id="top-h" class="section-title">Top stories</h2>
<ul class="cards top-stories">${top.map((t, i) => card(t.lead, { eager: i === 0, extra: coverageNote(t.agg, t.lead.title) }))}</ul></section>`;
    } else {
      // No story ids yet (the stories stage has not run): the latest articles instead.
      const { cards: latest } = await listCards(site.db, { limit: TOP_STORIES });
      for (const l of latest) shown.add(l.id);
      topHtml = latest.length
        ? html`<section aria-labelledby="top-h"><h2 id="top-h" class="section-title">Latest</h2><ul class="cards top-stories">${latest.map((l, i) => card(l, { eager: i === 0 }))}</ul></section>`
        : html`<h2>Nothing here yet</h2><p>No articles have been collected so far. The operator adds sources with
<code>newsdesk sources add URL</code> and collects them with <code>newsdesk ingest --once</code>.</p>`;
    }
    const sections = (await site.sections()).slice(0, HOME_SECTIONS);
    // Under the top stories, a section shows other news: not their articles again, and one
    // card per story and per text (wire copy run by several outlets is shown once).
    const topStoryIds = new Set(top.map((t) => t.agg.id));
    const perSection = await Promise.all(
      sections.map(async (s) => {
        const { cards: candidates } = await listCards(site.db, { section: s.name, limit: HOME_SECTION_CARDS * 3, excludeIds: [...shown] });
        const shownHere = new OnePerStory(topStoryIds);
        const list: Card[] = [];
        for (const x of candidates) {
          if (list.length >= HOME_SECTION_CARDS) break;
          if (shownHere.admit(x.storyId, x.contentHash)) list.push(x);
        }
        return { s, list };
      }),
    );
    const sectionHtml = perSection
      .filter((x) => x.list.length > 0)
      .map(
        (x) => html`<section aria-labelledby="sec-${slugId(x.s.name)}"><h2 id="sec-${slugId(x.s.name)}" class="section-title"><a href="${paths.section(x.s.name)}">${x.s.name}</a></h2>${cards(x.list, { image: false })}</section>`,
      );
    return page(
      site,
      { title: site.name, description: `${site.name}: top stories from the sources it follows, with a link to every original.`, feeds: { base: '/', title: site.name } },
      html`<h1 class="vh">${site.name}</h1>${topHtml}${sectionHtml.length ? html`<div class="home-sections">${sectionHtml}</div>` : ''}`,
    );
  });
  return htmlResponse(c, body, 200, 30);
}

function slugId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

// ---------------------------------------------------------------- article

const SHARE_TARGETS: readonly { name: string; url: (u: string, t: string) => string }[] = [
  { name: 'Facebook', url: (u) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(u)}` },
  { name: 'X', url: (u, t) => `https://twitter.com/intent/tweet?url=${encodeURIComponent(u)}&text=${encodeURIComponent(t)}` },
  { name: 'LinkedIn', url: (u) => `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(u)}` },
  { name: 'Reddit', url: (u, t) => `https://www.reddit.com/submit?url=${encodeURIComponent(u)}&title=${encodeURIComponent(t)}` },
  { name: 'Bluesky', url: (u, t) => `https://bsky.app/intent/compose?text=${encodeURIComponent(`${t} ${u}`)}` },
  { name: 'WhatsApp', url: (u, t) => `https://wa.me/?text=${encodeURIComponent(`${t} ${u}`)}` },
  { name: 'Telegram', url: (u, t) => `https://t.me/share/url?url=${encodeURIComponent(u)}&text=${encodeURIComponent(t)}` },
];

/** Share links: plain URLs (no third-party script), e-mail, and copy/share buttons site.js reveals. */
export function shareLinks(url: string, title: string): Html {
  const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;
  return html`<nav aria-label="Share this article"><ul class="share">
${SHARE_TARGETS.map((s) => html`<li><a href="${s.url(url, title)}" rel="noopener noreferrer nofollow">${s.name}</a></li>`)}
<li><a href="${mail}">E-mail</a></li>
<li><a href="${url}" rel="bookmark">Permalink</a></li>
<li><button type="button" data-copy="${url}" hidden>Copy link</button></li>
<li><button type="button" data-share="${url}" data-title="${title}" hidden>Share…</button></li>
</ul></nav>`;
}

function byline(authors: readonly string[]): string {
  if (authors.length === 0) return '';
  if (authors.length === 1) return `By ${authors[0]}`;
  return `By ${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

/** Removes the lead image from the body when the body repeats it (the page shows it in its own figure). */
function withoutLeadImage(bodyHtml: string, imageUrl: string): string {
  const attr = `src="${imageUrl.replace(/&/g, '&amp;')}"`;
  const at = bodyHtml.indexOf(attr);
  if (at < 0) return bodyHtml;
  const figStart = bodyHtml.lastIndexOf('<figure', at);
  const figEnd = bodyHtml.indexOf('</figure>', at);
  if (figStart >= 0 && figEnd > at && bodyHtml.lastIndexOf('</figure>', at) < figStart && figEnd - figStart < MAX_LEAD_FIGURE_CHARS) {
    return bodyHtml.slice(0, figStart) + bodyHtml.slice(figEnd + '</figure>'.length);
  }
  const imgStart = bodyHtml.lastIndexOf('<img', at);
  const imgEnd = bodyHtml.indexOf('>', at);
  return imgStart >= 0 && imgEnd > at ? bodyHtml.slice(0, imgStart) + bodyHtml.slice(imgEnd + 1) : bodyHtml;
}

/** Related posts: the story engine's picks when it runs here; else other articles of the same
 * story that are not copies of this one, nearest in time. Never filler from unrelated stories. */
export async function relatedPosts(site: Site, a: StoredArticle, count = RELATED_COUNT): Promise<Card[]> {
  if (site.stories && site.stories.storyOf(String(a.id)) !== undefined) {
    // A few more than needed: another outlet's copy under the very same headline is dropped,
    // or the page would seem to print its headline again under "Related posts".
    const ids = site.stories.related(String(a.id), count + RELATED_SPARE).map((r) => Number(r.id)).filter((n) => Number.isInteger(n));
    const headlines = new Set([collapse(a.title).toLowerCase()]);
    const picked: Card[] = [];
    for (const c of await cardsByIds(site.db, ids)) {
      const headline = collapse(c.title).toLowerCase();
      if (c.id === a.id || c.contentHash === a.contentHash || (headline && headlines.has(headline))) continue;
      headlines.add(headline);
      picked.push(c);
      if (picked.length === count) break;
    }
    return picked;
  }
  if (a.storyId == null) return [];
  const { cards: mates } = await listCards(site.db, { storyId: a.storyId, limit: MAX_STORY_ARTICLES, ascending: true });
  const t0 = Date.parse(a.sortAt);
  const title = collapse(a.title).toLowerCase();
  const seen = new Set<string>([a.contentHash]);
  return mates
    .filter((m) => m.id !== a.id && collapse(m.title).toLowerCase() !== title)
    .sort((x, y) => Math.abs(Date.parse(x.sortAt) - t0) - Math.abs(Date.parse(y.sortAt) - t0))
    .filter((m) => (seen.has(m.contentHash) ? false : (seen.add(m.contentHash), true)))
    .slice(0, count);
}

/** A story's title: the engine's lead headline, else the first report's. */
export async function storyTitle(site: Site, storyId: number): Promise<string | null> {
  // A title the operator gave wins; else through storyLeads: the engine's lead counts only
  // while it is still in the stored story.
  const [flags, leads] = await Promise.all([site.moderation.storyFlags([storyId]), storyLeads(site, [storyId])]);
  return flags.get(storyId)?.title ?? leads.get(storyId)?.title ?? null;
}

function articleHead(site: Site, a: StoredArticle, outlet: string, pageUrl: string, description: string): Html {
  const image = a.image;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncate(a.title ?? '', 110),
    description,
    datePublished: a.publishedAt ?? a.sortAt,
    dateModified: a.modifiedAt ?? a.publishedAt ?? a.sortAt,
    author: a.authors.map((name) => ({ '@type': 'Person', name })),
    publisher: { '@type': 'Organization', name: outlet },
    image: image ? [image.url] : undefined,
    articleSection: a.section ?? undefined,
    inLanguage: a.lang ?? undefined,
    mainEntityOfPage: pageUrl,
    url: pageUrl,
    isBasedOn: a.url,
  };
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${a.title ?? ''}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${pageUrl}">
${image ? html`<meta property="og:image" content="${image.url}">${image.alt ? html`<meta property="og:image:alt" content="${image.alt}">` : ''}` : ''}
${a.publishedAt ? html`<meta property="article:published_time" content="${a.publishedAt}">` : ''}
${a.modifiedAt ? html`<meta property="article:modified_time" content="${a.modifiedAt}">` : ''}
${a.section ? html`<meta property="article:section" content="${a.section}">` : ''}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${a.title ?? ''}">
<meta name="twitter:description" content="${description}">
${image ? html`<meta name="twitter:image" content="${image.url}">` : ''}
<script type="application/ld+json">${jsonForScript(ld)}</script>`;
}

export async function articlePage(site: Site, c: Ctx): Promise<Response> {
  const id = parseIdSlug(c.req.param('idslug'));
  const a = id === null ? null : await site.store.getArticle(id);
  if (!a || a.hidden) return notFoundPage(site, c, 'article');
  const path = paths.article(a.id, a.title);
  if (c.req.path !== path) return c.redirect(path, 301);

  const [sources, related, story] = await Promise.all([
    site.sources(),
    relatedPosts(site, a),
    a.storyId != null ? Promise.all([storyAggregate(site.db, a.storyId), storyTitle(site, a.storyId)]) : Promise.resolve(null),
  ]);
  const info = a.sourceId != null ? sources.get(a.sourceId) : undefined;
  const outlet = info?.name ?? a.siteName ?? new URL(a.url).hostname;
  const full = info?.source.displayMode === 'full' && !!a.html;
  const origin = site.origin(c.req.url);
  const pageUrl = origin + path;
  const original = a.originalUrl ?? a.url;
  const description = excerpt({ title: a.title, description: a.description, lead: a.bodyText?.slice(0, 600) ?? null }, 200);
  const title = a.title ?? 'Untitled';

  let body: Html;
  if (full) {
    let bodyHtml = stripRepeatedHeadline(a.html!, a.title);
    if (a.image) bodyHtml = withoutLeadImage(bodyHtml, a.image.url);
    // Trusted: article HTML is sanitized by src/sanitize before it is stored.
    body = html`<div class="body">${raw(bodyHtml)}</div>`;
  } else {
    const { paras, cut } = openingParagraphs(a.bodyText ?? a.description, a.title);
    body = html`<div class="body">${paras.map((p) => html`<p>${p}</p>`)}</div>
<p class="read-more"><a class="button" href="${a.url}" rel="noopener">${cut ? 'Continue reading' : 'Read the original'} at ${outlet} →</a></p>`;
  }

  const published = a.publishedAt ?? a.sortAt;
  const updated = a.modifiedAt && Date.parse(a.modifiedAt) - Date.parse(published) > UPDATE_NOTE_MS ? a.modifiedAt : null;
  const by = byline(a.authors);
  const storyHtml =
    story && story[0]
      ? html`<aside class="story-box" aria-label="Story"><p>${story[0].articles} ${story[0].articles === 1 ? 'article' : 'articles'} from ${story[0].outlets} ${story[0].outlets === 1 ? 'outlet' : 'outlets'} cover this story.
<a href="${paths.story(a.storyId!, story[1])}">${
          // The story is often named after this very article: the headline is not printed twice.
          story[1] && collapse(story[1]) !== collapse(a.title) ? html`Full coverage: ${story[1]}` : 'See the full coverage'
        } →</a></p></aside>`
      : '';
  const relatedHtml = related.length
    ? html`<section class="related" aria-labelledby="related-h"><h2 id="related-h">Related posts</h2><ul>
${related.map((r) => {
        const text = excerpt(r);
        return html`<li><h3><a href="${paths.article(r.id, r.title)}">${r.title ?? 'Untitled'}</a></h3>
<p class="meta">${r.outlet} · ${timeTag(r.sortAt)}</p>${text ? html`<p>${text}</p>` : ''}</li>`;
      })}</ul></section>`
    : '';
  const meta: PageMeta = {
    title,
    description,
    // Full republication defers to the original; an excerpt page is our own.
    canonical: full ? original : pageUrl,
    lang: a.lang,
    currentSection: a.section,
    head: articleHead(site, a, outlet, pageUrl, description),
  };
  const main = html`<article class="article">
<header>
${a.section ? html`<p class="kicker"><a href="${paths.section(a.section)}">${a.section}</a></p>` : ''}
<p class="meta">${timeTag(published, true)}${updated ? html` · Updated ${timeTag(updated, true)}` : ''}</p>
<h1>${title}</h1>
${by ? html`<p class="byline">${by}, ${outlet}</p>` : html`<p class="byline">${outlet}</p>`}
${shareLinks(pageUrl, title)}
</header>
${a.image
    ? html`<figure class="lead-figure">${img(a.image, { eager: true, alt: a.image.caption ?? '' })}${a.image.caption || a.image.credit
        ? html`<figcaption>${a.image.caption ?? ''}${a.image.credit ? html` <span class="credit">${/^(photo|image|picture|credit)\b/i.test(a.image.credit) ? a.image.credit : `Photo: ${a.image.credit}`}</span>` : ''}</figcaption>`
        : ''}</figure>`
    : ''}
${body}
<p class="source-box">Source: <a href="${a.url}" rel="noopener">${outlet}</a>${full ? html` — republished in full from the original.` : ''}</p>
${storyHtml}
${relatedHtml}
</article>`;
  return htmlResponse(c, await page(site, meta, main));
}

// ---------------------------------------------------------------- story

/** Which article each one copies (its canonical), by the engine or by identical content. */
function canonicalOf(site: Site, list: readonly Card[]): Map<number, number> {
  const out = new Map<number, number>();
  const ids = new Set(list.map((x) => x.id));
  const firstByHash = new Map<string, number>();
  for (const x of list) {
    const fromEngine = site.stories?.duplicateOf(String(x.id));
    const canon = fromEngine != null && ids.has(Number(fromEngine)) ? Number(fromEngine) : firstByHash.get(x.contentHash);
    if (canon !== undefined && canon !== x.id) out.set(x.id, canon);
    else if (!firstByHash.has(x.contentHash)) firstByHash.set(x.contentHash, x.id);
  }
  return out;
}

export async function storyPage(site: Site, c: Ctx): Promise<Response> {
  const id = parseIdSlug(c.req.param('idslug'));
  if (id === null) return notFoundPage(site, c, 'story');
  const agg = await storyAggregate(site.db, id);
  if (!agg) {
    // A story merged into another keeps working: the operator's merges are stored; the
    // engine knows where its own merges went.
    const target = (await site.moderation.redirectOf(id)) ?? site.stories?.clusterer.resolve(id);
    if (target !== undefined && target !== id && (await storyAggregate(site.db, target))) return c.redirect(paths.story(target, await storyTitle(site, target)), 301);
    return notFoundPage(site, c, 'story');
  }
  const [{ cards: list }, title] = await Promise.all([
    listCards(site.db, { storyId: id, limit: MAX_STORY_ARTICLES, ascending: true }),
    storyTitle(site, id),
  ]);
  const path = paths.story(id, title);
  if (c.req.path !== path) return c.redirect(path, 301);
  const canon = canonicalOf(site, list);
  const copies = new Map<number, Card[]>();
  for (const x of list) {
    const k = canon.get(x.id);
    if (k !== undefined) copies.set(k, [...(copies.get(k) ?? []), x]);
  }
  const first = list[0];
  const main = html`<div class="story"><header>
<p class="kicker">Full coverage</p>
<h1>${title ?? 'Story'}</h1>
<p class="meta">${agg.articles} ${agg.articles === 1 ? 'article' : 'articles'} from ${agg.outlets} ${agg.outlets === 1 ? 'outlet' : 'outlets'}
${first ? html` · First reported by <strong>${first.outlet}</strong>, ${timeTag(first.sortAt)}` : ''} · Last update ${timeTag(agg.lastAt)}</p>
</header>
<section aria-labelledby="tl-h"><h2 id="tl-h">Coverage, in time order</h2>
<ol class="timeline">
${list
    .filter((x) => !canon.has(x.id))
    .map((x, i) => {
      const also = copies.get(x.id) ?? [];
      const text = excerpt(x);
      return html`<li${i === 0 ? html` class="first"` : ''}>
<p class="meta">${timeTag(x.sortAt)} · ${x.outlet}${i === 0 ? html` · <strong>First report</strong>` : ''}</p>
<h3><a href="${paths.article(x.id, x.title)}">${x.title ?? 'Untitled'}</a></h3>
${text ? html`<p>${text}</p>` : ''}
${also.length ? html`<p class="also">Also published by ${also.map((y, j) => html`${j > 0 ? ', ' : ''}<a href="${paths.article(y.id, y.title)}">${y.outlet}</a>`)}</p>` : ''}
</li>`;
    })}
</ol></section></div>`;
  const meta: PageMeta = {
    title: title ?? 'Story',
    description: first ? excerpt(first) : null,
    canonical: site.origin(c.req.url) + path,
    feeds: { base: `/story/${id}`, title: `${title ?? 'Story'} — ${site.name}` },
  };
  return htmlResponse(c, await page(site, meta, main));
}

// ---------------------------------------------------------------- lists

function cursorParam(c: Ctx): { cursor: Cursor | null; bad: boolean } {
  const s = c.req.query('after');
  if (!s) return { cursor: null, bad: false };
  const cursor = decodeCursor(s);
  return { cursor, bad: cursor === null };
}

export async function sectionPage(site: Site, c: Ctx): Promise<Response> {
  const name = c.req.param('name') ?? '';
  const sections = await site.sections();
  const found = sections.find((s) => s.name === name);
  if (!found) {
    const other = sections.find((s) => s.name.toLowerCase() === name.toLowerCase());
    return other ? c.redirect(paths.section(other.name), 301) : notFoundPage(site, c, 'section');
  }
  const { cursor, bad } = cursorParam(c);
  if (bad) return badRequestPage(site, c, 'The "after" position in this link is not one we wrote.');
  // One card per story: a section is read for its news, not for each outlet's take on it.
  // The first page is what most readers open: kept briefly, like the home page's lists.
  const listing = () => listStoryCards(site.db, { section: name, cursor, limit: LIST_PAGE_SIZE });
  const { cards: list, stories, next } = cursor === null ? await site.cache.get(`section:${name}`, listing) : await listing();
  // The cards' headings are h3: a (visually hidden) h2 keeps the outline from skipping a level.
  const main = html`<h1>${name}</h1>
<p class="meta">${found.articles} articles · latest ${timeTag(found.lastAt)}</p>
<h2 class="vh">Latest stories</h2>
<ul class="cards">${list.map((x) => {
    const agg = x.storyId != null ? stories.get(x.storyId) : undefined;
    return card(x, { extra: agg && agg.articles > 1 ? coverageNote(agg, x.title) : undefined });
  })}</ul>
${pager(paths.section(name), next ? encodeCursor(next) : null)}`;
  return htmlResponse(
    c,
    await page(site, { title: name, description: `The latest ${name} news on ${site.name}.`, canonical: site.origin(c.req.url) + paths.section(name), currentSection: name, feeds: { base: paths.section(name), title: `${name} — ${site.name}` }, noindex: cursor !== null }, main),
  );
}

export async function sourcePage(site: Site, c: Ctx): Promise<Response> {
  const id = parseIdSlug(c.req.param('id'));
  const info = id === null ? undefined : (await site.sources()).get(id);
  if (!info || id === null) return notFoundPage(site, c, 'source');
  const { cursor, bad } = cursorParam(c);
  if (bad) return badRequestPage(site, c, 'The "after" position in this link is not one we wrote.');
  const [health, { cards: list, next }] = await Promise.all([
    site.store.sourceHealth(id),
    listCards(site.db, { sourceId: id, cursor, limit: LIST_PAGE_SIZE }),
  ]);
  const s = info.source;
  let site_ = '';
  try {
    site_ = new URL(s.url).origin + '/';
  } catch {
    site_ = '';
  }
  const main = html`<h1>${info.name}</h1>
<dl class="health">
${site_ ? html`<dt>Website</dt><dd><a href="${site_}" rel="noopener">${site_}</a></dd>` : ''}
${s.section ? html`<dt>Section</dt><dd><a href="${paths.section(s.section)}">${s.section}</a></dd>` : ''}
<dt>Shown as</dt><dd>${s.displayMode === 'full' ? 'Full articles, republished with a link to the original' : 'Excerpts with a link to the original'}</dd>
<dt>Articles</dt><dd>${info.articles}</dd>
<dt>Status</dt><dd>${s.state === 'active' ? (s.consecutiveErrors > 0 ? `Having trouble (${s.consecutiveErrors} failed ${s.consecutiveErrors === 1 ? 'check' : 'checks'} in a row)` : 'Followed') : s.state === 'paused' ? 'Paused' : 'No longer published (gone)'}</dd>
<dt>Last checked</dt><dd>${s.lastPolledAt ? timeTag(s.lastPolledAt) : 'Not yet'}</dd>
<dt>Fetches, last ${health.days} days</dt><dd>${health.fetches}${health.fetches ? html` (${Math.round(health.errorRate * 100)}% failed${health.avgDurationMs != null ? html`, ${health.avgDurationMs} ms on average` : ''})` : ''}</dd>
</dl>
<h2>Latest from ${info.name}</h2>
${list.length ? cards(list) : html`<p>No articles from this source yet.</p>`}
${pager(paths.source(id), next ? encodeCursor(next) : null)}`;
  return htmlResponse(
    c,
    await page(site, { title: info.name, description: `Articles from ${info.name} on ${site.name}.`, canonical: site.origin(c.req.url) + paths.source(id), feeds: { base: paths.source(id), title: `${info.name} — ${site.name}` }, noindex: cursor !== null }, main),
  );
}

export async function sourcesPage(site: Site, c: Ctx): Promise<Response> {
  const sources = [...(await site.sources()).values()].sort((a, b) => a.name.localeCompare(b.name));
  const main = html`<h1>Sources</h1>
<p>${site.name} follows these outlets and links every article to its original.</p>
<ul>${sources.map((s) => html`<li><a href="${paths.source(s.source.id)}">${s.name}</a> <span class="muted">· ${s.articles} articles${s.source.section ? html` · ${s.source.section}` : ''}</span></li>`)}</ul>`;
  return htmlResponse(c, await page(site, { title: 'Sources', canonical: site.origin(c.req.url) + '/sources' }, main));
}

// ---------------------------------------------------------------- search

/** The filters of a search request, checked. */
export interface SearchParams {
  q: string;
  section: string | null;
  sourceId: number | null;
  since: string | null;
  until: string | null;
}

const DATE_RE = /^\d{4}-\d\d-\d\d$/;

/** Reads q, section, source, from, to (YYYY-MM-DD, `to` inclusive); a wrong value is an error message. */
export function searchParams(c: Ctx): SearchParams | string {
  const q = (c.req.query('q') ?? '').slice(0, 500);
  const section = c.req.query('section')?.trim() || null;
  const src = c.req.query('source')?.trim();
  const from = c.req.query('from')?.trim();
  const to = c.req.query('to')?.trim();
  if (src && !/^\d{1,15}$/.test(src)) return 'source must be a source id (a whole number)';
  if (from && !(DATE_RE.test(from) && !Number.isNaN(Date.parse(from)))) return 'from must be a date like 2026-01-31';
  if (to && !(DATE_RE.test(to) && !Number.isNaN(Date.parse(to)))) return 'to must be a date like 2026-01-31';
  return {
    q,
    section,
    sourceId: src ? Number(src) : null,
    since: from ? new Date(`${from}T00:00:00Z`).toISOString() : null,
    until: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : null,
  };
}

export function searchQueryString(p: SearchParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ q: p.q });
  if (p.section) q.set('section', p.section);
  if (p.sourceId != null) q.set('source', String(p.sourceId));
  if (p.since) q.set('from', p.since.slice(0, 10));
  if (p.until) q.set('to', new Date(Date.parse(p.until) - 86_400_000).toISOString().slice(0, 10));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export async function searchPage(site: Site, c: Ctx): Promise<Response> {
  const p = searchParams(c);
  if (typeof p === 'string') return badRequestPage(site, c, p);
  const pageNo = Math.max(1, Math.min(500, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
  const [sections, sources] = await Promise.all([site.sections(), site.sources()]);
  const result = p.q.trim()
    ? await site.store.search(p.q, { limit: SEARCH_PAGE_SIZE, offset: (pageNo - 1) * SEARCH_PAGE_SIZE, section: p.section, sourceId: p.sourceId, since: p.since, until: p.until })
    : null;
  const form = html`<form class="filters" role="search" aria-label="Search with filters" action="/search" method="get">
<label for="s-q">Words<input type="search" id="s-q" name="q" value="${p.q}" required></label>
<label for="s-section">Section<select id="s-section" name="section"><option value="">All</option>
${sections.map((s) => html`<option${s.name === p.section ? html` selected` : ''}>${s.name}</option>`)}</select></label>
<label for="s-source">Source<select id="s-source" name="source"><option value="">All</option>
${[...sources.values()].map((s) => html`<option value="${s.source.id}"${s.source.id === p.sourceId ? html` selected` : ''}>${s.name}</option>`)}</select></label>
<label for="s-from">From<input type="date" id="s-from" name="from" value="${p.since?.slice(0, 10) ?? ''}"></label>
<label for="s-to">To<input type="date" id="s-to" name="to" value="${p.until ? new Date(Date.parse(p.until) - 86_400_000).toISOString().slice(0, 10) : ''}"></label>
<button type="submit">Search</button>
</form>`;
  let results: Html = html``;
  if (result) {
    const pages = Math.ceil(result.total / SEARCH_PAGE_SIZE);
    results = html`<p class="meta" role="status">${result.total} ${result.total === 1 ? 'result' : 'results'}${result.query ? html` for <strong>${result.query}</strong>` : ''}</p>
<ol class="hits" start="${(pageNo - 1) * SEARCH_PAGE_SIZE + 1}">
${result.hits.map((h) => {
      const src = h.sourceId != null ? sources.get(h.sourceId)?.name : undefined;
      // Trusted: the store's snippet is escaped text with <mark> around the matches.
      return html`<li><h2><a href="${paths.article(h.articleId, h.title)}">${h.title ?? 'Untitled'}</a></h2>
<p class="meta">${src ?? ''}${src ? ' · ' : ''}${timeTag(h.sortAt)}${h.section ? html` · ${h.section}` : ''}</p>
<p>${raw(h.snippet)}</p></li>`;
    })}
</ol>
<nav class="pager" aria-label="Result pages">
${pageNo > 1 ? html`<a rel="prev" href="/search?${searchQueryString(p, { page: String(pageNo - 1) })}">← Previous</a>` : html`<span></span>`}
${pageNo < pages ? html`<a rel="next" href="/search?${searchQueryString(p, { page: String(pageNo + 1) })}">Next →</a>` : html`<span></span>`}
</nav>`;
  }
  const main = html`<h1>${p.q ? html`Search: ${p.q}` : 'Search'}</h1>${form}${results}`;
  return htmlResponse(
    c,
    await page(site, { title: p.q ? `Search: ${p.q}` : 'Search', noindex: true, feeds: p.q ? { base: '/search', title: `Search “${p.q}” — ${site.name}`, query: searchQueryString(p) } : null }, main),
    200,
    30,
  );
}
