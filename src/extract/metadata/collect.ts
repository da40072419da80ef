// One pass over the page that gathers every place metadata can hide: meta tags, links,
// JSON-LD scripts, the <title>, headings, <time> elements, microdata, byline- and
// date-looking elements, figures and images. The extractors then read only these short
// lists, so a large page costs one walk, not dozens of selector queries.
import { classAndId, isTag, isText, type AnyNode, type Document, type Element } from '../dom.ts';

/** What the walk found, in document order. Lists are capped (see LIMITS). */
export interface Collected {
  /** `<html lang>` (or xml:lang). */
  htmlLang: string | null;
  /** `<base href>`, as written. */
  baseHref: string | null;
  /** Meta tags keyed by each lower-cased name/property/itemprop/http-equiv token. */
  metas: Map<string, string[]>;
  /** `<link rel=canonical href>` values. */
  canonical: string[];
  /** `<link rel=image_src href>`. */
  imageSrc: string | null;
  /** `<a rel=author>` / `<link rel=author>` elements. */
  relAuthors: Element[];
  /** Raw text of every `<script type=application/ld+json>`. */
  ldJson: string[];
  /** Text of the first `<title>` outside SVG. */
  titleTag: string | null;
  h1s: Element[];
  /** Elements marked as the headline: itemprop=headline, class "entry-title", "headline"… */
  headlineEls: Element[];
  /** `<time>` elements. */
  timeEls: Element[];
  /** Microdata on ordinary elements (not <meta>): itemprop token → elements. */
  props: Map<string, Element[]>;
  /** Elements whose class/id/itemprop/rel says byline, author, writer, credit… */
  bylineEls: Element[];
  /** Elements whose own text starts like a byline ("By …", "Von …"). */
  byTextEls: Element[];
  /** Elements whose class/id says date, time, published, posted, meta… */
  dateEls: Element[];
  /** Elements whose own text starts like a dateline ("Published …", "Stand: …"). */
  dateTextEls: Element[];
  /** `<figure>` and WordPress-style caption containers. */
  figures: Element[];
  /** `<img>` elements outside figures, in document order. */
  imgs: Element[];
  /** `<article>` elements and elements marked as the article (microdata). */
  articles: Element[];
  /** Position (element count in document order) of each entry of `h1s`. */
  h1Order: number[];
  /** Short text nodes that contain a written date, with their element and position. */
  dateTexts: { el: Element; text: string; order: number }[];
  /** Publication dates found in inline JSON data (`"datePublished":"…"` in app state). */
  scriptDates: string[];
}

/** Caps per list: enough for any real page, bounded for hostile ones. */
const LIMITS = { dateTexts: 120, scriptDates: 4, h1s: 12, headlineEls: 12, timeEls: 60, bylineEls: 60, byTextEls: 20, dateEls: 60, dateTextEls: 20, figures: 60, imgs: 80, articles: 20, props: 30 } as const;

/** Class/id/itemprop/rel fragments that mark a byline or author element. */
const BYLINE_ATTR = /byline|author(?!i[tz]|is)|writer|autor(?!i[tz])|verfasser|reporter|journalist|credit|contributor|submitted|signature/;

/** ...but not the author biography boxes, avatars, comment authors and share widgets that
 * carry the same words. */
const BYLINE_ATTR_EXCLUDE = /bio|about|avatar|comment|image|img|photo|picture|thumb|headshot|social|follow|share|more|related|tooltip|popup|twitter|facebook|caption|figure|e-?mail|reply|review|respond|authorization|list-?item-?image/;

/** Class/id fragments of elements that often carry the publication date. */
const DATE_ATTR = /date|datum|time|zeit|fecha|publish|posted|dateline|timestamp|meta|info|stand|byline/;

/** Class/id fragments that are time-ish but never a publication date. */
const DATE_ATTR_EXCLUDE = /runtime|timeline|reading-?time|readtime|lesezeit|update-?time|comment|timer|countdown|weather|wetter/;

/** Class fragments of the headline element in common CMS templates. */
const HEADLINE_ATTR = /headline|entry-title|post-title|article-title|story-title|article__title|post__title|news-title|title-article|titel/;

/** A text node that opens a byline: "By Jane Doe", "Von Max Mustermann", "Por …", "Par …",
 * "Text: …", "Written by …". Only short text nodes are tested. */
export const BY_TEXT = /^(?:(?:written|posted|published|reported|words|story|report|text|texte|texto|artikel|beitrag|bericht|geschrieben|verfasst|ein beitrag|ein artikel|ein kommentar|kommentar|eine kolumne|kolumne|ein gastbeitrag|gastbeitrag|ein interview|interview|eine analyse|analyse|erstellt|eingestellt|gepostet|gespeichert|submitted|veröffentlicht|publicado|escrito|publié|écrit)\s+)?(?:by|von|por|par|door|di|av|af|de)(?:\s+\S|\s*$)|^(?:text|texte|autor(?:in)?|author|auteur|autore|by|von|redaktion|reporter|fotos? und text|text und fotos?)\s*:(?:\s*\S|\s*$)|^(?:作者|记者|責任編輯|责任编辑|编辑|編輯|撰文|文)\s*[:：]|^(?:by|von|por|par|door|text:|autor:|author:)$/i;

