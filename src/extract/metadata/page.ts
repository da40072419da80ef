// Where things sit on the page: the article element, the main heading (without its
// kicker), masthead logos, whether an element lies in comments, related-link lists,
// navigation or other furniture whose bylines and dates are not the article's own, and an
// ordered walk over the text around the headline (where datelines and bylines sit).
//
// One `Page` is made per extraction: it remembers what it has worked out (the article, the
// heading, each element's place), so the extractors can ask freely without walking the
// same ancestors twice.
import { classAndId, closestWithin, isTag, isText, type AnyNode, type Element } from '../dom.ts';
import type { Collected } from './collect.ts';
import { textStart, textUpTo, tidy } from './text.ts';
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
/** Cheap pre-test for the token patterns above: most class names contain none of these. */
const PLACE_WORDS = /comment|respond|repl|discuss|relat|recommend|more|nav|breadcrumb|newsletter|promo|trend|popular|read|weitere|empfehl|cookie|outbrain|taboola|sidebar|footer|menu|teaser/;

/** Where an element sits: in the article or page body (0), in furniture outside the
 * article such as a footer or sidebar (1), or in comments, related links, navigation,
 * forms (2). */
export type Place = 0 | 1 | 2;

/** Class/id fragments of the site's masthead, where an <h1> holds the logo, not a headline. */
const LOGO_CONTEXT = /logo|brand|site-?title|site-?name|blog-?title|masthead|navbar|site-?header|global-?header|top-?bar/;

/** Class/id of a page-level <header> (the masthead), as opposed to an article's header. */
const SITE_HEADER = /site|global|masthead|top|main-?header|page-?header|navbar|banner|^\s*header\s*$/;

/** Class fragments of kickers (the small line above a headline, "Dachzeile") and of text
 * meant only for screen readers, inside a heading. */
const KICKER = /kicker|dachzeile|topline|overline|highline|eyebrow|roofline|spitzmarke|topic|label|h1small|superline|pre-?title|supertitle|super-?head|sub-?title|sub-?heading|title-?header|pre-?headline|flag|rubrik|category|visually-?hidden|sr-only|screen-?reader/;

/** A short text line near the heading, with how many elements lie between them. */
interface NearLine { text: string; el: Element; dist: number }

/** Calls `visit` for the short text nodes from `n` on in document order while the count
 * of elements passed (starting at `count`) stays within `reach`, skipping scripts, forms
 * and the like. Returns where it stopped, to resume from. */
function walkForward(n: AnyNode | null, reach: number, visit: (text: string, el: Element, count: number) => boolean | void, count = 0): { next: AnyNode | null; count: number } {
  while (n && count <= reach) {
    if (isText(n)) {
      const p = n.parent;
      if (p && isTag(p) && n.data.length <= 200 && visit(n.data, p, count) === true) return { next: nextAfter(n), count };
      n = nextAfter(n);
    } else if (isTag(n)) {
      if (count === reach) break;
      count++;
      n = SKIP_TAGS.has(n.name) ? nextAfter(n) : (firstInside(n) ?? nextAfter(n));
    } else n = nextAfter(n);
  }
  return { next: n, count };
}

/** How many elements the walk around the headline covers when the page has no heading. */
const NO_HEADING_REACH = 3000;

/** Tags whose text is never a dateline or byline: skipped by the walks around the headline. */
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'select', 'option', 'textarea', 'head', 'button']);

/** What the extractors know about one page, worked out on demand. */
export class Page {
  readonly c: Collected;
  private articleEl: Element | null | undefined;
  private headingEl: Element | null | undefined;
  private headingAnc: Set<Element> | undefined;
  private readonly places = new Map<Element, Place>();
  private readonly loosePlaces = new Map<Element, Place>();
  private readonly chains = new Map<Element, number>();
  private readonly looseChains = new Map<Element, number>();
  private readonly articleMemo = new Map<Element, boolean>();
  private near: { lines: NearLine[]; next: AnyNode | null; count: number } | undefined;

  constructor(c: Collected) {
    this.c = c;
  }

