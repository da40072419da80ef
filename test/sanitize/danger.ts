// An independent danger checker for sanitized HTML, used by the sanitizer's tests.
//
// It deliberately shares nothing with src/sanitize (no allow-lists, no URL helpers): it
// re-parses the output twice — with parse5, which builds the tree the way a browser does,
// and with htmlparser2 — and reports anything that could run script, load a foreign
// document, restyle the page or navigate the reader. A bug in the sanitizer's own tables
// therefore shows up here instead of being checked against itself.
import { parseFragment } from 'parse5';
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';

/** Elements that are inert in republished article HTML. `iframe` is checked separately. */
const SAFE_ELEMENTS = new Set([
  'p', 'div', 'br', 'hr', 'wbr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark', 'abbr', 'cite', 'q', 'dfn',
  'code', 'pre', 'kbd', 'samp', 'var', 'time', 'del', 'ins', 'bdi', 'ruby', 'rt', 'rp', 'span',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  'figure', 'figcaption', 'img', 'picture', 'source', 'video', 'audio', 'iframe',
]);

/** Attributes that cannot execute, navigate by themselves or restyle the host page. */
const SAFE_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'sizes', 'media', 'alt', 'title', 'width', 'height', 'loading', 'rel',
  'lang', 'dir', 'colspan', 'rowspan', 'span', 'scope', 'start', 'reversed', 'type', 'value',
  'cite', 'datetime', 'class', 'controls', 'preload', 'poster',
  'sandbox', 'allow', 'allowfullscreen', 'referrerpolicy',
]);

/** Attributes holding URLs (srcset is split into candidates). */
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'formaction', 'background', 'lowsrc', 'dynsrc', 'data', 'codebase', 'longdesc', 'usemap', 'xlink:href', 'ping']);

/** Tags that must never appear as markup. Text is escaped, so `<name` in the raw output
 * can only be a tag. */
const FORBIDDEN_TAG_RE = /<\s*\/?\s*(?:script|style|base|meta|link|object|embed|applet|svg|math|form|input|button|textarea|select|frame|frameset|template|noscript|xmp|plaintext|listing|noembed|noframes|title|head|html|body|isindex|xml|image|param)\b/i;

/** Players an embed may come from (https only). */
const EMBED_HOSTS = new Set([
  'www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com',
  'player.vimeo.com', 'www.dailymotion.com', 'geo.dailymotion.com',
]);

/** Raster image data URLs are the only data: allowed, and only on images. */
const SAFE_DATA_IMAGE_RE = /^data:image\/(?:png|jpeg|jpg|gif|webp|avif|bmp)[;,]/;

/** Normalises a URL the way an attacker hopes a browser will: drop every control and
 * whitespace character (anywhere), lower-case. */
function squash(v: string): string {
  return v.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g, '').toLowerCase();
}

/** Decodes numeric and the few named entities used for scheme obfuscation, for a second
 * look at values that might be decoded twice somewhere downstream. */
