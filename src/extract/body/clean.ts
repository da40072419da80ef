// Pruning: what is removed from the page before scoring (page furniture), and what is
// removed from the chosen body afterwards (residue inside the article container).
import { isAncestor, isTag, isText, parseHtml, removeNode, classAndId, cleanText, walk, type AnyNode, type Element } from '../dom.ts';
import { BODY_CONTAINER, BOILERPLATE, DROP_TAGS, RESIDUE_LINE, TEASER_PREFIX, ARTICLE_HINT, READER_PROMPT, TAIL_HEADING, STRONG_BOILERPLATE, BLOCK_TAGS } from './patterns.ts';
import { computeStats, linkDensity, statsOf, type TextStats } from './stats.ts';

/** Inline elements that are kept even when they hold only whitespace. */
const INLINE_TAGS_KEPT_EMPTY = new Set(['strong', 'em', 'b', 'span']);

/** Tags whose elements are furniture by their nature, unless they hold much of the text. */
const FURNITURE_TAGS = new Set(['header', 'footer', 'aside']);

/** An element matching BOILERPLATE is kept anyway when it holds at least this share of
 * the page's paragraph text: a layout wrapper named "has-sidebar" must not take the
 * article with it. */
const KEEP_IF_TEXT_SHARE = 0.4;

/** A <header> with this much prose carries the article's standfirst. */
const HEADER_STANDFIRST_CHARS = 80;

/** Paragraphs this long are never removed for their class alone. */
const LONG_PROSE_CHARS = 150;

/** Inline styles that hide an element, including the screen-reader-only clip trick
 * (", opens new tab" link suffixes are not article text). */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|clip\s*:\s*rect\(\s*0(?:px)?[\s,]+0|clip-path\s*:\s*inset\(\s*50%)/i;

/** Class/id words of image captions and credits outside a <figure>: in the text they
 * would repeat what the lead image already says. */
const CAPTION_NAME = /caption|credit(?:s)?(?=$|[\s_-])|(?:^|[\s_-])(?:copyright|bildunterschrift|bildnachweis|legende|leyenda)(?=$|[\s_-])/;
/** A body with less prose than this is a gallery (its captions are its text). */
const GALLERY_MAX_PROSE = 200;
/** Captions are short; a long block with such a name is something else. */
const CAPTION_MAX_CHARS = 400;

/** True when the element is hidden from readers by markup. */
export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && el.name !== 'img' && el.name !== 'figure' && el.name !== 'picture') return true;
  const style = a.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

/** Removes tags that never hold article text and hidden elements. */
export function dropNonContent(root: AnyNode): void {
  const doomed: AnyNode[] = [];
  const templates: Element[] = [];
  walk(root, (n) => {
    if (n.type === 'comment' || n.type === 'directive') {
      doomed.push(n);
      return false;
    }
    if (!isTag(n)) return true;
    if (n.name === 'script' && n.attribs.type === 'text/template' && n.parent && isTag(n.parent) && holdsBodyName(n.parent)) {
      templates.push(n);
      return false;
    }
    if (DROP_TAGS.has(n.name) || isHidden(n)) {
      doomed.push(n);
      return false;
    }
    return true;
  });
  for (const n of doomed) removeNode(n);
  for (const t of templates) inlineTemplate(t);
}

/** True for the article body container by name or microdata. */
function holdsBodyName(el: Element): boolean {
  return el.attribs.itemprop === 'articleBody' || BODY_CONTAINER.test(classAndId(el));
}

/** Blogger and similar platforms ship the post body as a `<script type="text/template">`
 * inside the body container; its markup is the article, so it is parsed in place. */
function inlineTemplate(script: Element): void {
  const inner = script.children.map((c) => (isText(c) ? c.data : '')).join('');
  const frag = parseHtml(inner);
  dropNonContent(frag);
  const parent = script.parent as Element;
  const at = parent.children.indexOf(script);
  removeNode(script);
  for (const [i, c] of frag.children.entries()) {
    c.parent = parent;
    parent.children.splice(at + i, 0, c);
  }
  parent.children.forEach((c, i, all) => {
    c.prev = all[i - 1] ?? null;
    c.next = all[i + 1] ?? null;
  });
}