/** A text node that opens a dateline ("Published 3 March 2024", "Stand: 12.05.2023"). */
export const DATE_TEXT = /^(?:published|posted|updated|last updated|first published|veröffentlicht|erschienen|stand|aktualisiert|zuletzt aktualisiert|erstellt|datum|date|publié|publicado|pubblicato|gepubliceerd|publiziert|online seit)\b|^(?:am|on|le|el)\s+\d/i;

/** A written date somewhere in a short text: 12.05.2023, 2023-05-12, 5/12/2023,
 * "May 12, 2023", "12. Mai 2023", "12 mars 2023". Cheap pre-filter; parsing happens later. */
const DATE_LIKE = /\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}\b|\b(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}\/\d{1,2}\/(?:19|20)\d{2}\b|(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|déc|fév|avr|juil|ene|abr|ago|dic|gen|mag|giu|lug|set|ott)[\p{L}]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|\b\d{1,2}(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?:jan|feb|mär|maer|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|déc|fév|avr|juil|ene|abr|ago|dic|gen|mag|giu|lug|set|ott)[\p{L}]*\.?,?\s+(?:de\s+)?(?:19|20)\d{2}\b/iu;

/** Publication-date keys in inline JSON application state (Next.js, Shopify, Nuxt …). */
const SCRIPT_DATE = /"(?:datePublished|date_published|published_at|publishedAt|publishedDate|publishDate|publish_date|pubDate|firstPublished|firstPublishedAt|publicationDate|displayDate)"\s*:\s*"((?:19|20)\d{2}-\d{2}-\d{2}[^"]{0,30})"/;

function scriptDates(text: string, c: Collected): void {
  if (text.length > 2_000_000) return;
  const m = SCRIPT_DATE.exec(text);
  if (m) c.scriptDates.push(m[1]!);
}

/** Walks the document once and returns the collected lists. Does not modify the tree. */
export function collect(doc: Document): Collected {
  const c: Collected = {
    htmlLang: null, baseHref: null, metas: new Map(), canonical: [], imageSrc: null, relAuthors: [], ldJson: [], titleTag: null,
    h1s: [], headlineEls: [], timeEls: [], props: new Map(), bylineEls: [], byTextEls: [], dateEls: [], dateTextEls: [], figures: [], imgs: [], articles: [],
    h1Order: [], dateTexts: [], scriptDates: [],
  };
  let order = 0;
  const stack: AnyNode[] = [];
  const pushKids = (n: AnyNode): void => {
    if (!('children' in n)) return;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  };
  pushKids(doc);
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      visitText(node.data, node, c, order);
      continue;
    }
    if (!isTag(node)) continue;
    const el = node;
    order++;
    const name = el.name;
    const a = el.attribs;
    switch (name) {
      case 'script': {
        const type = (a.type ?? '').toLowerCase();
        if (type.includes('ld+json')) c.ldJson.push(rawText(el));
        else if (c.scriptDates.length < LIMITS.scriptDates && !a.src) scriptDates(rawText(el), c);
        continue;
      }
      case 'style': case 'template': case 'svg': case 'math': case 'iframe': case 'object': case 'pre': case 'code': case 'textarea': case 'select':
        continue;
      case 'html':
        if (!c.htmlLang) c.htmlLang = a.lang || a['xml:lang'] || null;
        break;
      case 'base':
        if (c.baseHref == null && a.href) c.baseHref = a.href;
        continue;
      case 'title':
        if (c.titleTag == null) c.titleTag = rawText(el);
        continue;
      case 'meta':
        visitMeta(el, c);
        continue;
      case 'link':
        visitLink(el, c);
        continue;
      case 'h1':
        if (c.h1s.length < LIMITS.h1s) {
          c.h1s.push(el);
          c.h1Order.push(order);
        }
        break;
      case 'time':
        if (c.timeEls.length < LIMITS.timeEls) c.timeEls.push(el);
        break;
      case 'figure':
        if (c.figures.length < LIMITS.figures) c.figures.push(el);
        break;
      case 'article':
        if (c.articles.length < LIMITS.articles) c.articles.push(el);
        break;
      case 'img':
        if (c.imgs.length < LIMITS.imgs && !insideFigure(el)) c.imgs.push(el);
        break;
      case 'a':
        if (a.rel && /\bauthor\b/i.test(a.rel) && c.relAuthors.length < LIMITS.bylineEls) c.relAuthors.push(el);
        break;
    }
    const itemprop = a.itemprop ? a.itemprop.toLowerCase() : '';
    if (itemprop) visitItemprop(el, itemprop, c);
    if (a.itemtype && /Article|BlogPosting|NewsArticle/.test(a.itemtype) && c.articles.length < LIMITS.articles) c.articles.push(el);
    const ci = a.class || a.id ? classAndId(el) : '';
    if (ci) {
      if (c.figures.length < LIMITS.figures && name !== 'figure' && /\bwp-caption\b|\bimage-caption\b/.test(ci)) c.figures.push(el);
      if (c.headlineEls.length < LIMITS.headlineEls && HEADLINE_ATTR.test(ci) && /^(?:h[1-6]|div|span|p|header|a)$/.test(name)) c.headlineEls.push(el);
      if (c.dateEls.length < LIMITS.dateEls && name !== 'body' && name !== 'html' && DATE_ATTR.test(ci) && !DATE_ATTR_EXCLUDE.test(ci)) c.dateEls.push(el);
    }
    const bylineKey = ci + ' ' + itemprop + ' ' + (a.rel ?? '').toLowerCase();
    if (c.bylineEls.length < LIMITS.bylineEls && !NOT_BYLINE_TAGS.has(name) && BYLINE_ATTR.test(bylineKey) && !BYLINE_ATTR_EXCLUDE.test(bylineKey)) c.bylineEls.push(el);
    pushKids(el);
  }
  return c;
}

