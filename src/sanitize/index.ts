// The allow-list HTML sanitizer: turns untrusted HTML (an extracted article body, a feed
// entry's content) into HTML that is safe to republish on our pages.
//
// It never edits the tree and never re-serialises through a generic serializer: one
// iterative pass over the nodes writes the output string, emitting only allow-listed
// elements (policy.ts) with attributes it rebuilt itself and URLs that passed the URL
// policy (urls.ts). Text is always escaped, so nothing in a text node can become markup,
// and no raw-text element (script, style, textarea, iframe content…) is ever emitted, so
// the browser parses our output into the tree we decided on.
import { parseHtml, type AnyNode, type Element } from '../extract/dom.ts';
import {
  CITE_ELEMENTS, CODE_CLASS_RE, DATETIME_ELEMENTS, DATETIME_RE, DIMENSION_RE, DIR_VALUES, DROP,
  EMBED_ALLOW, EMBED_SANDBOX, ENUM_ATTRS, INT_ATTRS, KEEP, LANG_RE, LAZY_SRC_ATTRS, LAZY_SRCSET_ATTRS,
  LINK_REL, MAX_DEPTH, MEDIA_QUERY_RE, SOURCE_IMAGE_TYPE_RE, SOURCE_MEDIA_TYPE_RE, TRACKING_PIXEL_MAX, VOID,
} from './policy.ts';
import {
  DEFAULT_EMBEDS, PLACEHOLDER_DATA_MAX, bestCandidate, cleanEmbedUrl, cleanUrl, formatSrcset,
  isPlaceholderSrc, parseBase, parseSrcset, type EmbedRule, type SrcsetCandidate,
} from './urls.ts';

export { DEFAULT_EMBEDS, type EmbedRule };

export interface SanitizeOptions {
  /** Base URL for making links and image sources absolute. Without it, relative URLs are
   * kept only when they carry no scheme. */
  baseUrl?: string | null;
  /** Write `h1` as `h2` (the page around the article owns the one `h1`). Default true. */
  demoteH1?: boolean;
  /** Iframe sources allowed as embedded players (https only, sandboxed). Default
   * DEFAULT_EMBEDS (YouTube, youtube-nocookie, Vimeo, Dailymotion); `[]` drops all. */
  embeds?: readonly EmbedRule[];
}

/** Sanitizes an HTML string with the allow-list; returns safe HTML. */
export function sanitizeHtml(html: string, opts: SanitizeOptions = {}): string {
  if (!html) return '';
  return sanitizeNodes(parseHtml(html).children, opts);
}

/** Sanitizes already-parsed nodes (not modified); returns safe HTML. */
export function sanitizeNodes(nodes: AnyNode[], opts: SanitizeOptions = {}): string {
  const st: State = {
    base: parseBase(opts.baseUrl),
    demoteH1: opts.demoteH1 ?? true,
    embeds: opts.embeds ?? DEFAULT_EMBEDS,
    depth: 0,
    inLink: 0,
    inNoscript: 0,
    lastImg: null,
    mainSrcs: new Set(),
    noscriptSrcs: new Set(),
  };
  // Work list in reverse document order: nodes to visit, closing tags (strings) to write
  // once an element's children are done, and LEAVE_NOSCRIPT markers.
  const stack: Item[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  let out = '';
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      st.depth--;
      if (item === '</a>') st.inLink--;
      continue;
    }
    if (item === LEAVE_NOSCRIPT) {
      st.inNoscript--;
      continue;
    }
    const node = item as AnyNode;
    switch (node.type) {
      case 'text':
        out += escapeText(node.data);
        continue;
      case 'cdata':
      case 'root':
        pushChildren(stack, node.children);
        continue;
      case 'tag':
      case 'script':
      case 'style':
        break;
      default:
        continue; // comments, doctypes, processing instructions
    }
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (DROP.has(name)) {
      if (name === 'iframe') out += renderIframe(el, st);
      continue;
    }
    if (name === 'noscript') {
      enterNoscript(el, st, stack);
      continue;
    }
    let tag = KEEP.get(name);
    if (tag === undefined) {
      pushChildren(stack, el.children); // unknown: unwrap
      continue;
    }
    switch (tag) {
      case 'img':
        out += renderImg(el, st, null);
        continue;
      case 'picture':
        out += renderPicture(el, st);
        continue;
      case 'video':
      case 'audio':
        out += renderMedia(el, tag, st);
        continue;
    }
    const isVoid = VOID.has(tag);
    if (!isVoid && st.depth >= MAX_DEPTH) {
      pushChildren(stack, el.children);
      continue;
    }
    let attrs: string;
    if (tag === 'a') {
      const href = st.inLink > 0 ? null : cleanUrl(el.attribs.href, st.base, 'link');
      if (!href) {
        // No safe target (or a link inside a link, which browsers would split): keep the text.
        pushChildren(stack, el.children);
        continue;
      }
      attrs = ' href="' + escapeAttr(href) + '" rel="' + LINK_REL + '"' + globalAttrs(el);
      st.inLink++;
    } else {
      if (tag === 'h1' && st.demoteH1) tag = 'h2';
      attrs = elementAttrs(el, tag, st.base);
    }
    out += '<' + tag + attrs + '>';
    if (isVoid) {
      // Void elements have no children in an HTML tree; if a hand-built one does, its
      // content follows the tag rather than being lost.
      pushChildren(stack, el.children);
      continue;
    }
    st.depth++;
    stack.push('</' + tag + '>');
    pushChildren(stack, el.children);
  }
  return out;
}