/** Removes page furniture (share bars, related rails, comments, newsletter boxes …) found
 * by class/id or by tag, guarding against removing a wrapper of the article. */
export function dropFurniture(root: Element, stats: WeakMap<Element, TextStats>): void {
  const total = articleTextOf(statsOf(stats, root));
  const holdsArticle = articleAncestors(root);
  const doomed: Element[] = [];
  walk(root, (n) => {
    if (!isTag(n)) return true;
    if (n.name === 'body' || n.name === 'html' || n.name === 'main') return true;
    const ci = classAndId(n);
    const named = ci.length > 1 && !BODY_CONTAINER.test(ci) && !(n.name === 'article' && ARTICLE_HINT.test(ci));
    const s = statsOf(stats, n);
    if (named && STRONG_BOILERPLATE.test(ci) && !isLongProse(n, s) && !(holdsArticle.has(n) && articleTextOf(s) >= KEEP_IF_TEXT_SHARE * total)) {
      doomed.push(n);
      return false;
    }
    const furniture =
      (named && BOILERPLATE.test(ci) && !(furnitureByModifierOnly(ci) && isProseSection(s))) ||
      // An article's own <header> holds its standfirst: kept when it has prose.
      (FURNITURE_TAGS.has(n.name) && !(n.name === 'header' && s.prose >= HEADER_STANDFIRST_CHARS)) ||
      n.attribs.role === 'navigation' || n.attribs.role === 'complementary' || n.attribs.role === 'banner' || n.attribs.role === 'contentinfo';
    if (!furniture) return true;
    if (total > 0 && articleTextOf(s) >= KEEP_IF_TEXT_SHARE * total) return true;
    if (isLongProse(n, s)) return true;
    doomed.push(n);
    return false;
  });
  for (const n of doomed) removeNode(n);
}

/** A BEM modifier ("block--modifier") names a variant of the block, not what the block
 * is: "report__section--ads" may be a section of the report that has an ad slot in it.
 * ("sidebar--left" is still a sidebar by its block name.) */
const BEM_MODIFIER = /(?<=[a-z0-9])--[a-z0-9-]*/g;

/** True when class/id reads as furniture only through a BEM modifier. */
function furnitureByModifierOnly(ci: string): boolean {
  return ci.includes('--') && !BOILERPLATE.test(ci.replace(BEM_MODIFIER, ''));
}

/** Such an element is kept when it holds running text: a long paragraph and this much
 * prose, with few links (an ad slot or a promo box has none of that). */
const PROSE_SECTION_MIN_CHARS = 250;
const PROSE_SECTION_MAX_LINK_DENSITY = 0.15;

function isProseSection(s: TextStats): boolean {
  return s.longParas >= 1 && s.prose >= PROSE_SECTION_MIN_CHARS && linkDensity(s) <= PROSE_SECTION_MAX_LINK_DENSITY;
}

/** Elements that contain the headline (h1) or a container named as the article body:
 * a wrapper like that is the article's, whatever else its class says. */
function articleAncestors(root: Element): Set<Element> {
  const out = new Set<Element>();
  walk(root, (n) => {
    if (!isTag(n)) return true;
    if (n.name === 'h1' || n.attribs.itemprop === 'articleBody' || BODY_CONTAINER.test(classAndId(n))) {
      for (let p = n.parent; p && isTag(p) && !out.has(p); p = p.parent) out.add(p);
    }
    return true;
  });
  return out;
}

/** A long prose paragraph is text whatever its class says ("paywall", "hidden-print"). */
function isLongProse(n: Element, s: TextStats): boolean {
  return n.name === 'p' && articleTextOf(s) >= LONG_PROSE_CHARS && s.link < s.text * 0.2;
}

function articleTextOf(s: TextStats): number {
  return s.text - s.link;
}

/** How the chosen body is cleaned. */
export interface CleanOptions {
  /** The body is (or holds) the container the page itself names as its article body: when
   * it has no prose, its links are its content (a post that is a list of links) and stay. */
  declared?: boolean;
}