  /** The element holding the article: the <article> (or microdata article) holding the
   * page's <h1>, else the first that is not itself in a teaser list. */
  article(): Element | null {
    if (this.articleEl === undefined) {
      const usable = this.c.articles.filter((a) => placeOf(a, true, null) !== 2);
      // Several <article>s and a headline in none of them: they are teaser cards.
      const h1 = this.c.h1s.find((h) => placeOf(h, true, null) !== 2 && !isLogo(h));
      const holding = h1 ? usable.find((a) => isInside(h1, a)) : undefined;
      if (holding) this.articleEl = holding;
      else if (h1 && this.c.articles.length > 1) this.articleEl = null;
      else this.articleEl = usable[0] ?? this.c.articles[0] ?? null;
    }
    return this.articleEl;
  }

  /** The page's main heading: the first <h1> inside the article, else the first <h1> that
   * is not the site's logo; then a headline-classed element of the article. */
  heading(): Element | null {
    if (this.headingEl === undefined) {
      const article = this.article();
      // <h1>s outside furniture; one under a column flagged "sidebar" or "footer" only when
      // there is no other (layouts name their main column "content right-sidebar").
      const places = this.c.h1s.map((h) => (isLogo(h) ? 2 : placeOf(h, true, null)));
      const clean = this.c.h1s.filter((_, i) => places[i] === 0);
      const usable = clean.length ? clean : this.c.h1s.filter((_, i) => places[i] === 1);
      const inArticle = article ? usable.find((h) => isInside(h, article)) : undefined;
      this.headingEl = inArticle ?? usable[0] ?? (article ? this.c.headlineEls.find((h) => isInside(h, article) && placeOf(h, true, null) === 0) : undefined) ?? null;
    }
    return this.headingEl;
  }

  /** Ancestors of the main heading: a block holding the headline is the article's own,
   * whatever its class says ("content right-sidebar"). */
  private headingAncestors(): Set<Element> {
    if (!this.headingAnc) {
      this.headingAnc = new Set();
      let p = this.heading()?.parent;
      while (p && isTag(p)) {
        this.headingAnc.add(p);
        p = p.parent;
      }
    }
    return this.headingAnc;
  }

  /** Where `el` sits (see Place). Ancestors shared with the main heading do not count
   * (nor, above them, anything but an <article> or <main>). With `figuresCount` off, a
   * figure or caption around the element is harmless (a date in a header figure). The
   * answer for each ancestor chain is remembered, so asking about many elements of one
   * block costs little. */
  place(el: Element, figuresCount = true): Place {
    const memo = figuresCount ? this.places : this.loosePlaces;
    let v = memo.get(el);
    if (v === undefined) {
      const own = ownSignal(el);
      if (own === 2) v = 2;
      else {
        const up = el.parent && isTag(el.parent) ? this.chain(el.parent, figuresCount) : PASS;
        v = up === PASS ? (own === 1 ? 1 : 0) : (up as Place);
      }
      memo.set(el, v);
    }
    return v;
  }

  /** The verdict of the ancestors from `start` up (see placeOf for the rules), remembered
   * per ancestor: 0, 1, 2, or PASS when nothing above decides. */
  private chain(start: Element, figuresCount: boolean): number {
    const memo = figuresCount ? this.chains : this.looseChains;
    const shared = this.headingAncestors();
    const path: { el: Element; flag: boolean }[] = [];
    let value: number = PASS;
    let q: Element | null = start;
    while (q) {
      const known = memo.get(q);
      if (known !== undefined) {
        value = known;
        break;
      }
      if (q.name === 'article' || q.name === 'main') {
        value = 0;
        memo.set(q, 0);
        break;
      }
      if (shared.has(q)) {
        // Shared with the headline: only an <article> or <main> above still counts.
        value = this.articleAbove(q) ? 0 : PASS;
        memo.set(q, value);
        break;
      }
      if (q.name === 'body' || q.name === 'html') {
        value = PASS;
        memo.set(q, PASS);
        break;
      }
      let flag = false;
      if (BOILERPLATE_TAGS.has(q.name)) {
        if (q.name === 'footer' || q.name === 'aside' || (!figuresCount && (q.name === 'figure' || q.name === 'figcaption'))) flag = true;
        else {
          value = 2;
          memo.set(q, 2);
          break;
        }
      }
      const own = ownSignal(q);
      if (own === 2) {
        value = 2;
        memo.set(q, 2);
        break;
      }
      path.push({ el: q, flag: flag || own === 1 });
      q = q.parent && isTag(q.parent) ? q.parent : null;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const { el, flag } = path[i]!;
      if (value === PASS && flag) value = 1;
      memo.set(el, value);
    }
    return value;
  }

