// The sanitizer's allow-list: which elements survive, under what name, with which
// attributes. Everything not listed here is either unwrapped (its children kept) or, for
// the containers listed in DROP, removed with everything inside it.
//
// Attributes are never copied wholesale: each kept element reads only the attributes named
// here, so event handlers (`on*`), `style`, `id`/`name` (DOM clobbering), `class` (page
// CSS hijacking) and anything unknown cannot get through by construction.

/** Removed together with their content: executable or styling content, embedded
 * documents and plugins, foreign (SVG/MathML) content where mutation-XSS lives, page
 * metadata, form controls (their text is UI, not article), and raw-text containers whose
 * content browsers do not parse as markup. */
export const DROP = new Set([
  'script', 'style', 'template', 'slot',
  'iframe', 'frame', 'frameset', 'noframes', 'noembed', 'object', 'embed', 'applet', 'param', 'portal',
  'svg', 'math',
  'head', 'title', 'meta', 'link', 'base', 'basefont', 'bgsound',
  'input', 'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'keygen',
  'canvas', 'area', 'track', 'source',
  'xmp', 'plaintext', 'listing', 'xml', 'comment', 'layer', 'ilayer',
]);

/** Kept elements: input tag name → output tag name. Obsolete or sectioning tags map to
 * their plain equivalent so the site's stylesheet has a small, known set to style. */
export const KEEP = new Map<string, string>([
  ['p', 'p'], ['div', 'div'], ['br', 'br'], ['hr', 'hr'], ['wbr', 'wbr'],
  ['h1', 'h1'], ['h2', 'h2'], ['h3', 'h3'], ['h4', 'h4'], ['h5', 'h5'], ['h6', 'h6'],
  ['a', 'a'],
  ['strong', 'strong'], ['b', 'b'], ['em', 'em'], ['i', 'i'], ['u', 'u'], ['s', 's'], ['strike', 's'],
  ['sub', 'sub'], ['sup', 'sup'], ['small', 'small'], ['mark', 'mark'],
  ['abbr', 'abbr'], ['acronym', 'abbr'], ['cite', 'cite'], ['q', 'q'], ['dfn', 'dfn'],
  ['code', 'code'], ['tt', 'code'], ['pre', 'pre'], ['kbd', 'kbd'], ['samp', 'samp'], ['var', 'var'],
  ['time', 'time'], ['del', 'del'], ['ins', 'ins'], ['bdi', 'bdi'],
  ['ruby', 'ruby'], ['rt', 'rt'], ['rp', 'rp'],
  ['ul', 'ul'], ['ol', 'ol'], ['li', 'li'], ['menu', 'ul'], ['dir', 'ul'],
  ['dl', 'dl'], ['dt', 'dt'], ['dd', 'dd'],
  ['blockquote', 'blockquote'],
  ['table', 'table'], ['thead', 'thead'], ['tbody', 'tbody'], ['tfoot', 'tfoot'], ['tr', 'tr'],
  ['th', 'th'], ['td', 'td'], ['caption', 'caption'], ['colgroup', 'colgroup'], ['col', 'col'],
  ['figure', 'figure'], ['figcaption', 'figcaption'],
  ['article', 'div'], ['section', 'div'], ['main', 'div'], ['header', 'div'], ['footer', 'div'],
  ['aside', 'div'], ['nav', 'div'], ['address', 'div'], ['center', 'div'], ['hgroup', 'div'],
  ['details', 'div'], ['summary', 'p'],
  // Rendered by dedicated code (URL policy, lazy loading, embeds):
  ['img', 'img'], ['picture', 'picture'], ['video', 'video'], ['audio', 'audio'],
]);

/** Void elements we may emit: written without a closing tag. */
export const VOID = new Set(['br', 'hr', 'wbr', 'img', 'col', 'source']);

/** Integer-valued attributes allowed per output element, with the range that makes sense
 * (HTML caps colspan at 1000 and rowspan at 65534; we keep tables sane). */
