// One pass over the page that gathers every place metadata can hide: meta tags, links,
// JSON-LD scripts, the <title>, headings, <time> elements, microdata, byline- and
// date-looking elements, author-page links, copyright and source lines, figures and
// images. The extractors then read only these short lists, so a large page costs one
// walk, not dozens of selector queries.
//
// The walk is the hot path of metadata extraction (every node of every page): tags are
// dispatched through one map lookup, attributes are read in one pass, class names go
// through one cheap pattern (and a per-page memo) before the specific ones, and text
// nodes are tested only when their first word can start a label. Work that only some
// pages need (inline app-state scripts, the text around the headline) is left to the
// extractors that ask for it.
import { classAndId, closestWithin, isTag, isText, type AnyNode, type Document, type Element, type Text } from '../dom.ts';

/** What the walk found, in document order. Lists are capped (see LIMITS). */
export interface Collected {
  /** `<html lang>` (or xml:lang). */
  htmlLang: string | null;
  /** The <body> element (the first one). */
  body: Element | null;
  /** `<base href>`, as written. */
  baseHref: string | null;
  /** Meta tags keyed by each lower-cased name/property/itemprop/http-equiv token. */
  metas: Map<string, string[]>;
  /** `<link rel=canonical href>` values. */
  canonical: string[];
  /** `<link rel=image_src href>`. */
  imageSrc: string | null;
  /** The site's name from its main feed link's title ("Site » Feed", WordPress and most
   * blog engines write it so), or null. */
  feedSiteName: string | null;
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
  /** Text nodes that open a byline ("By …", "Von …", "Autor:"), with their element. */
  byTexts: { node: Text; el: Element }[];
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
  /** Inline scripts other than JSON-LD (app state such as `__NEXT_DATA__`), searched for a
   * publication date only when the page states none elsewhere (see scriptDate). */
  scripts: Element[];
  /** Source credit lines ("Quelle: dpa", "Source: Reuters") with their element. */
  sourceLines: { node: Text; el: Element }[];
  /** Copyright lines ("© 2021 Jane Doe", "Copyright (c) Max Muster") with their element. */
  copyrights: { text: string; el: Element }[];
  /** Links to an author page (`/author/jane-doe/`, `/autor/…`): WordPress and most CMSes
   * link the byline name there. */
  authorLinks: Element[];
  /** Comments WordPress marks as the post author's own (`class="comment … bypostauthor"`):
   * they carry the author's display name where a theme prints no byline. */
  postAuthorComments: Element[];
}

/** Caps per list: enough for any real page, bounded for hostile ones. */
const LIMITS = { scripts: 40, authorLinks: 20, copyrights: 6, sourceLines: 6, h1s: 12, headlineEls: 12, timeEls: 60, bylineEls: 60, byTexts: 20, dateEls: 60, dateTextEls: 20, figures: 60, imgs: 80, articles: 20, props: 30, postAuthorComments: 3 } as const;

/** Class/id/itemprop/rel fragments that mark a byline or author element. */
const BYLINE_ATTR = /byline|author(?!i[tz]|is)|writer|autor(?!i[tz])|verfasser|reporter|journalist|credit|contributor|submitted|signature/;

/** ...but not the author biography boxes, avatars, comment authors and share widgets that
 * carry the same words. */
const BYLINE_ATTR_EXCLUDE = /bio|about|avatar|comment|image|img|photo|picture|thumb|headshot|social|follow|share|more|related|tooltip|popup|twitter|facebook|caption|figure|e-?mail|reply|review|respond|authorization|list-?item-?image|location|views|hits/;

/** Parts of a byline block that are not the writer: the place it was filed from
 * ("c-signature__location"), view counters. Their text is left out of the block's. */
export const BYLINE_PART_EXCLUDE = /location|views|hits|dateline-place|ortsmarke/;

/** Class/id fragments of elements that often carry the publication date. */
const DATE_ATTR = /date|datum|time|zeit|fecha|publish|posted|dateline|timestamp|meta|info|stand|byline/;

