// Where things sit on the page: the article element, the main heading (without its
// kicker), masthead logos, and whether an element lies in comments, related-link lists,
// navigation or other furniture whose bylines and dates are not the article's own.
import { classAndId, isTag, isText, type AnyNode, type Element } from '../dom.ts';
import type { Collected } from './collect.ts';
import { textUpTo, tidy } from './text.ts';
import type { VisibleHeading } from './title.ts';

/** Class/id tokens of blocks whose content is not the article's own: comments, related
 * teasers, recommendations, navigation. A token counts when it is the keyword with at
 * most one word before or after ("comments", "comment-list", "related-posts",
 * "main-navigation") — not layout flags like "with-navigation" or "no-sidebars". */
const BOILERPLATE_TOKEN = /^(?:[a-z0-9]+[-_]{1,2})?(?:comments?|comment-?list|respond|replies|discussion|related|recommend(?:ed|ations?)?|more-?(?:stories|articles|news)|nav|navigation|navbar|breadcrumbs?|newsletter|promos?|trending|popular|most-?read|also-?read|read-?more|weitere|empfehlungen?|cookies?|outbrain|taboola)(?:[-_]{1,2}[a-z0-9]+)?$/;
/** Page furniture that is boilerplate only outside the article (an article's own footer
 * or sidebar column often holds its byline and date). */
const OUTSIDE_ARTICLE_TOKEN = /^(?:[a-z0-9]+[-_]{1,2})?(?:sidebar|footer|menu|teasers?)(?:[-_]{1,2}[a-z0-9]+)?$/;
/** Token prefixes that make a class a layout flag, not a block name. */
const LAYOUT_FLAG = /^(?:with|has|no|one|two|three|zen|is|show|hide|toggle|mobile|skip|js|layout|page|body|post|entry|article|story|blog|category|tag|format|status|type|postid|section|node-type|term|taxonomy)[-_]/;
/** Tags whose content is furniture (footer and aside only outside the article). */
const BOILERPLATE_TAGS = new Set(['aside', 'footer', 'nav', 'figure', 'figcaption', 'form', 'button', 'select', 'label']);

export function visibleHeadings(c: Collected): VisibleHeading[] {
  const out: VisibleHeading[] = [];
  // Not filtered by place: a heading only counts here when it equals a metadata title.
  for (const el of [...c.h1s, ...c.headlineEls.filter((e) => !inBoilerplate(e))]) {
    const h = headingText(el);
    if (h.headline) out.push({ match: h.headline, text: h.headline });
    if (h.full && h.full !== h.headline) out.push({ match: h.full, text: h.headline ?? h.full });
  }
  return out;
}

/** Class/id fragments of the site's masthead, where an <h1> holds the logo, not a headline. */
const LOGO_CONTEXT = /logo|brand|site-?title|site-?name|blog-?title|masthead|navbar|site-?header|global-?header|top-?bar/;

/** Class/id of a page-level <header> (the masthead), as opposed to an article's header. */
const SITE_HEADER = /site|global|masthead|top|main-?header|page-?header|navbar|banner|^\s*header\s*$/;

/** The page's main heading: the first <h1> inside the article, else the first <h1> that
 * is not the site's logo; then a headline-classed element of the article. */
export function mainHeading(c: Collected): string | null {
  const pick = mainHeadingEl(c);
  return pick ? headingText(pick).headline : null;
}

export function mainHeadingEl(c: Collected): Element | null {
  const article = mainArticle(c);
  const usable = c.h1s.filter((h) => !inBoilerplate(h) && !isLogo(h));
  const inArticle = article ? usable.find((h) => isInside(h, article)) : undefined;
  return inArticle ?? usable[0] ?? (article ? c.headlineEls.find((h) => isInside(h, article) && !inBoilerplate(h)) : undefined) ?? null;
}

/** Class fragments of kickers (the small line above a headline, "Dachzeile") and of text
 * meant only for screen readers, inside a heading. */
const KICKER = /kicker|dachzeile|topline|overline|eyebrow|roofline|spitzmarke|topic|label|h1small|superline|pre-?title|supertitle|super-?head|sub-?title|sub-?heading|title-?header|pre-?headline|flag|rubrik|category|visually-?hidden|sr-only|screen-?reader/;