/** Cleans the chosen body container: drops residue blocks (lone "Share", "Advertisement",
 * "Read more: …" teasers), link lists, empty wrappers, and the headline/byline when they
 * were pulled in with the body. */
export function cleanContainer(container: Element, ctx: { title: string | null; authors: string[] }, opts: CleanOptions = {}): void {
  const stats = computeStats(container);
  const title = ctx.title ? normalizeForCompare(ctx.title) : null;
  const doomed: Element[] = [];
  const tails: Element[] = [];
  // In a gallery the captions are the story: they are only set apart from the text
  // when the body has prose of its own.
  const hasProse = statsOf(stats, container).prose >= GALLERY_MAX_PROSE;
  const keepLinkLists = opts.declared === true && !hasProse;
  walk(container, (n) => {
    if (!isTag(n)) return true;
    const s = statsOf(stats, n);
    const name = n.name;
    if (name === 'figure' || name === 'picture' || name === 'img' || name === 'table') {
      // A figure without an image that is mostly a link is an embedded promo card.
      if (name === 'figure' && s.images === 0 && linkDensity(s) > 0.5) doomed.push(n);
      return false;
    }
    if (hasProse && s.text < CAPTION_MAX_CHARS && s.longParas <= 1 && CAPTION_NAME.test(classAndId(n))) {
      doomed.push(n);
      return false;
    }
    // An image with a line or two of text around it and no prose is a figure in all but
    // name: render it as one, so its caption stays with the image, out of the text.
    if (hasProse && s.images > 0 && s.images <= 2 && s.prose === 0 && s.text < CAPTION_MAX_CHARS && (name === 'div' || name === 'section' || name === 'span' || name === 'p')) {
      // …unless it is a linked card (a newsletter promo, a "read more" link to another
      // story): that goes altogether.
      if (linkDensity(s) > 0.5) doomed.push(n);
      else n.name = 'figure';
      return false;
    }
    if (/^h[1-6]$/.test(name)) {
      const t = cleanText(n);
      if (t && TAIL_HEADING.test(t)) tails.push(n);
      if (!t || (title && (name === 'h1' || normalizeForCompare(t) === title))) {
        doomed.push(n);
        if (t) doomed.push(...kickersBefore(n));
      }
      return false;
    }
    const isBlock = name === 'p' || name === 'div' || name === 'section' || name === 'span' || name === 'li' || name === 'ul' || name === 'ol' || name === 'blockquote' || name === 'strong' || name === 'em' || name === 'b';
    if (!isBlock) return true;
    // A wrapper around a single element says nothing its child does not: judge the child
    // (keeps the walk linear on pathologically deep markup).
    if (isWrapper(n)) return true;
    if (s.text < RESIDUE_MAX_CHARS) {
      const t = cleanText(n);
      if (t && onlyTime(n, t)) {
        doomed.push(n);
        return false;
      }
      if (!t && s.images === 0) {
        // An empty inline element may be the only space between two words
        // ("to<strong> </strong>vent"): it stays.
        if (!INLINE_TAGS_KEPT_EMPTY.has(name)) doomed.push(n);
        return false;
      }
      if (t && t.length < 60 && TAIL_HEADING.test(t) && !n.children.some((c) => isTag(c) && c.name !== 'a' && c.name !== 'strong' && c.name !== 'b' && c.name !== 'span')) tails.push(n);
      if (t && isResidueText(t, ctx.authors)) {
        doomed.push(n);
        return false;
      }
    }
    // Lists and wrappers that are mostly links (tag clouds, "more on this story") go.
    if (!keepLinkLists && (name === 'ul' || name === 'ol' || name === 'div' || name === 'section') && s.text > 0 && linkDensity(s) > 0.5 && s.longParas === 0) {
      doomed.push(n);
      return false;
    }
    if (!keepLinkLists && name === 'p' && s.text > 0 && s.text < 160 && linkDensity(s) > 0.8) {
      doomed.push(n);
      return false;
    }
    return true;
  });
  // The first furniture heading that ends the article cuts it; the others (a "Related"
  // box in the middle) lose only their heading.
  for (const t of tails) {
    if (!isAncestor(container, t)) continue; // already cut away
    // A body without prose is short: whatever comes before the heading is the article.
    if (cutFrom(t, container, stats, keepLinkLists ? 0 : TAIL_MIN_SHARE_BEFORE)) break;
  }
  for (const n of doomed) removeNode(n);
  if (!keepLinkLists) dropTeaserRuns(container, stats);
}