/** Class/id fragments that are time-ish but never a publication date. */
const DATE_ATTR_EXCLUDE = /runtime|timeline|reading-?time|readtime|lesezeit|update-?time|comment|timer|countdown|weather|wetter/;

/** Class fragments of the headline element in common CMS templates. */
const HEADLINE_ATTR = /headline|entry-title|post-title|article-title|story-title|article__title|post__title|news-title|title-article|titel/;

/** A text node that opens a byline: "By Jane Doe", "Von Max Mustermann", "Por …", "Par …",
 * "Text: …", "Written by …". Only short text nodes are tested. */
export const BY_TEXT = /^(?:(?:written|posted|published|reported|words|story|report|text|texte|texto|artikel|beitrag|blog\s?beitrag|ein blogbeitrag|bericht|geschrieben|verfasst|ein beitrag|ein artikel|ein kommentar|kommentar|eine kolumne|kolumne|ein gastbeitrag|gastbeitrag|ein interview|interview|eine analyse|analyse|erstellt|eingestellt|gepostet|gespeichert|submitted|veröffentlicht|publicado|escrito|publié|écrit)\s+)?(?:by|von|por|par|door|di|av|af|de)\s*:?(?:\s+\S|\s*$)|^(?:text|texte|autor(?:in)?|author|auteur|autore|by|von|redaktion|reporter|herausgeber(?:in)?|fotos?\s*(?:und|&|\+)\s*text|text\s*(?:und|&|\+)\s*fotos?)\s*:(?:\s*\S|\s*$)|^(?:作者|记者|責任編輯|责任编辑|编辑|編輯|撰文|文)\s*[:：]|^(?:by|von|por|par|door|text:|autor:|author:)$/i;

/** A text node that opens a dateline ("Published 3 March 2024", "Stand: 12.05.2023"). */
export const DATE_TEXT = /^(?:published|posted|updated|last updated|first published|veröffentlicht|erschienen|stand|aktualisiert|zuletzt aktualisiert|erstellt|datum|date|publié|publicado|pubblicato|gepubliceerd|publiziert|online seit)\b|^(?:am|on|le|el)\s+\d/i;

/** Publication-date keys in inline JSON application state (Next.js, Shopify, Nuxt …). */
const SCRIPT_DATE = /"(?:datePublished|date_published|published_at|publishedAt|publishedDate|publishDate|publish_date|pubDate|firstPublished|firstPublishedAt|publicationDate|displayDate)"\s*:\s*"((?:19|20)\d{2}-\d{2}-\d{2}[^"]{0,30})"/;

/** Scripts longer than this are not searched: a page's app state can be megabytes. */
const MAX_SCRIPT_CHARS = 2_000_000;

/** The first publication date written in the page's inline app-state scripts, or null.
 * Costs a scan of every inline script, so callers ask only when nothing else dates the
 * page. */
export function scriptDate(c: Collected): string | null {
  for (const el of c.scripts) {
    const text = rawText(el);
    if (text.length > MAX_SCRIPT_CHARS) continue;
    const m = SCRIPT_DATE.exec(text);
    if (m) return m[1]!;
  }
  return null;
}

/** Class/id words that make an element worth the detailed tests below; most class names
 * ("row", "col-md-6", "container") fail this one test. */
const INTERESTING_ATTR = /by|aut|writ|verf|report|journal|credit|contrib|submit|signat|dat|tim|zeit|fech|publ|post|meta|info|stand|head|tit|capt/;