function decodeAgain(v: string): string {
  return v
    .replace(/&#x0*([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16) % 0x110000))
    .replace(/&#0*([0-9]+);?/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10) % 0x110000))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n');
}

function schemeProblem(value: string, allowDataImage: boolean): string | null {
  for (const candidate of [value, decodeAgain(value)]) {
    const v = squash(candidate);
    const m = /^([a-z][a-z0-9+.-]*):/.exec(v);
    if (!m) {
      // No scheme at the start; anything still spelling a script scheme is suspicious.
      if (/(?:java|vb|live)script:|mocha:/.test(v)) return 'script scheme inside URL: ' + value;
      continue;
    }
    const scheme = m[1];
    if (scheme === 'http' || scheme === 'https' || scheme === 'mailto') continue;
    if (scheme === 'data' && allowDataImage && SAFE_DATA_IMAGE_RE.test(v)) continue;
    return `URL with scheme ${scheme}: ${value.slice(0, 80)}`;
  }
  return null;
}

/** One element as both parsers expose it. */
interface El {
  name: string;
  attrs: Array<[string, string]>;
  hasContent: boolean;
  parser: string;
}

function checkElement(el: El, problems: string[]): void {
  const name = el.name;
  const where = `${el.parser} <${name}>`;
  if (!SAFE_ELEMENTS.has(name)) problems.push(`${where}: element not allowed`);
  for (const [attr, value] of el.attrs) {
    const a = attr.toLowerCase();
    if (a.startsWith('on')) problems.push(`${where}: event handler ${a}`);
    else if (a === 'style') problems.push(`${where}: style attribute`);
    else if (!SAFE_ATTRIBUTES.has(a)) problems.push(`${where}: attribute ${a} not allowed`);
    if (/expression\s*\(|url\s*\(|behavior\s*:|-moz-binding/i.test(value.replace(/\/\*.*?\*\//g, '').replace(/\\/g, ''))) {
      problems.push(`${where}: CSS in ${a}`);
    }
    if (a === 'class' && !/^language-[\w+#.-]+$/.test(value)) problems.push(`${where}: class ${value}`);
    if (URL_ATTRIBUTES.has(a)) {
      const p = schemeProblem(value, name === 'img');
      if (p) problems.push(`${where} ${a}: ${p}`);
    }
    if (a === 'srcset') {
      for (const part of value.split(/,\s+/)) {
        const url = part.trim().split(/\s+/)[0] ?? '';
        const p = schemeProblem(url, false);
        if (p) problems.push(`${where} srcset: ${p}`);
      }
    }
    if (a === 'type' && /svg|html|xml|javascript|ecmascript/i.test(value)) problems.push(`${where}: type ${value}`);
    if (a === 'rel' && name === 'a' && !/\bnoopener\b/.test(value)) problems.push(`${where}: link without noopener`);
  }
  const attrs = new Map(el.attrs.map(([k, v]) => [k.toLowerCase(), v]));
  if (name === 'a' && attrs.has('href') && !attrs.has('rel')) problems.push(`${where}: link without rel`);
  if (name === 'iframe') {
    const src = attrs.get('src') ?? '';
    let host = '';
    try {
      const u = new URL(src);
      if (u.protocol !== 'https:') problems.push(`${where}: embed not over https: ${src}`);
      host = u.hostname;
    } catch {
      problems.push(`${where}: embed src not absolute: ${src}`);
    }
    if (!EMBED_HOSTS.has(host)) problems.push(`${where}: embed host not allowed: ${src}`);
    const sandbox = attrs.get('sandbox');
    if (sandbox === undefined) problems.push(`${where}: embed without sandbox`);
    else if (/allow-top-navigation|allow-modals|allow-forms/.test(sandbox)) problems.push(`${where}: sandbox too loose: ${sandbox}`);
    if (attrs.has('srcdoc')) problems.push(`${where}: srcdoc`);
    if (el.hasContent) problems.push(`${where}: iframe with content`);
  }
  if ((name === 'video' || name === 'audio') && !attrs.has('controls')) problems.push(`${where}: media without controls`);
  if ((name === 'video' || name === 'audio' || (name === 'source' && attrs.has('src'))) && attrs.has('src')) {
    if (!/^https:\/\//i.test(attrs.get('src') ?? '')) problems.push(`${where}: media not over https`);
  }
}

// parse5's default tree, typed loosely: only the fields read here.
interface P5Node {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: P5Node[];
  content?: P5Node;
}

/** Lists every danger found in `html` (empty when it is safe to publish). */
export function findDanger(html: string): string[] {
  const problems: string[] = [];
  const forbidden = FORBIDDEN_TAG_RE.exec(html);
  if (forbidden) problems.push(`forbidden tag in output: ${forbidden[0]}`);
  if (html.includes('<!--')) problems.push('comment in output');
  if (/<!\[CDATA\[|<!doctype|<\?/i.test(html)) problems.push('markup declaration in output');

  // parse5: the browser's view.
  const frag = parseFragment(html) as unknown as P5Node;
  const stack: P5Node[] = [];
  for (const k of frag.childNodes ?? []) stack.push(k);
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === '#comment') problems.push('parse5: comment node');
    if (n.tagName !== undefined) {
      const kids = n.childNodes ?? [];
      checkElement(
        { name: n.tagName, attrs: (n.attrs ?? []).map((a) => [a.name, a.value]), hasContent: kids.length > 0, parser: 'parse5' },
        problems,
      );
    }
    for (const k of n.childNodes ?? []) stack.push(k);
    for (const k of n.content?.childNodes ?? []) stack.push(k);
  }

  // htmlparser2: the tree our own pipeline would see if it read this HTML back.
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const hstack: AnyNode[] = [];
  for (const k of doc.children) hstack.push(k);
  while (hstack.length) {
    const n = hstack.pop()!;
    if (n.type === 'comment') problems.push('htmlparser2: comment node');
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      checkElement(
        { name: n.name, attrs: Object.entries(n.attribs), hasContent: n.children.length > 0, parser: 'htmlparser2' },
        problems,
      );
    }
    if ('children' in n) for (const k of n.children) hstack.push(k);
  }
  return [...new Set(problems)];
}