/** Per-call state of one sanitize pass. */
interface State {
  base: URL | null;
  demoteH1: boolean;
  embeds: readonly EmbedRule[];
  /** Open non-void elements written so far (for MAX_DEPTH). */
  depth: number;
  /** Open `<a>` elements (a nested link is unwrapped). */
  inLink: number;
  /** Open `<noscript>` elements (their images are fallbacks of lazy ones). */
  inNoscript: number;
  /** The last `<img>` written: a `<noscript>` right after it holds the same picture. */
  lastImg: Element | null;
  /** Image URLs written outside / inside `<noscript>`, to drop the duplicate copy. */
  mainSrcs: Set<string>;
  noscriptSrcs: Set<string>;
}

/** Marks the end of a `<noscript>`'s children on the work list. */
const LEAVE_NOSCRIPT = 0;

type Item = AnyNode | string | typeof LEAVE_NOSCRIPT;

function pushChildren(stack: Item[], kids: AnyNode[]): void {
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
}

// ---- noscript -----------------------------------------------------------------------

/** `<noscript>` is never written, but its content is often the real image of a lazy
 * loader: unwrap it unless it directly follows the image we already wrote for it. When a
 * spec parser (scripting on) left its content as text, parse that text as HTML. */
function enterNoscript(el: Element, st: State, stack: Item[]): void {
  const prev = previousElement(el);
  if (prev && st.lastImg && (prev === st.lastImg || st.lastImg.parent === prev)) return;
  let kids = el.children;
  if (kids.length > 0 && kids.every((k) => k.type === 'text') && kids.some((k) => k.type === 'text' && k.data.includes('<'))) {
    let raw = '';
    for (const k of kids) if (k.type === 'text') raw += k.data;
    kids = parseHtml(raw).children;
  }
  st.inNoscript++;
  stack.push(LEAVE_NOSCRIPT);
  pushChildren(stack, kids);
}

function previousElement(el: Element): Element | null {
  let p = el.prev;
  while (p && p.type === 'text' && !p.data.trim()) p = p.prev;
  return p && (p.type === 'tag') ? (p as Element) : null;
}

// ---- attributes ---------------------------------------------------------------------

/** title, lang and dir: harmless on any element and worth keeping. */
function globalAttrs(el: Element): string {
  const a = el.attribs;
  let out = '';
  const title = a.title;
  if (title !== undefined && title.trim()) out += ' title="' + escapeAttr(title.trim()) + '"';
  const lang = a.lang;
  if (lang !== undefined && LANG_RE.test(lang.trim())) out += ' lang="' + lang.trim() + '"';
  const dir = a.dir;
  if (dir !== undefined) {
    const d = dir.trim().toLowerCase();
    if (DIR_VALUES.has(d)) out += ' dir="' + d + '"';
  }
  return out;
}