/** Paths of author pages that bylines link to. */
const AUTHOR_HREF = /\/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|autores|journalist|journalisten|redakteur|redakteure|writers?)\/[^/?#]/i;

/** Tags the walk treats specially, by code (one map lookup instead of a chain of string
 * comparisons per element). */
const enum Tag { Other, Script, Skip, Html, Body, Base, Title, Meta, Link, H1, Time, Figure, Article, Img, A }
const TAGS = new Map<string, Tag>([
  ['script', Tag.Script], ['style', Tag.Skip], ['template', Tag.Skip], ['svg', Tag.Skip], ['math', Tag.Skip], ['iframe', Tag.Skip], ['object', Tag.Skip],
  ['pre', Tag.Skip], ['code', Tag.Skip], ['textarea', Tag.Skip], ['select', Tag.Skip], ['html', Tag.Html], ['body', Tag.Body], ['base', Tag.Base],
  ['title', Tag.Title], ['meta', Tag.Meta], ['link', Tag.Link], ['h1', Tag.H1], ['time', Tag.Time], ['figure', Tag.Figure], ['article', Tag.Article],
  ['img', Tag.Img], ['a', Tag.A],
]);

/** Walks the document once and returns the collected lists. Does not modify the tree. */
export function collect(doc: Document): Collected {
  const c: Collected = {
    htmlLang: null, body: null, baseHref: null, metas: new Map(), canonical: [], imageSrc: null, feedSiteName: null, relAuthors: [], ldJson: [], titleTag: null,
    h1s: [], headlineEls: [], timeEls: [], props: new Map(), bylineEls: [], byTexts: [], dateEls: [], dateTextEls: [], figures: [], imgs: [], articles: [],
    h1Order: [], scripts: [], authorLinks: [], postAuthorComments: [], copyrights: [], sourceLines: [],
  };
  let order = 0;
  const memo = new Map<string, number>();
  // Document order through first-child and next-sibling links: no stack, no recursion.
  let node: AnyNode | null = doc.children[0] ?? null;
  while (node) {
    let descend = false;
    if (isText(node)) visitText(node.data, node, c);
    else if (isTag(node)) {
      order++;
      descend = visitElement(node, c, order, memo);
    }
    if (descend && (node as Element).children.length) {
      node = (node as Element).children[0]!;
      continue;
    }
    while (node && !node.next) {
      const p: AnyNode | null = node.parent;
      node = p && p !== doc ? p : null;
    }
    if (node) node = node.next;
  }
  return c;
}

/** Files one element; returns whether its children are to be walked. */
function visitElement(el: Element, c: Collected, order: number, memo: Map<string, number>): boolean {
  const name = el.name;
  const a = el.attribs;
  switch (TAGS.get(name) ?? Tag.Other) {
    case Tag.Script: {
      const type = a.type;
      if (type && /ld\+json/i.test(type)) c.ldJson.push(rawText(el));
      else if (!a.src && c.scripts.length < LIMITS.scripts) c.scripts.push(el);
      return false;
    }
    case Tag.Skip:
      return false;
    case Tag.Html:
      if (!c.htmlLang) c.htmlLang = a.lang || a['xml:lang'] || null;
      break;
    case Tag.Body:
      c.body ??= el;
      break;
    case Tag.Base:
      if (c.baseHref == null && a.href) c.baseHref = a.href;
      return false;
    case Tag.Title:
      if (c.titleTag == null) c.titleTag = rawText(el);
      return false;
    case Tag.Meta:
      visitMeta(el, c);
      return false;
    case Tag.Link:
      visitLink(el, c);
      return false;
    case Tag.H1:
      if (c.h1s.length < LIMITS.h1s) {
        c.h1s.push(el);
        c.h1Order.push(order);
      }
      break;
    case Tag.Time:
      if (c.timeEls.length < LIMITS.timeEls) c.timeEls.push(el);
      break;
    case Tag.Figure:
      if (c.figures.length < LIMITS.figures) c.figures.push(el);
      break;
    case Tag.Article:
      if (c.articles.length < LIMITS.articles) c.articles.push(el);
      break;
    case Tag.Img:
      if (c.imgs.length < LIMITS.imgs && !insideFigure(el)) c.imgs.push(el);
      break;
    case Tag.A: {
      const rel = a.rel, href = a.href;
      if (rel && c.relAuthors.length < LIMITS.bylineEls && /\bauthor\b/i.test(rel)) c.relAuthors.push(el);
      if (href && c.authorLinks.length < LIMITS.authorLinks && AUTHOR_HREF.test(href)) c.authorLinks.push(el);
      break;
    }
    default:
      break;
  }
  // One pass over the attribute names (for…in is several times cheaper than looking up
  // five named properties on attribute objects of ever-changing shapes).
  let cls: string | undefined, id: string | undefined, ip: string | undefined, rel: string | undefined, itemtype: string | undefined;
  for (const k in a) {
    switch (k) {
      case 'class': cls = a[k]; break;
      case 'id': id = a[k]; break;
      case 'itemprop': ip = a[k]; break;
      case 'rel': rel = a[k]; break;
      case 'itemtype': itemtype = a[k]; break;
    }
  }
  const itemprop = ip ? ip.toLowerCase() : '';
  if (ip) visitItemprop(el, itemprop, c);
  if (itemtype && c.articles.length < LIMITS.articles && /Article|BlogPosting|NewsArticle/.test(itemtype)) c.articles.push(el);
  const f = (cls ? classFlags(cls, memo) : 0) | (id ? rawFlags(id) : 0) | (ip ? rawFlags(itemprop) : 0) | (rel ? rawFlags(rel) : 0);
  if (f === 0) return true;
  if (f & F.Figure && c.figures.length < LIMITS.figures && name !== 'figure') c.figures.push(el);
  if (f & F.Headline && c.headlineEls.length < LIMITS.headlineEls && HEADLINE_TAGS.has(name)) c.headlineEls.push(el);
  if ((f & (F.Date | F.NotDate)) === F.Date && c.dateEls.length < LIMITS.dateEls && name !== 'body' && name !== 'html') c.dateEls.push(el);
  if ((f & (F.Byline | F.NotByline)) === F.Byline && c.bylineEls.length < LIMITS.bylineEls && !NOT_BYLINE_TAGS.has(name)) c.bylineEls.push(el);
  if (f & F.Byline && cls && c.postAuthorComments.length < LIMITS.postAuthorComments && /\bbypostauthor\b/.test(cls)) c.postAuthorComments.push(el);
  return true;
}

/** What a class, id, itemprop or rel value says about its element (bit flags). */
const enum F { Figure = 1, Headline = 2, Date = 4, NotDate = 8, Byline = 16, NotByline = 32 }

/** Flags of a lower-cased attribute value. One cheap test first: most class names ("row",
 * "col-md-6", "container") contain none of the words the specific patterns look for. */
function attrFlags(v: string): number {
  let f = 0;
  if (INTERESTING_ATTR.test(v)) {
    if (/\bwp-caption\b|\bimage-caption\b/.test(v)) f |= F.Figure;
    if (HEADLINE_ATTR.test(v)) f |= F.Headline;
    if (DATE_ATTR.test(v)) f |= F.Date;
    if (BYLINE_ATTR.test(v)) f |= F.Byline;
  }
  if (NOT_ATTR.test(v)) {
    if (DATE_ATTR_EXCLUDE.test(v)) f |= F.NotDate;
    if (BYLINE_ATTR_EXCLUDE.test(v)) f |= F.NotByline;
  }
  return f;
}

/** Flags of a raw (any case) attribute value: the case-blind pre-test first, so most
 * values are never lower-cased. */
function rawFlags(v: string): number {
  return ANY_ATTR.test(v) ? attrFlags(v.toLowerCase()) : 0;
}

/** Flags of a class attribute, remembered per page: the same class strings repeat on
 * hundreds of elements. */
function classFlags(cls: string, memo: Map<string, number>): number {
  let f = memo.get(cls);
  if (f === undefined) {
    f = rawFlags(cls);
    memo.set(cls, f);
  }
  return f;
}

/** Every word either pre-test below looks for, in one pattern: most class names match
 * none, and one scan settles them. */
const ANY_ATTR = /by|aut|writ|verf|report|journal|credit|contrib|submit|signat|dat|tim|zeit|fech|publ|post|meta|info|stand|head|tit|capt|read|lesezeit|comment|count|weather|wetter|bio|about|avatar|imag|img|photo|pictur|thumb|social|follow|share|more|relat|tooltip|popup|twitter|facebook|figure|mail|repl|review|respond/i;

/** Cheap pre-test for the two exclusion patterns. */
const NOT_ATTR = /time|tim|read|lesezeit|comment|count|weather|wetter|bio|about|avatar|imag|img|photo|pictur|thumb|headshot|social|follow|share|more|relat|tooltip|popup|twitter|facebook|caption|figure|mail|repl|review|respond|authoriz|locat|views|hits/;

/** Tags a headline-classed element may have. */
const HEADLINE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'span', 'p', 'header', 'a']);

