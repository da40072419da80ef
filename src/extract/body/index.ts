// The article body: a chain of strategies tried in a fixed order, each measurable on its
// own (`strategies` option), in the manner of trafilatura:
//   1. site rule  — per-site selectors kept as data (site-rules.ts), for hard, common sites;
//   2. scorer     — content scoring over the pruned page (score.ts);
//   3. json-ld    — the page's own JSON-LD articleBody, when it is complete and the DOM
//                   text is missing or truncated (paywalls, script-rendered pages);
//   4. fallback   — the largest run of paragraphs left after pruning.
// The tree is modified (pruned) as we go: call this after metadata has been read.
import { Element, classAndId, cleanText, findAll, findOne, isAncestor, isTag, removeNode, textParagraph, type AnyNode, type Document } from '../dom.ts';
import { cleanContainer, dropFurniture, dropNonContent, isResidueText, normalizeForCompare, RESIDUE_MAX_CHARS, type CleanOptions } from './clean.ts';
import { BODY_CONTAINER } from './patterns.ts';
import { chooseBody, scoreCandidates } from './score.ts';
import { computeStats, statsOf, type TextStats } from './stats.ts';
import { blocksOf } from './text.ts';
import { applyRule, applySiteRule, type SiteRule } from './site-rules.ts';
import { isDateLine } from '../metadata/published.ts';
import { beforeFirstText, bodyHas, findStandfirst, placeOf, prependStandfirst, type Standfirst } from './standfirst.ts';

export interface BodyContext {
  url: string | null;
  title: string | null;
  authors: string[];
  jsonLdBody: string | null;
  /** The page's description: shown as text before the body, it is the standfirst. */
  description?: string | null;
}

export type Strategy = 'site-rule' | 'scorer' | 'json-ld' | 'fallback';

export interface BodyOptions {
  /** Strategies to try, in order (default: all). Benchmarks switch them one at a time. */
  strategies?: readonly Strategy[];
  /** An operator's rule for this source's pages: used instead of the built-in rule for the host. */
  rule?: Pick<SiteRule, 'body' | 'remove'> | null;
}

export interface BodyResult {
  /** A detached element holding the cleaned article body (for the sanitizer). */
  root: Element | null;
  /** Plain text: one paragraph per block, separated by blank lines. */
  text: string | null;
  strategy: Strategy | null;
  reason?: string;
  /** The text comes from the one container the page names as its article body. */
  declared?: boolean;
}

const ALL: readonly Strategy[] = ['site-rule', 'scorer', 'json-ld', 'fallback'];

/** Below this many characters of text there is no article at all. */
const MIN_ARTICLE_CHARS = 20;
/** Short texts (below this) are accepted only from a page that is not mostly links:
 * home pages and section fronts are short teasers among many links. */
const SHORT_ARTICLE_CHARS = 500;
/** A paragraph this long makes a short text an article (a brief, a caption-led page). */
const SHORT_PROSE_CHARS = 80;
/** Share of the page's text inside links above which a short text is a link page's teaser. */
const LINK_PAGE_DENSITY = 0.45;
/** What a script-rendered page shows before its script runs: not an article. */
const SHELL_PAGE = /^(?:loading|please wait|please enable javascript|javascript (?:is )?required|you need to enable javascript|bitte aktivieren sie javascript|chargement|cargando)\b/i;
/** Titles and headings of error pages; their short text is not an article. */
const ERROR_PAGE = /\b(?:404|403|410|500|503)\b|\b(?:page|seite|página|pagina) (?:not found|nicht gefunden|no encontrada|introuvable|non trovata)|\bnot found\b|\baccess denied\b|\bforbidden\b|\bfehler\b|\berror\b/i;
/** JSON-LD articleBody is preferred when the DOM text is shorter than this share of it. */
const JSONLD_PREFERRED_BELOW = 0.6;
/** A JSON-LD articleBody that ends like this is a teaser, not the whole text. */
const TRUNCATED = /(?:…|\.\.\.|\[…\])$/;