/** A kicker: the label printed right above a headline ("World", "Analysis", "Exclusive"). */
const KICKER_MAX_CHARS = 40;
const KICKER_MAX_WORDS = 4;

/** The short labels right before a headline that was pulled in with the body: a headline's
 * kicker is furniture like the headline itself (a one-word first paragraph otherwise). */
function kickersBefore(headline: Element): Element[] {
  const out: Element[] = [];
  for (let n = headline.prev; n; n = n.prev) {
    if (isText(n)) {
      if (n.data.trim()) break;
      continue;
    }
    if (!isTag(n) || !KICKER_TAGS.has(n.name) || n.children.some((c) => isTag(c) && c.name === 'img')) break;
    const t = cleanText(n);
    if (!t || t.length > KICKER_MAX_CHARS || t.split(' ').length > KICKER_MAX_WORDS || /[.!?…:;,]$/.test(t)) break;
    out.push(n);
  }
  return out;
}
const KICKER_TAGS = new Set(['p', 'div', 'span', 'a', 'strong', 'b', 'em']);

/** Blocks that can be a teaser card for another article. */
const TEASER_TAGS = new Set(['div', 'li', 'article', 'section', 'aside']);
/** A teaser is short … */
const TEASER_MAX_CHARS = 450;
/** … and its linked headline is a good part of it. */
const TEASER_MIN_LINK_SHARE = 0.2;

/** Removes runs of two or more sibling teaser cards (linked headline plus a line of
 * summary): "more on this" lists that sit inside the body container. */
function dropTeaserRuns(container: Element, stats: WeakMap<Element, TextStats>): void {
  const runs: Element[][] = [];
  walk(container, (n) => {
    if (!isTag(n)) return true;
    let run: Element[] = [];
    for (const c of n.children) {
      if (!isTag(c)) {
        if (isText(c) && c.data.trim()) {
          if (run.length >= 2) runs.push(run);
          run = [];
        }
        continue;
      }
      if (isTeaser(c, stats)) run.push(c);
      else {
        if (run.length >= 2) runs.push(run);
        run = [];
      }
    }
    if (run.length >= 2) runs.push(run);
    return true;
  });
  for (const run of runs) for (const el of run) removeNode(el);
}

function isTeaser(el: Element, stats: WeakMap<Element, TextStats>): boolean {
  if (!TEASER_TAGS.has(el.name)) return false;
  const s = statsOf(stats, el);
  if (s.text === 0 || s.text > TEASER_MAX_CHARS || s.link < s.text * TEASER_MIN_LINK_SHARE) return false;
  // A card, not a line: a linked headline in a heading, or a link beside a block of
  // its own (the summary). A list item that is one line with a link is content.
  let headline = false;
  let blocks = 0;
  walk(el, (n) => {
    if (!isTag(n)) return true;
    if (/^h[2-6]$/.test(n.name) && statsOf(stats, n).link >= 15) headline = true;
    if (n.name === 'a' && statsOf(stats, n).text >= 15) headline ||= blocks > 0;
    if (n.name === 'p' || n.name === 'div' || /^h[2-6]$/.test(n.name)) blocks++;
    return true;
  });
  return headline;
}

/** The tail is cut only when at least this share of the body's text comes before it, so
 * a "Comments" heading near the top cannot take the article with it. */
const TAIL_MIN_SHARE_BEFORE = 0.5;
/** After the heading, a teaser list has at least this share of link text (linked
 * headlines); the rest of an article has much less. */
const TAIL_LIST_LINK_SHARE = 0.15;
/** An author box or a teaser list after the cut holds at most this much prose. */
const TAIL_MAX_PROSE_AFTER = 600;