  /** Whether an <article> or <main> holds `el` (remembered per element). */
  private articleAbove(el: Element): boolean {
    const path: Element[] = [];
    let found = false;
    let q: Element | null = el.parent && isTag(el.parent) ? el.parent : null;
    while (q) {
      const known = this.articleMemo.get(q);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (q.name === 'article' || q.name === 'main') {
        found = true;
        this.articleMemo.set(q, true);
        break;
      }
      path.push(q);
      q = q.parent && isTag(q.parent) ? q.parent : null;
    }
    for (const p of path) this.articleMemo.set(p, found);
    return found;
  }

  /** Whether `el` sits in furniture of either kind. */
  inBoilerplate(el: Element, figuresCount = true): boolean {
    return this.place(el, figuresCount) !== 0;
  }

  /** Whether the main heading is marked up as the article's headline (itemprop=headline,
   * a CMS headline class such as "entry-title"), not only set as a heading. */
  headingMarked(): boolean {
    const h = this.heading();
    return !!h && this.c.headlineEls.includes(h);
  }

  /** The main heading's text without its kicker. */
  mainHeading(): string | null {
    const h = this.heading();
    return h ? headingText(h).headline : null;
  }

  /** Visible headings to compare with metadata titles: every <h1>, and headline-classed
   * elements outside furniture. */
  visibleHeadings(): VisibleHeading[] {
    const out: VisibleHeading[] = [];
    for (const el of [...this.c.h1s, ...this.c.headlineEls.filter((e) => !this.inBoilerplate(e))]) {
      const h = headingText(el);
      const h1 = el.name === 'h1';
      if (h.headline) out.push({ match: h.headline, text: h.headline, h1 });
      if (h.full && h.full !== h.headline) out.push({ match: h.full, text: h.headline ?? h.full, h1 });
    }
    return out;
  }

  /** Calls `visit` for the short text nodes around the main heading: first those after it
   * in document order (up to `after` elements), then those before it, nearest first (up to
   * `before` elements). Without a heading, the walk starts at the article (or the body)
   * and may go `NO_HEADING_REACH` elements far.
   * The heading's own text counts as after it. Stops when `visit` returns true. Text in
   * scripts, forms and the like is skipped. */
  aroundHeading(after: number, before: number, visit: (text: string, el: Element, afterHeading: boolean) => boolean | void): void {
    const h = this.heading();
    if (!h) {
      const start: AnyNode | null = this.article() ?? this.c.body;
      if (start) walkForward(firstInside(start) ?? nextAfter(start), Math.max(after, NO_HEADING_REACH), (t, el) => visit(t, el, true));
      return;
    }
    // The lines after the heading are gathered once per page, as far as any caller has
    // asked so far (several extractors read them); the few lines before it are walked on
    // demand (callers stop after two or three).
    const near = (this.near ??= { lines: [], next: firstInside(h) ?? nextAfter(h), count: 0 });
    if (near.count < after && near.next) {
      const r = walkForward(near.next, after, (text, el, dist) => {
        near.lines.push({ text, el, dist });
      }, near.count);
      near.next = r.next;
      near.count = r.count;
    }
    for (const l of near.lines) {
      if (l.dist > after) break;
      if (visit(l.text, l.el, true) === true) return;
    }
    let n = prevBefore(h);
    for (let c = 0; n && c <= before; n = prevBefore(n)) {
      if (isText(n)) {
        const p = n.parent;
        if (p && isTag(p) && !skipped(p) && n.data.length <= 200 && visit(n.data, p, false) === true) return;
      } else if (isTag(n)) c++;
    }
  }
}