/** The attributes a generic kept element may carry, rebuilt from the allow-list. */
function elementAttrs(el: Element, tag: string, base: URL | null): string {
  const a = el.attribs;
  let out = globalAttrs(el);
  const ints = INT_ATTRS[tag];
  if (ints) {
    for (const [name, min, max] of ints) {
      const v = a[name];
      if (v === undefined) continue;
      const n = Number(v.trim());
      if (Number.isInteger(n) && n >= min && n <= max) out += ' ' + name + '="' + n + '"';
    }
  }
  const enums = ENUM_ATTRS[tag];
  if (enums) {
    for (const [name, values] of enums) {
      const v = a[name]?.trim();
      if (v === undefined) continue;
      if (values.has(v)) out += ' ' + name + '="' + v + '"';
      else if (values.has(v.toLowerCase())) out += ' ' + name + '="' + v.toLowerCase() + '"';
    }
  }
  if (tag === 'ol' && a.reversed !== undefined) out += ' reversed';
  if (CITE_ELEMENTS.has(tag)) {
    const cite = cleanUrl(a.cite, base, 'cite');
    if (cite) out += ' cite="' + escapeAttr(cite) + '"';
  }
  if (DATETIME_ELEMENTS.has(tag)) {
    const v = a.datetime?.trim();
    if (v && DATETIME_RE.test(v)) out += ' datetime="' + escapeAttr(v) + '"';
  }
  if (tag === 'code' || tag === 'pre') {
    const cls = a.class;
    if (cls) {
      for (const c of cls.split(/\s+/)) {
        if (CODE_CLASS_RE.test(c)) {
          out += ' class="' + escapeAttr(c) + '"';
          break;
        }
      }
    }
  }
  return out;
}

// ---- images -------------------------------------------------------------------------

/** Writes an `<img>`: real source chosen over lazy-loading placeholders, URLs made
 * absolute, srcset rewritten, `loading="lazy"`. Returns '' when there is no usable image.
 * `fallback` is a src to use when the image has none (from its `<picture>` sources). */
function renderImg(el: Element, st: State, fallback: string | null): string {
  const a = el.attribs;
  const w = a.width?.trim();
  const h = a.height?.trim();
  const width = w && DIMENSION_RE.test(w) ? w : null;
  const height = h && DIMENSION_RE.test(h) ? h : null;
  if (width !== null && height !== null && Number(width) <= TRACKING_PIXEL_MAX && Number(height) <= TRACKING_PIXEL_MAX) return '';

  let rawSrc = a.src;
  if (isPlaceholderSrc(rawSrc)) {
    const lazy = firstAttr(a, LAZY_SRC_ATTRS);
    if (lazy !== undefined) rawSrc = lazy;
  }
  let cands: SrcsetCandidate[] = parseSrcset(a.srcset, st.base);
  if (cands.length === 0) cands = parseSrcset(firstAttr(a, LAZY_SRCSET_ATTRS), st.base);

  let src = cleanUrl(rawSrc, st.base, 'image');
  if (src !== null && src.length <= PLACEHOLDER_DATA_MAX && /^data:/i.test(src)) src = null;
  if (src === null) src = bestCandidate(cands) ?? fallback;
  if (src === null) return '';

  // A lazy image and its <noscript> twin: keep one copy.
  if (st.inNoscript > 0) {
    if (st.mainSrcs.has(src)) return '';
    st.noscriptSrcs.add(src);
  } else {
    if (st.noscriptSrcs.has(src)) return '';
    st.mainSrcs.add(src);
  }
  st.lastImg = el;

  let out = '<img src="' + escapeAttr(src) + '"';
  if (cands.length > 0) out += ' srcset="' + escapeAttr(formatSrcset(cands)) + '"';
  const sizes = a.sizes?.trim() ?? a['data-sizes']?.trim();
  if (cands.length > 0 && sizes && sizes !== 'auto' && MEDIA_QUERY_RE.test(sizes)) out += ' sizes="' + escapeAttr(sizes) + '"';
  const alt = a.alt;
  out += ' alt="' + (alt ? escapeAttr(alt.trim()) : '') + '"';
  if (width !== null) out += ' width="' + width + '"';
  if (height !== null) out += ' height="' + height + '"';
  return out + globalAttrs(el) + ' loading="lazy">';
}

function firstAttr(a: Record<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = a[n];
    if (v !== undefined && v.trim()) return v;
  }
  return undefined;
}

/** Writes a `<picture>`: its image `<source>`s (image types only, srcset rewritten) and
 * its `<img>`; other children are fallback noise and are dropped. '' without an image. */