/** Tags that are never themselves a byline even when their class says "author". */
const NOT_BYLINE_TAGS = new Set(['html', 'body', 'main', 'h1', 'article', 'section', 'img', 'meta', 'link', 'script', 'style', 'form', 'input', 'textarea', 'button', 'table', 'nav', 'footer', 'header', 'svg', 'picture', 'source', 'figure']);

/** Whether a character code can open a byline or dateline label once leading separators
 * are skipped: a letter (any script) — digits, quotes and symbols cannot. */
function opensLabel(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch >= 0xc0;
}

/** Separators and spaces skipped before a label ("| By", "- Redaktion:", "— by"). */
function isLeadingPunct(ch: number): boolean {
  return ch <= 32 || ch === 124 || ch === 45 || ch === 44 || ch === 59 || ch === 58 || ch === 0xa0 || ch === 0xb7 || ch === 0x2022 || ch === 0x2013 || ch === 0x2014 || ch === 0x2015;
}

function visitText(data: string, node: AnyNode, c: Collected): void {
  const len = data.length;
  if (len < 2 || len > 160) return;
  let i = 0;
  while (i < len && isLeadingPunct(data.charCodeAt(i))) i++;
  if (len - i < 2) return;
  const ch = data.charCodeAt(i);
  if (ch === 0xa9 || ch === 40) {
    // "© 2021 Jane Doe", "(c) Max Muster"
    const parent = node.parent;
    if (parent && isTag(parent) && c.copyrights.length < LIMITS.copyrights && (ch === 0xa9 || /^\(c\)/i.test(data.slice(i, i + 3)))) c.copyrights.push({ text: data, el: parent });
    return;
  }
  if (!opensLabel(ch)) return;
  // The first word decides whether any label pattern can match (one set lookup instead of
  // four patterns on every line of text); CJK labels have no spaces to end a word.
  if (ch < 0x3000) {
    // A hash of the lower-cased word first: no string is made for the many words that
    // are not labels.
    let j = i;
    let h = 0;
    for (; j < len && j - i < 16; j++) {
      const k = data.charCodeAt(j);
      if (!opensLabel(k)) break;
      h = (Math.imul(h, 31) + (k >= 65 && k <= 90 ? k + 32 : k)) | 0;
    }
    if (!LABEL_HASHES.has(h) || !LABEL_WORDS.has(data.slice(i, j).toLowerCase())) return;
  }
  const parent = node.parent;
  if (!parent || !isTag(parent) || parent.name === 'title' || parent.name === 'option') return;
  const t = i ? data.slice(i) : data;
  if ((ch === 67 || ch === 99) && c.copyrights.length < LIMITS.copyrights && /^copyright\b/i.test(t)) c.copyrights.push({ text: data, el: parent });
  if (c.byTexts.length < LIMITS.byTexts && parent.name !== 'a' && (BY_TEXT.test(t) || (LABEL_CELLS.has(parent.name) && BY_LABEL_CELL.test(t)))) c.byTexts.push({ node: node as Text, el: parent });
  if (c.dateTextEls.length < LIMITS.dateTextEls && DATE_TEXT.test(t)) c.dateTextEls.push(parent);
  if (c.sourceLines.length < LIMITS.sourceLines && SOURCE_LINE.test(t)) c.sourceLines.push({ node: node as Text, el: parent });
}

