// URL policy for the sanitizer: which URLs may appear in republished HTML, made absolute.
//
// Every URL goes through the WHATWG URL parser (the same algorithm browsers use), and the
// decision is taken on the parsed protocol, never on the raw text. That makes the usual
// obfuscations harmless: entity-encoded schemes are decoded by the HTML parser before we
// see them, and the URL parser itself drops tabs/newlines inside the scheme
// (`java\tscript:`), leading spaces and control characters, and lower-cases the scheme.
// What we emit is the parser's own serialisation, so the browser reads the URL we checked.

/** Where a URL will be used; each kind allows different schemes. */
export type UrlKind = 'link' | 'image' | 'media' | 'cite';

/** Schemes a reader may follow from an article link. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Schemes for images. `data:` is checked separately (image types only). */
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

/** Audio and video must come over https: no mixed content, no downgrade. */
const MEDIA_PROTOCOLS = new Set(['https:']);

/** `cite=` on quotes and edits: a plain web reference. */
const CITE_PROTOCOLS = new Set(['http:', 'https:']);

/** Raster image types allowed in `data:` URLs. SVG is excluded: as a document it can
 * carry script, and an image never needs to be one. */
const DATA_IMAGE_RE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp)[;,]/i;

/** A `data:` image this short is a spacer or a lazy-loading placeholder, not content
 * (a 1×1 GIF is about 80 characters; 256 covers tiny PNG/WebP spacers too). */
export const PLACEHOLDER_DATA_MAX = 256;

/** ASCII tab and newlines: the URL parser removes them anywhere, so we do too before the
 * relative-URL check (otherwise `java\nscript:` would look scheme-less to a regex). */
const TAB_NEWLINE_RE = /[\t\n\r]/g;

/** Leading/trailing C0 controls and spaces: also stripped by the URL parser. */
const EDGE_CONTROL_RE = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/** A relative reference that would still carry a scheme: a colon before the first
 * `/`, `?` or `#`. Such strings are rejected when there is no base to resolve against. */
const SCHEME_LIKE_RE = /^[^/?#]*:/;

/** Parses the base URL once per sanitize call; null when absent or unusable. */
export function parseBase(baseUrl: string | null | undefined): URL | null {
  if (!baseUrl) return null;
  try {
    return new URL(baseUrl);
  } catch {
    return null;
  }
}

/** Returns `raw` as a safe URL for `kind` — absolute when a base is known (or the URL is
 * absolute already), or a scheme-less relative reference when there is no base — or null
 * when the URL must not appear. */
export function cleanUrl(raw: string | undefined, base: URL | null, kind: UrlKind): string | null {
  if (!raw) return null;
  const s = raw.replace(TAB_NEWLINE_RE, '').replace(EDGE_CONTROL_RE, '');
  if (!s) return null;
  let u: URL;
  try {
    u = base ? new URL(s, base) : new URL(s);
  } catch {
    if (base) return null;
    // No base: keep a relative reference only when it cannot carry a scheme.
    return SCHEME_LIKE_RE.test(s) ? null : s;
  }
  return protocolAllowed(u, kind) ? u.href : null;
}

function protocolAllowed(u: URL, kind: UrlKind): boolean {
  const p = u.protocol;
  switch (kind) {
    case 'link':
      return LINK_PROTOCOLS.has(p);
    case 'image':
      return IMAGE_PROTOCOLS.has(p) || (p === 'data:' && DATA_IMAGE_RE.test(u.href));
    case 'media':
      return MEDIA_PROTOCOLS.has(p);
    case 'cite':
      return CITE_PROTOCOLS.has(p);
  }
}

/** True for an image URL that is a stand-in for the real one: missing, a `data:` URL (when
 * a lazy-loading attribute offers something better), or a file named like a spacer. */
export function isPlaceholderSrc(src: string | undefined): boolean {
  if (!src) return true;
  const s = src.trim();
  if (!s || s === '#' || s === 'about:blank') return true;
  if (/^data:/i.test(s)) return true;
  return PLACEHOLDER_NAME_RE.test(s);
}

/** File names lazy loaders use for the image shown before the real one arrives. Only
 * consulted when a lazy attribute offers another URL, so a false positive costs little. */
const PLACEHOLDER_NAME_RE = /(?:^|\/)[^/?#]*(?:blank|placeholder|lazy|spacer|transparent|pixel|loading|loader|1x1)[^/?#]*(?:[?#].*)?$/i;

// ---- srcset -------------------------------------------------------------------------

/** Valid srcset descriptors: a width (`640w`), a pixel density (`2x`, `1.5x`) or the
 * obsolete height (`480h`). Anything else is dropped with its candidate. */
const DESCRIPTOR_RE = /^(?:\d+w|\d+(?:\.\d+)?x|\d+h)$/;

/** One parsed srcset candidate. */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** Parses a srcset the way the HTML spec does (URLs may contain commas; a candidate ends
 * at a comma only after its URL), keeps the candidates whose URL passes the image policy,
 * made absolute. Returns [] when nothing is usable. */
export function parseSrcset(srcset: string | undefined, base: URL | null): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  if (!srcset) return out;
  const s = srcset;
  const n = s.length;
  let i = 0;
  while (i < n) {
    // Skip whitespace and separating commas.
    while (i < n && (isSpace(s.charCodeAt(i)) || s.charCodeAt(i) === 44)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    let url = s.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      // Descriptors run to the next comma outside parentheses.
      const dStart = i;
      let depth = 0;
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === 40) depth++;
        else if (c === 41 && depth > 0) depth--;
        else if (c === 44 && depth === 0) break;
        i++;
      }
      descriptor = s.slice(dStart, i).trim().toLowerCase();
      i++; // past the comma
    }
    if (descriptor && !DESCRIPTOR_RE.test(descriptor)) continue;
    const clean = cleanUrl(url, base, 'image');
    // data: candidates are placeholders in practice and bloat the attribute.
    if (!clean || /^data:/i.test(clean)) continue;
    out.push({ url: clean.replace(/,+$/, (m) => '%2C'.repeat(m.length)), descriptor });
  }
  return out;
}