function renderPicture(el: Element, st: State): string {
  let sources = '';
  let fallback: string | null = null;
  let img = '';
  for (const k of el.children) {
    if (k.type !== 'tag') continue;
    const kid = k as Element;
    const kname = kid.name.toLowerCase();
    if (kname === 'source' && !img) {
      const a = kid.attribs;
      const type = a.type?.trim();
      if (type && !SOURCE_IMAGE_TYPE_RE.test(type)) continue;
      let cands = parseSrcset(a.srcset, st.base);
      if (cands.length === 0) cands = parseSrcset(firstAttr(a, LAZY_SRCSET_ATTRS), st.base);
      if (cands.length === 0) continue;
      fallback ??= bestCandidate(cands);
      sources += '<source srcset="' + escapeAttr(formatSrcset(cands)) + '"';
      if (type) sources += ' type="' + type.toLowerCase() + '"';
      const media = a.media?.trim();
      if (media && MEDIA_QUERY_RE.test(media)) sources += ' media="' + escapeAttr(media) + '"';
      const sizes = a.sizes?.trim();
      if (sizes && sizes !== 'auto' && MEDIA_QUERY_RE.test(sizes)) sources += ' sizes="' + escapeAttr(sizes) + '"';
      sources += '>';
    } else if (kname === 'img' && !img) {
      img = renderImg(kid, st, fallback);
    }
  }
  if (!img) return '';
  return '<picture>' + sources + img + '</picture>';
}

/** Writes `<video>`/`<audio>`: https sources only, always `controls`, never autoplay.
 * Fallback content is dropped. '' when nothing is playable. */
function renderMedia(el: Element, tag: 'video' | 'audio', st: State): string {
  const a = el.attribs;
  const src = cleanUrl(a.src, st.base, 'media');
  let sources = '';
  for (const k of el.children) {
    if (k.type !== 'tag' || (k as Element).name.toLowerCase() !== 'source') continue;
    const sa = (k as Element).attribs;
    const s = cleanUrl(sa.src, st.base, 'media');
    if (!s) continue;
    const type = sa.type?.split(';')[0]?.trim();
    sources += '<source src="' + escapeAttr(s) + '"';
    if (type && SOURCE_MEDIA_TYPE_RE.test(type)) sources += ' type="' + type.toLowerCase() + '"';
    sources += '>';
  }
  if (!src && !sources) return '';
  let out = '<' + tag;
  if (src) out += ' src="' + escapeAttr(src) + '"';
  if (tag === 'video') {
    const poster = cleanUrl(a.poster, st.base, 'image');
    if (poster && !/^data:/i.test(poster)) out += ' poster="' + escapeAttr(poster) + '"';
    const w = a.width?.trim();
    const h = a.height?.trim();
    if (w && DIMENSION_RE.test(w)) out += ' width="' + w + '"';
    if (h && DIMENSION_RE.test(h)) out += ' height="' + h + '"';
  }
  return out + globalAttrs(el) + ' controls preload="metadata">' + sources + '</' + tag + '>';
}

/** Writes an allow-listed video embed as a sandboxed iframe with no content; '' for
 * any other iframe. Lazy loaders keep the real src in data-src. */
function renderIframe(el: Element, st: State): string {
  const a = el.attribs;
  let raw = a.src;
  if (!raw || !raw.trim() || raw.trim() === 'about:blank') raw = a['data-src'] ?? a['data-lazy-src'];
  const src = cleanEmbedUrl(raw, st.base, st.embeds);
  if (!src) return '';
  let out = '<iframe src="' + escapeAttr(src) + '"';
  const w = a.width?.trim();
  const h = a.height?.trim();
  if (w && DIMENSION_RE.test(w)) out += ' width="' + w + '"';
  if (h && DIMENSION_RE.test(h)) out += ' height="' + h + '"';
  out += globalAttrs(el);
  return out + ' sandbox="' + EMBED_SANDBOX + '" allow="' + EMBED_ALLOW + '" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>';
}

// ---- escaping -----------------------------------------------------------------------

const TEXT_SPECIAL = /[&<>]/;
const TEXT_SPECIAL_G = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"]/;
const ATTR_SPECIAL_G = /[&<>"]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeChar = (c: string): string => ESCAPES[c]!;

/** Escapes text content: `&`, `<`, `>`. */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL_G, escapeChar) : s;
}

/** Escapes a double-quoted attribute value: `&`, `<`, `>`, `"`. */
export function escapeAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL_G, escapeChar) : s;
}