/** A source credit label: "Quelle: …", "Source: …". */
export const SOURCE_LINE = /^(?:quelle|source|fuente|fonte|bron)\s*:/i;

/** First words of the labels BY_TEXT, BY_LABEL_CELL, DATE_TEXT, SOURCE_LINE and copyright
 * lines start with (keep in step with those patterns). */
const LABEL_WORDS = new Set([
  // bylines
  'by', 'von', 'vom', 'por', 'par', 'door', 'di', 'av', 'af', 'de', 'written', 'posted', 'published', 'reported', 'words', 'story', 'report', 'text', 'texte', 'texto',
  'artikel', 'beitrag', 'blog', 'blogbeitrag', 'ein', 'eine', 'bericht', 'geschrieben', 'verfasst', 'kommentar', 'kolumne', 'gastbeitrag', 'interview', 'analyse',
  'erstellt', 'eingestellt', 'gepostet', 'gespeichert', 'submitted', 'veröffentlicht', 'publicado', 'escrito', 'publié', 'écrit', 'autor', 'autorin', 'autoren',
  'author', 'authors', 'auteur', 'auteurs', 'autore', 'autori', 'autores', 'redaktion', 'reporter', 'fotos', 'foto', 'writer', 'verfasser', 'verfasserin', 'herausgeber', 'herausgeberin',
  // datelines
  'updated', 'last', 'first', 'erschienen', 'stand', 'aktualisiert', 'zuletzt', 'datum', 'date', 'pubblicato', 'gepubliceerd', 'publiziert', 'online', 'am', 'on', 'le', 'el',
  // source credits, copyright lines
  'quelle', 'source', 'fuente', 'fonte', 'bron', 'copyright',
]);

