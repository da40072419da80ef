// JSON-LD (schema.org) reading: parses every ld+json script robustly, flattens arrays,
// `@graph`, `mainEntity` and `mainEntityOfPage`, resolves `@id` references, picks the node
// that describes the article (NewsArticle and friends first, WebPage last) and reads its
// fields into plain values.

/** A JSON object as parsed; values are whatever JSON gives. */
export type JsonObject = { [key: string]: unknown };

/** An author as JSON-LD states it. */
export interface LdAuthor {
  name: string;
  /** True when typed Organization (or a subtype): a fallback, not a person's byline. */
  organization: boolean;
  /** True when explicitly typed Person. */
  person: boolean;
}

/** An image as JSON-LD states it. */
export interface LdImage {
  url: string;
  caption: string | null;
  credit: string | null;
  width: number | null;
  height: number | null;
}

/** What the JSON-LD of a page says about its article. */
export interface LdInfo {
  /** The @type of the node used, or null when the page has no article-like node. */
  type: string | null;
  headline: string | null;
  /** `name` of the node when it differs from headline (WebPage names often carry the site). */
  name: string | null;
  authors: LdAuthor[];
  datePublished: string | null;
  dateModified: string | null;
  images: LdImage[];
  publisher: string | null;
  /** `name` of a WebSite node in the graph. */
  websiteName: string | null;
  /** `articleSection` (the first, when a list). */
  section: string | null;
  inLanguage: string | null;
  description: string | null;
  url: string | null;
  articleBody: string | null;
}

/** Article-like types and their rank (lower wins). Subtypes of NewsArticle first, general
 * articles and blog posts next, other creative works, pages last. */
const TYPE_RANK: Record<string, number> = {
  newsarticle: 0, reportagenewsarticle: 0, analysisnewsarticle: 0, opinionnewsarticle: 0, backgroundnewsarticle: 0,
  reviewnewsarticle: 0, askpublicnewsarticle: 0, factcheck: 1,
  article: 1, blogposting: 1, liveblogposting: 1, report: 1, techarticle: 1, scholarlyarticle: 1, socialmediaposting: 2,
  discussionforumposting: 2, satiricalarticle: 1, advertisercontentarticle: 2, medicalwebpage: 3, posting: 2,
  videoobject: 3, recipe: 3, review: 3, creativework: 3, howto: 3, event: 4,
  webpage: 5, itempage: 5, aboutpage: 6, collectionpage: 7, profilepage: 7, searchresultspage: 8, qapage: 6, faqpage: 6,
};

/** Creative works that are a page's main content when it has no article node. */
const MAIN_WORK_TYPES = /^(?:howto|recipe)$/;

/** Types that are organisations (their names are not a person's byline). */
const ORG_TYPES = /organization|organisation|newsmediaorganization|corporation|ngo|governmentorganization|educationalorganization|localbusiness|brand|website|project/i;

/** Control characters that are illegal raw inside JSON strings (pages paste raw
 * newlines and tabs into `articleBody`). */
const CONTROL_CHARS = /[\u0000-\u001f]+/g;
/** Trailing commas before a closing bracket (hand-written JSON-LD). */
const TRAILING_COMMA = /,\s*([}\]])/g;
/** Wrappers some CMSes put inside the script: HTML comments, CDATA, JS comments. */
const WRAPPERS = /^\s*(?:\/\/\s*)?(?:<!--|<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/)|(?:\/\/\s*)?(?:-->|\]\]>|\/\*\s*\]\]>\s*\*\/)\s*$/g;

