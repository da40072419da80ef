// The content scorer: paragraphs vote for the element that contains them, and the
// element with most well-written, link-poor text is the article body. The idea is
// Readability's; the weights are ours, and the sibling merge also takes paragraphs the
// page split into several wrappers (common on news sites with ad slots between blocks).
import { isTag, isText, isAncestor, classAndId, textOf, type AnyNode, type Element } from '../dom.ts';
import { ARTICLE_HINT, BLOCK_TAGS, BODY_CONTAINER, BOILERPLATE, NEGATIVE_HINT, PARAGRAPH_TAGS } from './patterns.ts';
import { linkDensity, statsOf, type TextStats } from './stats.ts';

/** Paragraphs shorter than this do not vote. */
const MIN_PARAGRAPH_CHARS = 25;
/** How far up a paragraph's vote travels: parent gets it whole, then halves, thirds … */
const VOTE_LEVELS = 4;
/** A sibling joins the body when its score reaches this share of the winner's. */
const SIBLING_SHARE = 0.2;

/** Each character of non-prose text an ancestor brings in costs this many of prose. */
const JUNK_COST = 2;

/** Short text that is not links (list items, subheads, labels) costs less than links. */
const SHORT_TEXT_COST = 0.5;

function climbValue(s: TextStats): number {
  const links = Math.min(s.link, s.text - s.prose);
  const other = s.text - s.prose - links;
  return s.prose - JUNK_COST * links - SHORT_TEXT_COST * other;
}

export interface Candidate {
  el: Element;
  score: number;
}