export const INT_ATTRS: Record<string, ReadonlyArray<readonly [name: string, min: number, max: number]>> = {
  td: [['colspan', 1, 1000], ['rowspan', 0, 1000]],
  th: [['colspan', 1, 1000], ['rowspan', 0, 1000]],
  col: [['span', 1, 1000]],
  colgroup: [['span', 1, 1000]],
  ol: [['start', -1e9, 1e9]],
  li: [['value', -1e9, 1e9]],
};

/** Enumerated attributes per output element: only these values (matched as written,
 * then lower-cased — `ol type` is case-sensitive, `th scope` is not). */
export const ENUM_ATTRS: Record<string, ReadonlyArray<readonly [name: string, values: ReadonlySet<string>]>> = {
  th: [['scope', new Set(['row', 'col', 'rowgroup', 'colgroup'])]],
  ol: [['type', new Set(['1', 'a', 'A', 'i', 'I'])]],
};

/** Elements whose `cite` attribute (a URL) is kept. */
export const CITE_ELEMENTS = new Set(['blockquote', 'q', 'del', 'ins']);

/** Elements whose `datetime` attribute is kept. */
export const DATETIME_ELEMENTS = new Set(['time', 'del', 'ins']);

/** A machine-readable date/time/duration: digits, letters for T/Z/P units, separators. */
export const DATETIME_RE = /^[0-9A-Za-z:.+\- ]{1,64}$/;

/** A BCP 47-ish language tag. */
export const LANG_RE = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** Text direction values. */
export const DIR_VALUES = new Set(['ltr', 'rtl', 'auto']);

/** Syntax-highlighting hints on code blocks: the only class we keep, so republished code
 * can be highlighted without letting the source page's class names reach our CSS. */
export const CODE_CLASS_RE = /^language-[A-Za-z0-9_+#.-]{1,40}$/;

/** Image dimensions: plain pixel counts. */
export const DIMENSION_RE = /^\d{1,5}$/;

/** `sizes` / `media` on responsive images: CSS media conditions and lengths only. */
export const MEDIA_QUERY_RE = /^[A-Za-z0-9\s(),.:%+\-/]{1,500}$/;

/** Attributes read (in this order) when `src` is missing or a placeholder: what lazy
 * loaders (lazysizes, WordPress, Jetpack, unveil, lozad…) put the real image in. */
export const LAZY_SRC_ATTRS = [
  'data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-orig-file',
  'data-hi-res-src', 'data-full-src', 'data-large-file', 'data-echo', 'data-img-src',
] as const;

/** Same for `srcset`. */
export const LAZY_SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'] as const;

/** Image types a `<source>` in `<picture>` may declare (not SVG: see urls.ts). */
export const SOURCE_IMAGE_TYPE_RE = /^image\/(?:png|jpe?g|gif|webp|avif|bmp)$/i;

/** Media types a `<source>` in `<video>`/`<audio>` may declare. */
export const SOURCE_MEDIA_TYPE_RE = /^(?:video|audio)\/[a-z0-9.+-]{1,60}$/i;

/** rel on every kept link: no ranking credit (ugc/nofollow), no window.opener, no
 * Referer leaking the reader's page. */
export const LINK_REL = 'nofollow noopener noreferrer ugc';

/** sandbox on allowed embeds: the player needs its own scripts and origin (it is
 * cross-origin, so that grants nothing over us), plus popups to open the video's page. */
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox';

/** Permissions granted to allowed embeds. */
export const EMBED_ALLOW = 'encrypted-media; picture-in-picture; fullscreen';

/** Images this small (both sides ≤ 1 px) are tracking pixels, not content. */
export const TRACKING_PIXEL_MAX = 1;

/** Deeper than this, kept elements are unwrapped (their text stays). Chromium's parser
 * stops nesting at 512 levels, and no article needs more than a few dozen; capping keeps
 * the output renderable and re-parsable everywhere. */
export const MAX_DEPTH = 200;
