// extract/metadata: everything a news page says about its article apart from the body —
// headline, authors, dates, language, site name, description, canonical URL, lead image
// and the JSON-LD articleBody. Sources are read from one walk over the untouched tree
// (see collect.ts) and reconciled in a fixed order of trust:
//   structured data (JSON-LD) → OpenGraph/Twitter/meta tags → microdata → visible page
//   elements (bylines, <time>, datelines, <h1>, figures) → the URL.
// What the page prints is weighed against the metadata where it tells readers something
// the metadata gets wrong: the article's <h1> is the headline when the metadata agrees in
// substance; a printed byline joins the metadata authors; a dateline under the headline
// overrides a stale metadata date (see title.ts, byline.ts, published.ts). The tree is
// never modified: the body extractor prunes it afterwards.
import { absoluteUrl, type Document } from '../dom.ts';
import type { LeadImage } from '../types.ts';
import { chooseAuthors } from './byline.ts';
import { collect, type Collected } from './collect.ts';
import { chooseLeadImage, ldCandidates, type ImageCandidate } from './image.ts';
import { readJsonLd, type LdInfo } from './jsonld.ts';
import { normalizeLang } from './lang.ts';
import { Page } from './page.ts';
import { chooseDates } from './published.ts';
import { tidy } from './text.ts';
import { chooseTitle } from './title.ts';

export { detectLanguage, normalizeLang, resolveLanguage } from './lang.ts';

/** Everything the page says about the article apart from its body. */
export interface Metadata {
  canonicalUrl: string | null;
  title: string | null;
  authors: string[];
  /** ISO 8601 with offset (the source's offset; `Z` when the source gave none). */
  publishedAt: string | null;
  modifiedAt: string | null;
  /** Primary language subtag as declared by the page ("en"), or null. */
  lang: string | null;
  siteName: string | null;
  description: string | null;
  /** The section the page files the article under (JSON-LD articleSection, article:section), as written. */
  section: string | null;
  leadImage: LeadImage | null;
  /** JSON-LD `articleBody` as plain text (paragraphs separated by a blank line). */
  jsonLdBody: string | null;
}

/** A section label longer than this is not one (some sites put keyword lists there). */
const MAX_SECTION_LENGTH = 80;

/** Meta titles other than OpenGraph/Twitter. */
const TITLE_METAS = ['parsely-title', 'sailthru.title', 'headline', 'title', 'citation_title'];

/** Reads metadata from a parsed page without modifying it. */
export function extractMetadata(doc: Document, url: string | null): Metadata {
  const c = collect(doc);
  const page = new Page(c);
  const ld = readJsonLd(c.ldJson);
  const base = (c.baseHref ? absoluteUrl(c.baseHref, url ?? undefined) : null) ?? url;
  const m = (k: string): string | null => {
    const v = c.metas.get(k);
    return v && v[0] ? tidy(v[0]) || null : null;
  };
  const parsely = readParselyPage(m('parsely-page'));

  const lang = normalizeLang(c.htmlLang) ?? normalizeLang(m('content-language')) ?? normalizeLang(m('og:locale')) ?? normalizeLang(ld.inLanguage) ?? normalizeLang(m('dc.language')) ?? normalizeLang(m('language'));
  // The site's own name only: a host name ("example.com") is not one, so no fallback.
  const siteName = tidy(m('og:site_name')) || tidy(ld.publisher) || tidy(ld.websiteName) || tidy(m('application-name')) || tidy(m('apple-mobile-web-app-title')) || tidy(c.feedSiteName) || null;
  const canonicalUrl = chooseCanonical(c, ld, base, url);
  const host = hostOf(url) ?? hostOf(canonicalUrl);

  const title = chooseTitle({
    ld: ld.headline,
    dc: [m('dc.title'), m('dc:title'), m('dcterms.title')].filter((x): x is string => !!x),
    og: c.metas.get('og:title') ?? [],
    twitter: c.metas.get('twitter:title') ?? [],
    meta: [...TITLE_METAS.map(m), parsely.title].filter((x): x is string => !!x),
    titleTag: c.titleTag,
    visible: () => page.visibleHeadings(),
    main: page.mainHeading(),
    mainMarked: page.headingMarked(),
  }, siteName, host);

  const authors = chooseAuthors(page, ld, parsely.authors, siteName, host);
  // Dates are read with the region too: "02/10/2020" is 2 October on an en-GB page.
  const dateLocale = regionTag(c.htmlLang) ?? regionTag(m('og:locale')) ?? lang;
  const { publishedAt, modifiedAt } = chooseDates(page, ld, parsely.pubDate, dateLocale, url ?? canonicalUrl);
  const description = tidy(firstNonEmpty(m('description'), m('og:description'), m('twitter:description'), ld.description, m('dc.description'))) || null;
  const section = tidy(firstNonEmpty(ld.section, m('article:section'), m('parsely-section'))).slice(0, MAX_SECTION_LENGTH) || null;

  const candidates: ImageCandidate[] = [];
  const og = m('og:image') ?? m('og:image:url') ?? m('og:image:secure_url');
  if (og) candidates.push({ url: og, width: intOrNull(m('og:image:width')), height: intOrNull(m('og:image:height')), alt: m('og:image:alt') });
  candidates.push(...ldCandidates(ld.images));
  const tw = m('twitter:image') ?? m('twitter:image:src');
  if (tw) candidates.push({ url: tw, alt: m('twitter:image:alt') });
  for (const el of c.props.get('image') ?? []) {
    const u = el.attribs.content ?? el.attribs.href ?? el.attribs.src;
    if (u) candidates.push({ url: u });
  }
  if (c.imageSrc) candidates.push({ url: c.imageSrc });
  // Caption/credit stated in JSON-LD for the same picture complete an og:image candidate.
  const ldFirst = ld.images[0];
  const top = candidates[0];
  if (ldFirst && top && !top.caption && sameFile(top.url, ldFirst.url)) candidates[0] = { ...top, caption: ldFirst.caption, credit: top.credit ?? ldFirst.credit };
  const leadImage = chooseLeadImage({ candidates, figures: c.figures, imgs: c.imgs, article: page.article(), base });

  return { canonicalUrl, title, authors, publishedAt, modifiedAt, lang, siteName, description, section, leadImage, jsonLdBody: cleanLdBody(ld.articleBody) };
}