/** Serialises candidates back into a srcset value. */
export function formatSrcset(cands: SrcsetCandidate[]): string {
  let out = '';
  for (const c of cands) {
    if (out) out += ', ';
    out += c.descriptor ? c.url + ' ' + c.descriptor : c.url;
  }
  return out;
}

/** The largest candidate (by width, then density): the best `src` when only a srcset is
 * given. */
export function bestCandidate(cands: SrcsetCandidate[]): string | null {
  let best: SrcsetCandidate | null = null;
  let bestScore = -1;
  for (const c of cands) {
    const d = c.descriptor;
    const v = d ? parseFloat(d) : 1;
    // Widths are in pixels; densities are small multipliers — rank widths above them.
    const score = d.endsWith('w') ? 1000 + v : v;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best ? best.url : null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

// ---- embeds -------------------------------------------------------------------------

/** An iframe source allowed as an embedded player: exact host and path prefix. */
export interface EmbedRule {
  host: string;
  pathPrefix: string;
}

/** Video players an article may embed. Only these load in an iframe, always over https
 * and sandboxed; every other iframe is dropped with its content. */
export const DEFAULT_EMBEDS: readonly EmbedRule[] = [
  { host: 'www.youtube.com', pathPrefix: '/embed/' },
  { host: 'youtube.com', pathPrefix: '/embed/' },
  { host: 'www.youtube-nocookie.com', pathPrefix: '/embed/' },
  { host: 'youtube-nocookie.com', pathPrefix: '/embed/' },
  { host: 'player.vimeo.com', pathPrefix: '/video/' },
  { host: 'www.dailymotion.com', pathPrefix: '/embed/video/' },
  { host: 'geo.dailymotion.com', pathPrefix: '/player' },
];

/** Host used to resolve scheme-relative embed URLs (`//www.youtube.com/embed/…`) when no
 * base is known; a path-relative src resolves onto it and is then rejected. */
const EMBED_FALLBACK_BASE = 'https://embed.invalid/';

/** Returns the https URL of an allow-listed embed, or null. Plain http sources of an
 * allowed player are upgraded to https. */
export function cleanEmbedUrl(raw: string | undefined, base: URL | null, rules: readonly EmbedRule[]): string | null {
  if (!raw) return null;
  const s = raw.replace(TAB_NEWLINE_RE, '').replace(EDGE_CONTROL_RE, '');
  if (!s) return null;
  let u: URL;
  try {
    u = new URL(s, base ?? EMBED_FALLBACK_BASE);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password || u.port) return null;
  const host = u.hostname.toLowerCase();
  const path = u.pathname;
  for (const r of rules) {
    if (r.host === host && path.startsWith(r.pathPrefix)) {
      u.protocol = 'https:';
      return u.href;
    }
  }
  return null;
}