/** A heading's text with and without its kicker. */
export function headingText(el: Element): { headline: string | null; full: string | null } {
  const full = textUpTo(el, 400);
  let hasKicker = false;
  let headline = '';
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) headline += n.data;
    else if (isTag(n)) {
      if (((n.attribs.class || n.attribs.id) && KICKER.test(classAndId(n))) || n.attribs['aria-hidden'] === 'true') {
        hasKicker = true;
        continue;
      }
      if (n.name === 'br') headline += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    if (headline.length > 400) return { headline: full, full };
  }
  const h = hasKicker ? headline.trim() : '';
  return { headline: h && /\p{L}{2}/u.test(h) ? h : full, full };
}

/** Whether an <h1> is the site's logo/name: it wraps an image, or sits in a masthead or a
 * page-level <header> (not an article's). */
export function isLogo(h: Element): boolean {
  let p: Element['parent'] = h;
  for (let i = 0; p && isTag(p) && i < 6; i++, p = p.parent) {
    if ((p.attribs.class || p.attribs.id) && LOGO_CONTEXT.test(classAndId(p))) return true;
    if (p !== h && p.name === 'header' && (p.attribs.role === 'banner' || SITE_HEADER.test(classAndId(p))) && !hasAncestor(p, 'article')) return true;
    if (p.name === 'article' || p.name === 'main') return false;
  }
  for (let i = 0, n = h.children.length; i < n; i++) {
    const k = h.children[i]!;
    if (isTag(k) && (k.name === 'img' || k.name === 'svg' || (k.name === 'a' && k.children.some((x) => isTag(x) && (x.name === 'img' || x.name === 'svg'))))) return true;
  }
  return false;
}

export function hasAncestor(el: Element, name: string): boolean {
  let p: Element['parent'] = el.parent;
  for (let i = 0; p && isTag(p) && i < 60; i++, p = p.parent) if (p.name === name) return true;
  return false;
}

/** The element holding the article: the first <article> (or microdata article) that is
 * not itself in a teaser list. */
export function mainArticle(c: Collected): Element | null {
  for (const a of c.articles) if (!inBoilerplate(a)) return a;
  return c.articles[0] ?? null;
}

/** Whether an element sits in comments, related links, navigation, a form, a figure
 * (unless `figuresCount` is off: a date in a header figure is fine) — or in a footer,
 * sidebar, aside or teaser outside the article. Looks at most 30 ancestors up, so deep
 * pages stay cheap. Reaching an <article> or <main> first means the weak signals
 * (footer, aside, teaser) belong to the article itself: bylines often sit there. */
export function inBoilerplate(el: Element, figuresCount = true): boolean {
  let outside = false;
  let p: Element['parent'] = el;
  for (let i = 0; p && isTag(p) && i < 30; i++, p = p.parent) {
    if (p !== el && (p.name === 'article' || p.name === 'main')) return false;
    if (p.name === 'body' || p.name === 'html') break;
    if (p !== el && BOILERPLATE_TAGS.has(p.name)) {
      if (p.name === 'footer' || p.name === 'aside' || (!figuresCount && (p.name === 'figure' || p.name === 'figcaption'))) outside = true;
      else return true;
    }
    if (p.attribs.class || p.attribs.id) {
      for (const tok of classAndId(p).split(/\s+/)) {
        if (!tok || LAYOUT_FLAG.test(tok)) continue;
        if (BOILERPLATE_TOKEN.test(tok)) return true;
        if (OUTSIDE_ARTICLE_TOKEN.test(tok)) outside = true;
      }
    }
  }
  return outside;
}

export function isInside(node: Element, root: Element): boolean {
  let p: Element['parent'] = node;
  for (let i = 0; p && i < 200; i++, p = p.parent) if (p === root) return true;
  return false;
}


/** Text of the siblings after `el` up to the next line break or block (skipping leading
 * breaks), at most `max` characters. */
export function textAfter(el: Element, max: number): string {
  let out = '';
  let n = el.next;
  let started = false;
  for (let i = 0; n && i < 12; i++, n = n.next) {
    if (isText(n)) {
      out += n.data;
      if (out.trim()) started = true;
    } else if (isTag(n)) {
      if (n.name === 'br') {
        if (started) break;
        continue;
      }
      if (BLOCK_TAGS.has(n.name) && started) break;
      out += ' ' + (textUpTo(n, max) ?? '');
      if (out.trim()) started = true;
    }
    if (out.length > max) break;
  }
  return tidy(out).slice(0, max);
}

/** Block-level tags that end an inline run of text. */
const BLOCK_TAGS = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer', 'table', 'tr', 'td', 'article', 'aside', 'figure', 'blockquote', 'dl', 'dt', 'dd']);