function firstInside(n: AnyNode): AnyNode | null {
  return 'children' in n && n.children.length ? n.children[0]! : null;
}

/** The node after `n`'s subtree in document order. */
function nextAfter(n: AnyNode): AnyNode | null {
  let x: AnyNode | null = n;
  while (x) {
    if (x.next) return x.next;
    const p: AnyNode | null = x.parent;
    x = p && p.type !== 'root' ? p : null;
  }
  return null;
}

/** The node before `n` in document order (the deepest last descendant of its previous
 * sibling, else its parent). Skipped subtrees are not entered. */
function prevBefore(n: AnyNode): AnyNode | null {
  let x: AnyNode | null = n.prev;
  if (!x) {
    const p: AnyNode | null = n.parent;
    return p && p.type !== 'root' ? p : null;
  }
  while (isTag(x) && !SKIP_TAGS.has(x.name) && x.children.length) x = x.children[x.children.length - 1]!;
  return x;
}

function skipped(el: Element): boolean {
  return closestWithin(el, 4, (p) => SKIP_TAGS.has(p.name) || undefined) !== null;
}

/** An element's own class/id signal: 2 (comments, related, navigation …), 1 (sidebar,
 * footer, menu, teaser), 0 (nothing). */
function ownSignal(p: Element): 0 | 1 | 2 {
  if (!p.attribs.class && !p.attribs.id) return 0;
  const ci = classAndId(p);
  if (!PLACE_WORDS.test(ci)) return 0;
  let outside = false;
  for (const tok of ci.split(/\s+/)) {
    if (!tok || LAYOUT_FLAG.test(tok)) continue;
    if (BOILERPLATE_TOKEN.test(tok)) return 2;
    if (OUTSIDE_ARTICLE_TOKEN.test(tok)) outside = true;
  }
  return outside ? 1 : 0;
}

/** No verdict from the ancestors (see Page.chain). */
const PASS = 3;

/** Where `el` sits (see Place), looking at most 30 ancestors up; the classes of ancestors
 * in `stop` (shared with the headline) and above do not count. Reaching an <article> or <main> first means the weak
 * signals (footer, aside, sidebar, teaser) belong to the article itself: bylines often sit
 * there. */
function placeOf(el: Element, figuresCount: boolean, stop: Set<Element> | null): Place {
  let outside = false;
  let shared = false;
  let p: Element['parent'] = el;
  for (let i = 0; p && isTag(p) && i < 30; i++, p = p.parent) {
    if (p !== el && (p.name === 'article' || p.name === 'main')) return 0;
    // Above the block shared with the headline only an <article> or <main> still counts.
    if (shared || (p !== el && stop && stop.has(p))) {
      shared = true;
      continue;
    }
    if (p.name === 'body' || p.name === 'html') break;
    if (p !== el && BOILERPLATE_TAGS.has(p.name)) {
      if (p.name === 'footer' || p.name === 'aside' || (!figuresCount && (p.name === 'figure' || p.name === 'figcaption'))) outside = true;
      else return 2;
    }
    if (p.attribs.class || p.attribs.id) {
      const ci = classAndId(p);
      if (!PLACE_WORDS.test(ci)) continue;
      for (const tok of ci.split(/\s+/)) {
        if (!tok || LAYOUT_FLAG.test(tok)) continue;
        if (BOILERPLATE_TOKEN.test(tok)) return 2;
        if (OUTSIDE_ARTICLE_TOKEN.test(tok)) outside = true;
      }
    }
  }
  return outside ? 1 : 0;
}