// ---------------------------------------------------------------------------------------
// Canonical URL

function chooseCanonical(c: Collected, ld: LdInfo, base: string | null, url: string | null): string | null {
  const list = [...c.canonical, c.metas.get('og:url')?.[0], ld.url];
  for (const h of list) {
    if (!h) continue;
    const abs = absoluteUrl(h, base ?? undefined);
    if (!abs || !/^https?:/i.test(abs)) continue;
    // A canonical pointing at the home page of an article URL is a CMS mistake.
    if (url && isHomePage(abs) && !isHomePage(url)) continue;
    return abs;
  }
  return null;
}

function isHomePage(u: string): boolean {
  try {
    const x = new URL(u);
    return (x.pathname === '/' || x.pathname === '') && !x.search;
  } catch {
    return false;
  }
}

/** A language tag with its region ("en-gb"), or null when it has none. */
function regionTag(tag: string | null | undefined): string | null {
  const m = /^([a-z]{2,3})[-_]([a-z]{2})\b/i.exec(tag?.trim() ?? '');
  return m ? `${m[1]!.toLowerCase()}-${m[2]!.toLowerCase()}` : null;
}

function hostOf(u: string | null): string | null {
  if (!u) return null;
  try {
    // A single-label host (localhost, an intranet name) names no site.
    const h = new URL(u).hostname;
    return h.includes('.') ? h : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

function firstNonEmpty(...xs: (string | null | undefined)[]): string | null {
  for (const x of xs) if (x && x.trim()) return x;
  return null;
}

function intOrNull(s: string | null): number | null {
  if (!s) return null;
  const n = parseInt(s, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function sameFile(a: string, b: string): boolean {
  const f = (u: string): string => u.split('?')[0]!.split('/').pop() ?? '';
  return f(a) === f(b) || a === b;
}

/** Parse.ly's JSON meta tag (`<meta name="parsely-page" content='{"title":…}'>`). */
function readParselyPage(json: string | null): { title: string | null; authors: string[]; pubDate: string | null } {
  const out = { title: null as string | null, authors: [] as string[], pubDate: null as string | null };
  if (!json || !json.startsWith('{')) return out;
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null) return out;
    const o = v as Record<string, unknown>;
    if (typeof o.title === 'string') out.title = o.title;
    if (typeof o.pub_date === 'string') out.pubDate = o.pub_date;
    const a = o.authors ?? o.author;
    if (typeof a === 'string') out.authors = [a];
    else if (Array.isArray(a)) out.authors = a.filter((x): x is string => typeof x === 'string');
  } catch {
    /* not JSON: ignore */
  }
  return out;
}

/** JSON-LD articleBody as plain text: tags some sites leave in it are dropped, entities
 * decoded, one paragraph per source line, paragraphs separated by a blank line. */
function cleanLdBody(s: string | null): string | null {
  if (!s) return null;
  let t = s.replace(/\r\n?/g, '\n');
  if (/<\/?(?:p|br|div|span|a|strong|em|h[1-6]|li|ul|ol|blockquote)\b/i.test(t)) {
    t = t.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(?:p|div|h[1-6]|li|blockquote|ul|ol)>/gi, '\n').replace(/<[^>]*>/g, '');
  }
  const paras = t.split(/\n+/).map((p) => tidy(p)).filter(Boolean);
  return paras.length ? paras.join('\n\n') : null;
}