/** wordHash of each label word (see visitText). Non-ASCII letters are hashed as written:
 * their upper-case forms miss the hash and are not taken (labels are written lower or
 * title case, where the first letter is ASCII in every word listed). */
const LABEL_HASHES = new Set([...LABEL_WORDS].map(wordHash));

function wordHash(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  return h;
}

/** Elements that label the next cell in a definition list or table ("<dt>Auteur</dt><dd>…"),
 * or the block after a small heading ("<h4>Autor</h4><p><a>Jane Doe</a></p>"). */
export const LABEL_CELLS: ReadonlySet<string> = new Set(['dt', 'th', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A byline label in such a cell, with or without a colon. */
export const BY_LABEL_CELL = /^(?:autor(?:in|en)?|authors?|auteurs?|autore|autori|autores|by|text|texte|texto|redaktion|writer|written by|reporter|verfasser(?:in)?|von|par|por)\s*[:：]?\s*$/i;

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

/** Feed link types. */
const FEED_TYPE = /^application\/(?:rss|atom)\+xml$/i;

/** The title of a site's main feed: "Site » Feed", "Site » Flux", "Site - RSS" (not a
 * post's comment feed, "Site » Headline Comments Feed"). */
const SITE_FEED_TITLE = /^([^»›|]{2,60}?)\s+(?:»|›|[-–—|])\s+(?:feed|rss|atom|flux|rss[- ]feed|atom[- ]feed|newsfeed)$/i;

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
  if (rels.includes('alternate') && !c.feedSiteName && el.attribs.title && FEED_TYPE.test(el.attribs.type ?? '')) {
    const m = SITE_FEED_TITLE.exec(el.attribs.title.trim());
    if (m) c.feedSiteName = m[1]!.trim();
  }
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
  return closestWithin(img.parent, 6, (p) => p.name === 'figure' || undefined) !== null;
}

/** The raw text children of a script/title element. */
export function rawText(el: Element): string {
  let s = '';
  for (const k of el.children) if (isText(k)) s += k.data;
  return s;
}