/** Extracts the body of the article on a parsed page. */
export function extractBody(doc: Document, ctx: BodyContext, opts: BodyOptions = {}): BodyResult {
  const order = opts.strategies ?? ALL;
  // The whole <html>, not only <body>: pages that never open <body> leave their content
  // inside <head> in a non-spec tree, and head furniture is dropped by tag anyway.
  const body = findOne(doc, (e) => e.name === 'html') ?? findOne(doc, (e) => e.name === 'body');
  if (!body) return none('the page has no HTML content');
  dropNonContent(body);
  const pageStats = computeStats(body);
  const page = pageFacts(body, pageStats, ctx);
  const declaredEl = declaredContainer(body);
  const standfirst = findStandfirst(body, pageStats, ctx.description ?? null, ctx.title);

  let scored: BodyResult | null = null;
  for (const strategy of order) {
    switch (strategy) {
      case 'site-rule': {
        const host = hostOf(ctx.url);
        const nodes = opts.rule ? applyRule(opts.rule, body) : host ? applySiteRule(host, body) : null;
        if (nodes?.length) {
          const r = finish(nodes, ctx, 'site-rule', {}, standfirst);
          if (acceptable(r, page)) return r;
        }
        break;
      }
      case 'scorer': {
        dropFurniture(body, pageStats);
        const stats = computeStats(body);
        const chosen = chooseBody(scoreCandidates(body, stats), stats);
        // A body that holds the page's own article-body container is cleaned and judged
        // as that container (its short text or its list of links is the article).
        const declared = declaredEl !== null && chosen.some((c) => isAncestor(c, declaredEl));
        if (chosen.length) scored = finish(chosen, ctx, 'scorer', { declared }, standfirst);
        if (acceptable(scored, page) && !(order.includes('json-ld') && jsonLdClearlyBetter(ctx.jsonLdBody, scored.text))) return scored;
        break;
      }
      case 'json-ld': {
        const r = fromJsonLd(ctx.jsonLdBody, standfirst);
        if (r && acceptable(r, page) && (!scored?.text || muchShorter(scored.text, r.text!))) return r;
        break;
      }
      case 'fallback': {
        if (acceptable(scored, page)) return scored;
        if (declaredEl && isAncestor(body, declaredEl)) {
          const r = finish([declaredEl], ctx, 'fallback', { declared: true }, standfirst);
          if (acceptable(r, page)) return r;
        }
        const r = largestParagraphRun(body, ctx, standfirst);
        if (acceptable(r, page)) return r;
        // Nothing scored (a page of headings, or one short paragraph): what is left of
        // the page, if it is not a page of links.
        const main = findOne(body, (e) => e.name === 'article' || e.name === 'main') ?? findOne(body, (e) => e.name === 'body') ?? body;
        const whole = finish([main], ctx, 'fallback', {}, standfirst);
        if (acceptable(whole, page)) return whole;
        break;
      }
    }
  }
  if (acceptable(scored, page)) return scored;
  return none(rejection(scored?.text ?? null, page));
}

/** Why a page has no article, in words an operator can check against the page. */
function rejection(text: string | null, page: PageFacts): string {
  if (page.errorPage) return 'an error page (its title or headline says so): no article';
  if (!text) return 'no article content found (no paragraph of text on the page)';
  if (SHELL_PAGE.test(text)) return 'the page shows only a placeholder until its script runs: no article in the HTML';
  const links = Math.round(100 * page.linkDensity);
  return `too little text for an article: the best block is ${text.length} characters of short lines (none of ${SHORT_PROSE_CHARS}+), on a page that is ${links}% links (a home, list, product or error page?)`;
}

/** Whether a candidate text is an article on this page. */
function acceptable(r: BodyResult | null, page: PageFacts): r is BodyResult & { text: string } {
  const t = r?.text;
  if (!t) return false;
  if (t.length >= SHORT_ARTICLE_CHARS) return true;
  if (page.errorPage || SHELL_PAGE.test(t)) return false;
  // The page's own article-body container: a short text there (a photo post's few lines)
  // is the article even on a page full of links.
  if (r.declared && t.length >= MIN_ARTICLE_CHARS) return true;
  // A few words are an article only when they are all the page has to say.
  if (t.length < MIN_ARTICLE_CHARS) return t.length >= page.text * 0.8 && page.linkDensity <= LINK_PAGE_DENSITY;
  // A short text is an article when it has a real paragraph, or when the page is not
  // mostly links (a home page's leftovers are teasers among many links).
  return t.split('\n\n').some((p) => p.length >= SHORT_PROSE_CHARS) || page.linkDensity <= LINK_PAGE_DENSITY;
}

interface PageFacts {
  /** Characters of text on the page after non-content tags were dropped. */
  text: number;
  linkDensity: number;
  errorPage: boolean;
}

function pageFacts(body: Element, stats: WeakMap<Element, TextStats>, ctx: BodyContext): PageFacts {
  const s = statsOf(stats, body);
  const h1 = findOne(body, (e) => e.name === 'h1');
  const heading = (ctx.title ?? '') + ' ' + (h1 ? cleanText(h1) : '');
  return { text: s.text, linkDensity: s.text ? s.link / s.text : 0, errorPage: ERROR_PAGE.test(heading) };
}