/** Parses one ld+json script text, repairing common breakage. Returns null when hopeless. */
export function parseJsonLd(text: string): unknown {
  let s = text.replace(WRAPPERS, '').trim();
  if (!s) return null;
  const attempt = (t: string): unknown => {
    try {
      return JSON.parse(t);
    } catch {
      return undefined;
    }
  };
  let v = attempt(s);
  if (v !== undefined) return v;
  s = s.replace(CONTROL_CHARS, ' ');
  v = attempt(s);
  if (v !== undefined) return v;
  s = s.replace(TRAILING_COMMA, '$1');
  v = attempt(s);
  if (v !== undefined) return v;
  // Several objects pasted one after another: `{…}{…}` or `{…}\n{…}`.
  v = attempt('[' + s.replace(/}\s*{/g, '},{') + ']');
  if (v !== undefined) return v;
  // A trailing semicolon or junk after the last brace.
  const last = Math.max(s.lastIndexOf('}'), s.lastIndexOf(']'));
  if (last > 0 && last < s.length - 1) {
    v = attempt(s.slice(0, last + 1));
    if (v !== undefined) return v;
  }
  return null;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lower-cased local names of a node's @type ("http://schema.org/NewsArticle" → "newsarticle"). */
export function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : t == null ? [] : [t];
  const out: string[] = [];
  for (const x of list) if (typeof x === 'string') out.push(x.replace(/^.*[/#:]/, '').toLowerCase());
  return out;
}

/** Every object inside the parsed scripts (iteratively, depth- and size-capped), and an
 * index of nodes by @id (the richest node wins when an @id repeats). */
export function flatten(roots: unknown[]): { nodes: JsonObject[]; byId: Map<string, JsonObject> } {
  const nodes: JsonObject[] = [];
  const byId = new Map<string, JsonObject>();
  const stack: { v: unknown; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ v: roots[i], depth: 0 });
  let budget = 20000;
  while (stack.length && budget-- > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > 12) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1 });
      continue;
    }
    if (!isObject(v)) continue;
    nodes.push(v);
    const id = v['@id'];
    if (typeof id === 'string' && id) {
      const prev = byId.get(id);
      if (!prev || Object.keys(v).length > Object.keys(prev).length) byId.set(id, v);
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (k === 'articleBody' || k === 'text' || k === '@context') continue;
      const child = v[k];
      if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1 });
    }
  }
  return { nodes, byId };
}

/** Follows an `{"@id": …}` reference to the full node when the graph has it. */
function deref(v: unknown, byId: Map<string, JsonObject>): unknown {
  if (isObject(v) && typeof v['@id'] === 'string' && Object.keys(v).length <= 2) return byId.get(v['@id']) ?? v;
  return v;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v == null ? [] : [v];
}

/** A string value: strings, numbers, `{"@value": …}`, the first of an array, a `name`. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = str(x);
      if (s) return s;
    }
    return null;
  }
  if (isObject(v)) return str(v['@value']) ?? (typeof v.name === 'string' ? v.name.trim() || null : null);
  return null;
}

/** A positive integer from 1200, "1200", "1200px" or a QuantitativeValue. */
function num(v: unknown): number | null {
  const s = isObject(v) ? v.value ?? v['@value'] : v;
  const n = typeof s === 'number' ? s : typeof s === 'string' ? parseInt(s, 10) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : null;
}

function rankOf(node: JsonObject): number {
  let best = 99;
  for (const t of typesOf(node)) best = Math.min(best, TYPE_RANK[t] ?? 99);
  return best;
}

/** How much article information a node carries: the tie-breaker between same-rank nodes. */
function richness(n: JsonObject): number {
  let s = 0;
  if (n.headline) s += 3;
  if (n.articleBody) s += 3;
  if (n.author) s += 2;
  if (n.datePublished) s += 2;
  if (n.image) s += 1;
  return s;
}