/** A heading's text with and without its kicker. */
export function headingText(el: Element): { headline: string | null; full: string | null } {
  const full = textUpTo(el, 400);
  // A part of the heading marked as the headline itself ("<h1><span>Kicker</span><span
  // class="headline">Headline</span></h1>"): what else the heading holds is its kicker.
  const marked = markedHeadline(el);
  if (marked) return { headline: marked, full };
  let hasKicker = false;
  let headline = '';
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) headline += n.data;
    else if (isTag(n)) {
      if (((n.attribs.class || n.attribs.id) && KICKER.test(classAndId(n))) || n.attribs['aria-hidden'] === 'true' || isDateChild(n)) {
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

/** Class/itemprop of the part of a heading that is the headline proper. */
const HEADLINE_PART = /(?:^|[\s_-])headline(?:$|[\s_-])/i;

/** The text of the one element inside a heading marked as its headline, when the heading
 * also holds other words (a kicker); else null. */
function markedHeadline(el: Element): string | null {
  let found: Element | null = null;
  const stack: AnyNode[] = [...el.children];
  for (let seen = 0; stack.length && seen < 40; seen++) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    const mark = (n.attribs.class ?? '') + ' ' + (n.attribs.itemprop ?? '');
    if (HEADLINE_PART.test(mark)) {
      if (found) return null;
      found = n;
      continue;
    }
    stack.push(...n.children);
  }
  if (!found) return null;
  const own = tidy(textUpTo(found, 400) ?? '');
  const all = tidy(textUpTo(el, 400) ?? '');
  return own && /\p{L}{2}/u.test(own) && all.length > own.length + 1 && /\p{L}{2}/u.test(all.replace(own, '')) ? own : null;
}

/** A date line set apart inside a heading: "<h1>Headline<br><small>02.02.2022 • Sport</small>
 * </h1>", "<h1>Headline <time>…</time></h1>". */
function isDateChild(n: Element): boolean {
  if (n.name !== 'time' && n.name !== 'small' && !(n.attribs.class && /date|time|datum/i.test(n.attribs.class))) return false;
  return DATE_START.test(textStart(n, 80));
}

/** Text that starts with a date ("02.02.2022", "2022-02-02", "Feb. 2, 2022", "2. Februar 2022"). */
const DATE_START = /^[\s\u00a0]*(?:\p{L}{2,10}\.?,?\s+)?(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}{3,10}\.?\s+\d{4}|\p{L}{3,10}\.?\s+\d{1,2},?\s+\d{4})/u;

/** Whether an <h1> is the site's logo/name: it wraps an image, or sits in a masthead or a
 * page-level <header> (not an article's). */
export function isLogo(h: Element): boolean {
  // In a logo block or the site's header: a logo. In an <article> or <main> first: not one.
  let inArticle = false;
  const masthead = closestWithin(h, 6, (p) => {
    if ((p.attribs.class || p.attribs.id) && LOGO_CONTEXT.test(classAndId(p))) return true;
    if (p !== h && p.name === 'header' && (p.attribs.role === 'banner' || SITE_HEADER.test(classAndId(p))) && !hasAncestor(p, 'article')) return true;
    if (p.name === 'article' || p.name === 'main') inArticle = true;
    return inArticle ? false : undefined;
  });
  if (masthead) return true;
  if (inArticle) return false;
  for (let i = 0, n = h.children.length; i < n; i++) {
    const k = h.children[i]!;
    if (!isTag(k)) continue;
    if (k.name === 'img' || k.name === 'svg') return true;
    if (k.name === 'a') {
      // A link to the home page, or one classed as the logo: "<h1><a href="/" class="logo">".
      if (k.children.some((x) => isTag(x) && (x.name === 'img' || x.name === 'svg'))) return true;
      if ((k.attribs.class || k.attribs.id) && LOGO_CONTEXT.test(classAndId(k))) return true;
      if (/^(?:https?:\/\/[^/]+)?\/?(?:index\.\w+)?$/.test((k.attribs.href ?? '#').trim())) return true;
    }
  }
  return false;
}

export function hasAncestor(el: Element, name: string): boolean {
  return closestWithin(el.parent, 60, (p) => p.name === name || undefined) !== null;
}

export function isInside(node: Element, root: Element): boolean {
  return closestWithin(node, 200, (p) => p === root || undefined) !== null;
}

/** Text of the siblings after `el` up to the next line break or block (skipping leading
 * breaks), at most `max` characters. */
export function textAfter(el: AnyNode, max: number): string {
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