function none(reason: string): BodyResult {
  return { root: null, text: null, strategy: null, reason };
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The one container the page names as its article body (`itemprop="articleBody"`, or a
 * class such as "entry-content"), when there is exactly one. Short posts give the scorer
 * few paragraphs to vote with (a photo post's few lines, a post that is a list of links);
 * the page's own word for where its article is decides for them. */
function declaredContainer(body: Element): Element | null {
  const named = findAll(body, (e) => e.attribs.itemprop === 'articleBody' || e.attribs.itemprop === 'articlebody' || BODY_CONTAINER.test(classAndId(e)));
  let outer: Element | null = null;
  for (const e of named) {
    if (outer && isAncestor(outer, e)) continue;
    if (outer) return null; // two separate ones: a list of posts
    outer = e;
  }
  return outer;
}

/** Wraps the chosen nodes in a detached container, cleans it and renders the text. */
function finish(nodes: AnyNode[], ctx: BodyContext, strategy: Strategy, clean: CleanOptions = {}, standfirst: Standfirst | null = null): BodyResult {
  // A standfirst shown before the body, or inside it before its first prose and taken out by
  // cleaning (as part of the article's header), is the first paragraph; after the body, the
  // same words are a teaser or a share box's summary. (Where it was is read before the
  // nodes move.)
  const place = standfirst && nodes[0] ? placeOf(standfirst, nodes[0]) : 'after';
  const root = new Element('div', {});
  for (const n of nodes) {
    removeNode(n);
    n.parent = root;
    root.children.push(n as never);
  }
  relink(root);
  cleanContainer(root, ctx, clean);
  // Residue that was not an element of its own (a line between <br>s, inline text
  // beside a label) is dropped from the text as well.
  const blocks = dropLeadingResidue(blocksOf(root.children), ctx).filter((b) => b.length >= RESIDUE_MAX_CHARS || !isResidueText(b, ctx.authors));
  let text = blocks.join('\n\n');
  if (!text) return { root: null, text: null, strategy: null, reason: 'no article content found' };
  if (standfirst && (place === 'before' || (place === 'inside' && beforeFirstText(standfirst, root))) && !bodyHas(text, standfirst)) {
    text = prependStandfirst(root, text, standfirst);
  }
  return clean.declared ? { root, text, strategy, declared: true } : { root, text, strategy };
}

/** The headline, when it survived cleaning as one of the first blocks of the text (bylines
 * are dropped earlier, as residue), and date lines above the text ("8. November 2021 |
 * Aktuelles"); further down, a line that is a date may be a timeline's heading. */
function dropLeadingResidue(blocks: string[], ctx: BodyContext): string[] {
  const title = ctx.title ? normalizeForCompare(ctx.title) : null;
  let i = 0;
  while (i < blocks.length && i < 3) {
    const b = blocks[i]!;
    // A date line is dropped only with text after it: a page that is a date alone says so.
    if ((title && normalizeForCompare(b) === title) || (i < blocks.length - 1 && isDateLine(b))) i++;
    else break;
  }
  return i ? blocks.slice(i) : blocks;
}

function relink(root: Element): void {
  const kids = root.children;
  for (let i = 0; i < kids.length; i++) {
    kids[i]!.prev = kids[i - 1] ?? null;
    kids[i]!.next = kids[i + 1] ?? null;
  }
}

/** JSON-LD articleBody is preferred when it is complete (it does not end mid-way, "…")
 * and much longer than what the page shows (a paywall or a script-rendered body). */
function jsonLdClearlyBetter(jsonLd: string | null, domText: string): boolean {
  if (!jsonLd) return false;
  const t = jsonLd.trim();
  return !TRUNCATED.test(t) && muchShorter(domText, t);
}

/** The page shows much less than its JSON-LD articleBody holds. */
function muchShorter(domText: string, jsonLdText: string): boolean {
  return domText.length < jsonLdText.length * JSONLD_PREFERRED_BELOW;
}

/** A body built from JSON-LD articleBody text, with paragraphs as the source gives them. */
function fromJsonLd(jsonLd: string | null, standfirst: Standfirst | null): BodyResult | null {
  if (!jsonLd) return null;
  const paras = jsonLd
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (!paras.length) return null;
  const root = new Element('div', {});
  for (const p of paras) {
    const el = textParagraph(p);
    el.parent = root;
    root.children.push(el);
  }
  relink(root);
  let text = paras.join('\n\n');
  if (standfirst && !bodyHas(text, standfirst)) text = prependStandfirst(root, text, standfirst);
  return { root, text, strategy: 'json-ld' };
}

/** The last resort: the element with the most paragraph text after pruning. */
function largestParagraphRun(body: Element, ctx: BodyContext, standfirst: Standfirst | null): BodyResult {
  const stats = computeStats(body);
  let best: Element | null = null;
  let bestLen = 0;
  const stack: AnyNode[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    let direct = 0;
    for (const c of n.children) if (isTag(c) && (c.name === 'p' || c.name === 'br')) direct += statsOf(stats, c).text;
    if (direct > bestLen) {
      bestLen = direct;
      best = n;
    }
    for (const c of n.children) stack.push(c);
  }
  if (!best) return none('no article content found');
  return finish([best], ctx, 'fallback', {}, standfirst);
}