/** Removes `start` and everything after it (in document order) inside `container`, and
 * says so; when the rest is still article, removes only the heading and returns false. */
function cutFrom(start: Element, container: Element, stats: WeakMap<Element, TextStats>, minShareBefore: number): boolean {
  const total = statsOf(stats, container).text;
  let after = 0;
  let proseAfter = 0;
  let linksAfter = 0;
  for (let n: AnyNode | null = start; n && n !== container; n = n.parent) {
    for (let sib = n.next; sib; sib = sib.next) {
      after += isTag(sib) ? statsOf(stats, sib).text : cleanText(sib).length;
      if (isTag(sib)) {
        proseAfter += statsOf(stats, sib).prose;
        linksAfter += statsOf(stats, sib).link;
      }
    }
  }
  after += statsOf(stats, start).text;
  if (total - after <= 0 || total - after < minShareBefore * total) {
    removeNode(start);
    return false;
  }
  // Much prose after the heading: a widget inside the article, not its end. Only the
  // heading goes.
  if (proseAfter > TAIL_MAX_PROSE_AFTER && proseAfter > after * 0.5 && linksAfter < after * TAIL_LIST_LINK_SHARE) {
    removeNode(start);
    return false;
  }
  for (let n: AnyNode | null = start; n && n !== container; n = n.parent) {
    while (n.next) removeNode(n.next);
  }
  removeNode(start);
  return true;
}

/** An element whose only content is one block element (whitespace aside). */
function isWrapper(el: Element): boolean {
  let only: Element | null = null;
  for (const c of el.children) {
    if (isTag(c)) {
      if (only) return false;
      only = c;
    } else if (isText(c) && c.data.trim()) return false;
  }
  return only !== null && BLOCK_TAGS.has(only.name);
}

/** A block whose whole text is one <time> element: a dateline, not article text. */
function onlyTime(el: Element, text: string): boolean {
  const time = el.children.find((c) => isTag(c) && c.name === 'time');
  return time !== undefined && cleanText(time) === text;
}

/** Blocks shorter than this can be residue; longer ones are text whatever they say. */
export const RESIDUE_MAX_CHARS = 200;

/** A short block that is not article text: a lone share word or label, a "Read more: …"
 * teaser, the byline, a prompt to subscribe or log in. */
export function isResidueText(t: string, authors: string[]): boolean {
  return RESIDUE_LINE.test(t.replace(/[.:…»›>|]+$/, '').trim()) || TEASER_PREFIX.test(t) || isBylineLine(t, authors) || READER_PROMPT.test(t);
}

/** A sign-off that greets the reader before the author's name ("Euer Hans", "Cheers, Ann"):
 * part of a blog post's text, not a byline. */
const SIGN_OFF = /^(?:euer|eure|dein|deine|ihr|ihre|liebe grüße|viele grüße|beste grüße|herzlich(?:st)?|gruß|grüße|cheers|yours|best|regards|kind regards|best wishes|love|xoxo|bisous|amitiés|cordialement|saludos|un abrazo)\b[,!.]?\s/iu;

/** A short line that is only the byline ("By Jane Doe", "Jane Doe, Reuters"). */
function isBylineLine(text: string, authors: string[]): boolean {
  if (text.length > 120 || SIGN_OFF.test(text)) return false;
  if (/^(?:by|von|por|par|di|door|av|af)\s+\p{Lu}/iu.test(text) && text.split(/\s+/).length <= 12) return true;
  if (!authors.length) return false;
  const t = normalizeForCompare(text);
  return normalizedNames(authors).some((n) => n.length > 3 && t.includes(n) && t.length <= n.length + 40);
}

/** The authors' names normalized once per page (every short block is compared with them). */
const NORMALIZED_NAMES = new WeakMap<string[], string[]>();
function normalizedNames(authors: string[]): string[] {
  let names = NORMALIZED_NAMES.get(authors);
  if (!names) {
    names = authors.map(normalizeForCompare);
    NORMALIZED_NAMES.set(authors, names);
  }
  return names;
}

/** Lower-cased letters and digits only, for comparing headlines and names. */
export function normalizeForCompare(s: string): string {
  return s.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