/** Tags that are never themselves a byline even when their class says "author". */
const NOT_BYLINE_TAGS = new Set(['html', 'body', 'main', 'article', 'section', 'img', 'meta', 'link', 'script', 'style', 'form', 'input', 'textarea', 'button', 'ul', 'ol', 'table', 'nav', 'footer', 'header', 'svg', 'picture', 'source', 'figure']);

/** Separators before a byline or dateline in the same text node ("| By", "- Redaktion:"). */
const LEADING_PUNCT = /^[\s|·•\-–—,;:]+/;

function visitText(data: string, node: AnyNode, c: Collected, order: number): void {
  if (data.length > 160) return;
  if (c.dateTexts.length < LIMITS.dateTexts && data.length <= 120 && DATE_LIKE.test(data) && node.parent && isTag(node.parent)) {
    c.dateTexts.push({ el: node.parent, text: data, order });
  }
  const t = data.replace(LEADING_PUNCT, '');
  if (t.length < 2) return;
  const parent = node.parent;
  if (!parent || !isTag(parent)) return;
  if (c.byTextEls.length < LIMITS.byTextEls && BY_TEXT.test(t) && parent.name !== 'a' && parent.name !== 'option' && parent.name !== 'title') {
    c.byTextEls.push(parent);
  }
  if (c.dateTextEls.length < LIMITS.dateTextEls && DATE_TEXT.test(t) && parent.name !== 'title' && parent.name !== 'option') c.dateTextEls.push(parent);
}

function visitMeta(el: Element, c: Collected): void {
  const a = el.attribs;
  const content = a.content ?? a.value;
  if (content == null) {
    if (a.charset == null && a.itemprop) visitItemprop(el, a.itemprop.toLowerCase(), c);
    return;
  }
  const value = content.trim();
  if (!value) return;
  const keys = [a.name, a.property, a.itemprop, a['http-equiv']];
  for (const k of keys) {
    if (!k) continue;
    for (const tok of k.toLowerCase().split(/\s+/)) {
      if (!tok) continue;
      const list = c.metas.get(tok);
      if (list) list.push(value);
      else c.metas.set(tok, [value]);
    }
  }
}

function visitLink(el: Element, c: Collected): void {
  const rel = (el.attribs.rel ?? '').toLowerCase();
  const href = el.attribs.href;
  if (!rel || !href) {
    if (el.attribs.itemprop) visitItemprop(el, el.attribs.itemprop.toLowerCase(), c);
    return;
  }
  const rels = rel.split(/\s+/);
  if (rels.includes('canonical')) c.canonical.push(href);
  if (rels.includes('image_src') && !c.imageSrc) c.imageSrc = href;
  if (rels.includes('author') && c.relAuthors.length < LIMITS.bylineEls) c.relAuthors.push(el);
  if (el.attribs.itemprop) visitItemprop(el, el.attribs.itemprop.toLowerCase(), c);
}

function visitItemprop(el: Element, itemprop: string, c: Collected): void {
  for (const tok of itemprop.split(/\s+/)) {
    if (!tok) continue;
    const list = c.props.get(tok);
    if (!list) c.props.set(tok, [el]);
    else if (list.length < LIMITS.props) list.push(el);
  }
  if (itemprop.includes('headline') && el.name !== 'meta' && c.headlineEls.length < LIMITS.headlineEls) c.headlineEls.push(el);
  if (itemprop.includes('articlebody') && c.articles.length < LIMITS.articles) c.articles.push(el);
}

/** Whether `img` sits in a <figure> (looks a few levels up: figures wrap images closely). */
function insideFigure(img: Element): boolean {
  let p = img.parent;
  for (let i = 0; p && isTag(p) && i < 6; i++, p = p.parent) if (p.name === 'figure') return true;
  return false;
}

/** The raw text children of a script/title element. */
function rawText(el: Element): string {
  let s = '';
  for (const k of el.children) if (isText(k)) s += k.data;
  return s;
}