/** Reads the article information from the page's ld+json scripts. */
export function readJsonLd(scripts: string[]): LdInfo {
  const info: LdInfo = { type: null, headline: null, name: null, authors: [], datePublished: null, dateModified: null, images: [], publisher: null, websiteName: null, section: null, inLanguage: null, description: null, url: null, articleBody: null };
  if (!scripts.length) return info;
  const roots: unknown[] = [];
  for (const s of scripts) {
    const v = parseJsonLd(s);
    if (v != null) roots.push(v);
  }
  const { nodes, byId } = flatten(roots);
  let best: JsonObject | null = null;
  let bestRank = 99;
  let bestRich = -1;
  let page: JsonObject | null = null;
  const works: JsonObject[] = [];
  for (const n of nodes) {
    const types = typesOf(n);
    if (!info.websiteName && types.includes('website')) info.websiteName = str(n.name);
    const r = rankOf(n);
    if (r >= 5 && r < 99 && !page) page = n;
    if (r === 99 || (r >= 3 && r < 5)) {
      // Videos, recipes, events: not the page's article — unless the page has no article
      // and one how-to or recipe is what it is about (its author and dates are the page's).
      if (MAIN_WORK_TYPES.test(typesOf(n)[0] ?? '')) works.push(n);
      continue;
    }
    const rich = richness(n);
    if (r < bestRank || (r === bestRank && rich > bestRich)) {
      best = n;
      bestRank = r;
      bestRich = rich;
    }
  }
  if ((!best || bestRank >= 5) && works.length === 1) {
    best = works[0]!;
    bestRank = rankOf(best);
  }
  if (!best) return info;
  info.type = typesOf(best)[0] ?? null;
  const fallback = best === page ? null : page; // WebPage fields complete an article node
  const pick = (k: string): unknown => best![k] ?? fallback?.[k];
  info.headline = str(best.headline) ?? (bestRank < 5 ? str(best.name) : null) ?? str(best.alternativeHeadline);
  info.name = str(best.name);
  info.authors = readAuthors(best.author ?? best.creator ?? fallback?.author, byId);
  info.datePublished = str(best.datePublished) ?? str(best.uploadDate) ?? str(best.dateCreated) ?? str(fallback?.datePublished);
  info.dateModified = str(best.dateModified) ?? str(fallback?.dateModified);
  info.images = readImages(best.image ?? best.thumbnailUrl ?? best.thumbnail ?? fallback?.image ?? fallback?.primaryImageOfPage, byId);
  const pub = deref(pick('publisher'), byId);
  info.publisher = isObject(pub) ? str(pub.name) : str(pub);
  const lang = pick('inLanguage');
  info.inLanguage = isObject(lang) ? str(lang.alternateName) ?? str(lang.name) : str(lang);
  info.description = str(best.description) ?? str(fallback?.description);
  info.section = asList(best.articleSection).find((x): x is string => typeof x === 'string' && x.trim() !== '') ?? null;
  const mep = deref(best.mainEntityOfPage, byId);
  info.url = str(best.url) ?? (isObject(mep) ? str(mep['@id']) ?? str(mep.url) : str(mep)) ?? str(fallback?.url);
  info.articleBody = typeof best.articleBody === 'string' ? best.articleBody : Array.isArray(best.articleBody) ? best.articleBody.filter((x) => typeof x === 'string').join('\n') : null;
  return info;
}

function readAuthors(v: unknown, byId: Map<string, JsonObject>): LdAuthor[] {
  const out: LdAuthor[] = [];
  for (const raw of asList(v)) {
    const a = deref(raw, byId);
    if (typeof a === 'string') {
      out.push({ name: a, organization: false, person: false });
    } else if (isObject(a)) {
      const types = typesOf(a);
      let name = str(a.name);
      if (!name && (a.givenName || a.familyName)) name = [str(a.givenName), str(a.familyName)].filter(Boolean).join(' ');
      if (!name) continue;
      out.push({ name, organization: types.some((t) => ORG_TYPES.test(t)), person: types.includes('person') });
    }
  }
  return out;
}

function readImages(v: unknown, byId: Map<string, JsonObject>): LdImage[] {
  const out: LdImage[] = [];
  for (const raw of asList(v).slice(0, 10)) {
    const im = deref(raw, byId);
    if (typeof im === 'string') {
      out.push({ url: im, caption: null, credit: null, width: null, height: null });
    } else if (isObject(im)) {
      const url = str(im.url) ?? str(im.contentUrl) ?? str(im['@id']);
      if (!url) continue;
      const holder = deref(im.copyrightHolder, byId);
      const author = deref(im.author ?? im.creator, byId);
      const credit = str(im.creditText) ?? (isObject(holder) ? str(holder.name) : str(holder)) ?? (isObject(author) ? str(author.name) : str(author)) ?? str(im.copyrightNotice);
      out.push({ url, caption: str(im.caption) ?? str(im.description), credit, width: num(im.width), height: num(im.height) });
    }
  }
  return out;
}