/** Tag prior, added once when an element first gets a vote. */
function tagPrior(el: Element): number {
  switch (el.name) {
    case 'article': return 8;
    case 'main': case 'div': case 'section': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': case 'address': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/** Class/id multiplier: a container named like an article body is preferred over its
 * wrappers holding the same paragraphs, but a name alone never wins without text. */
function classWeight(el: Element): number {
  let w = 1;
  const ci = classAndId(el);
  if (ci.length > 1) {
    if (BODY_CONTAINER.test(ci)) w *= 1.5;
    else if (ARTICLE_HINT.test(ci)) w *= 1.25;
    if (BOILERPLATE.test(ci)) w *= 0.5;
    if (NEGATIVE_HINT.test(ci)) w *= 0.7;
  }
  const ip = el.attribs.itemprop;
  if (ip === 'articleBody' || ip === 'articlebody') w *= 1.6;
  return w;
}

/** True when a div-like element holds text directly (not only through block children):
 * such an element is itself a paragraph (`<div>Text<br>more text</div>`). */
function hasOwnText(el: Element): boolean {
  for (const c of el.children) {
    if (isText(c) && c.data.trim().length > 0) return true;
    if (isTag(c) && BLOCK_TAGS.has(c.name)) continue;
  }
  return false;
}

/** Scores candidates under `root`; returns them best first. */
export function scoreCandidates(root: Element, stats: WeakMap<Element, TextStats>): Candidate[] {
  const scores = new Map<Element, number>();
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    const isPara = PARAGRAPH_TAGS.has(node.name) || ((node.name === 'div' || node.name === 'section' || node.name === 'span' || node.name === 'font') && hasOwnText(node));
    if (isPara) vote(node, stats, scores);
    // Paragraph-like containers still need their children visited (a <td> holding <p>s).
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  const out: Candidate[] = [];
  for (const [el, raw] of scores) {
    const s = statsOf(stats, el);
    out.push({ el, score: raw * classWeight(el) * (1 - linkDensity(s)) });
  }
  out.sort((a, b) => b.score - a.score);
  return out;
}

function vote(p: Element, stats: WeakMap<Element, TextStats>, scores: Map<Element, number>): void {
  const s = statsOf(stats, p);
  const own = s.text - s.link;
  if (own < MIN_PARAGRAPH_CHARS) return;
  // Long prose with commas is article text; one point per paragraph as a base.
  const points = 1 + s.commas + Math.min(Math.floor(own / 100), 3);
  let el: Element | null = p.parent && isTag(p.parent) ? p.parent : null;
  for (let level = 0; el && level < VOTE_LEVELS; level++) {
    if (!scores.has(el)) scores.set(el, tagPrior(el));
    const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
    scores.set(el, scores.get(el)! + points / divider);
    el = el.parent && isTag(el.parent) ? el.parent : null;
  }
}

/** Picks the body: the best candidate, moved up when its parent clearly holds more of
 * the article, plus siblings that look like continuation of the text. Returns the
 * elements in document order. */
export function chooseBody(cands: Candidate[], stats: WeakMap<Element, TextStats>): Element[] {
  const body = chooseContainer(cands, stats);
  const lede = body.length ? findLede(body[0]!, stats) : null;
  return lede ? [lede, ...body] : body;
}

/** Class/id words of the standfirst (dek, lede, intro) that news pages print above the
 * body, often outside the body's wrapper. */
const LEDE_NAME = /(?:^|[\s_-])(?:intro|lede|lead|standfirst|dek|deck|teaser-?text|summary|article-?summary|article-?lead|article-?intro|subheadline|sub-?title|subtitle|excerpt|entry-?summary|post-?excerpt|entry-?excerpt|abstract|vorspann|chapeau)(?=$|[\s_-])/;
/** A standfirst is one prose paragraph of this size. */
const LEDE_MIN_CHARS = 60;
const LEDE_MAX_CHARS = 700;
/** How many levels above the body we look for it. */
const LEDE_LEVELS = 3;

/** The standfirst printed before the body, when the body does not contain it. */
function findLede(first: Element, stats: WeakMap<Element, TextStats>): Element | null {
  let anchor: Element = first;
  for (let level = 0; level < LEDE_LEVELS; level++) {
    for (let sib = anchor.prev; sib; sib = sib.prev) {
      if (!isTag(sib)) continue;
      const hit = ledeIn(sib, stats);
      if (hit) return hit;
    }
    const parent = anchor.parent;
    if (!parent || !isTag(parent) || parent.name === 'body' || parent.name === 'html') break;
    anchor = parent;
  }
  return null;
}

function ledeIn(el: Element, stats: WeakMap<Element, TextStats>): Element | null {
  const stack: AnyNode[] = [el];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    const s = statsOf(stats, n);
    if (s.text < LEDE_MIN_CHARS) continue;
    if (LEDE_NAME.test(classAndId(n)) && s.text <= LEDE_MAX_CHARS && s.link < s.text * 0.2 && s.prose >= LEDE_MIN_CHARS) return n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return null;
}

/** The body container(s) before the standfirst is added. */
function chooseContainer(cands: Candidate[], stats: WeakMap<Element, TextStats>): Element[] {
  const best = cands[0];
  if (!best) return [];
  let top = best.el;
  const scoreOf = new Map(cands.map((c) => [c.el, c.score]));

  // Several strong candidates with a common ancestor: the article was split into blocks.
  const strong = cands.filter((c) => c.score >= best.score * 0.75 && c.el !== top).slice(0, 4).map((c) => c.el);
  if (strong.length >= 2) {
    let anc: Element | null = top.parent && isTag(top.parent) ? top.parent : null;
    while (anc && anc.name !== 'body') {
      const a = anc;
      if (strong.filter((s) => isAncestor(a, s)).length >= 2) {
        top = a;
        break;
      }
      anc = anc.parent && isTag(anc.parent) ? anc.parent : null;
    }
  }
  // Climb to the ancestor with the best balance of prose over other text: the article's
  // other paragraphs, split into sibling wrappers (steps, chunks between ad slots), are
  // worth taking with some furniture; a sidebar or footer of links is not.
  {
    let bestValue = climbValue(statsOf(stats, top));
    for (let a = top.parent; a && isTag(a) && a.name !== 'html'; a = a.parent) {
      const v = climbValue(statsOf(stats, a));
      if (v > bestValue) {
        bestValue = v;
        top = a;
      }
    }
  }

  // The article split into repeated chunks (ads between them), each in its own wrapper:
  // every element with the winner's exact tag and class is part of the body.
  const twins = chunkTwins(top, stats);
  if (twins) return twins;

  const parent = top.parent;
  if (!parent || !isTag(parent)) return [top];
  const topScore = scoreOf.get(top) ?? best.score;
  const threshold = Math.max(10, topScore * SIBLING_SHARE);
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (!isTag(sib)) continue;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    const ss = scoreOf.get(sib);
    const st = statsOf(stats, sib);
    let bonus = 0;
    if (classAndId(sib) === classAndId(top) && classAndId(top).length > 1) bonus = topScore * 0.2;
    if (ss !== undefined && ss + bonus >= threshold) {
      out.push(sib);
    } else if (sib.name === 'p') {
      const own = st.text - st.link;
      const ld = linkDensity(st);
      if ((own > 80 && ld < 0.25) || (own > 0 && own <= 80 && ld === 0 && /[.!?。"”]\s*$/.test(textOf(sib)))) out.push(sib);
    }
  }
  return out;
}

/** Elements elsewhere on the page with the same tag and class list as `top` that also
 * hold text, when there are any; in document order, outermost only. */
function chunkTwins(top: Element, stats: WeakMap<Element, TextStats>): Element[] | null {
  const cls = top.attribs.class?.trim();
  if (!cls) return null;
  let root: AnyNode = top;
  while (root.parent) root = root.parent;
  const found: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (n.name === top.name && n.attribs.class?.trim() === cls) {
      const s = statsOf(stats, n);
      if (n === top || (s.text - s.link > 0 && linkDensity(s) < 0.5)) found.push(n);
      continue; // outermost only
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return found.length > 1 ? found : null;
}
