// xml-charset: turns the raw bytes of a feed (or any XML document) into text, choosing the
// charset the XML way, which differs from the HTML rules in src/extract/decode.ts:
//
//   1. a byte order mark (UTF-8, UTF-16, UTF-32), or UTF-16/32 recognised from how `<?x`
//      is laid out in the first bytes (XML 1.0 appendix F);
//   2. the charset parameter of the HTTP Content-Type;
//      a text/* type without one means us-ascii (RFC 3023) — but servers routinely omit
//      it for UTF-8 feeds, so we only *report* us-ascii when the bytes are all ASCII and
//      otherwise go on to the declaration (what a reader would want, and the same text);
//   3. the encoding in the XML declaration;
//   4. UTF-8.
// Labels are mapped the WHATWG way (`iso-8859-1` and `us-ascii` mean windows-1252), and
// the decoding itself goes through decode.ts (spec decoders, plus its repair of UTF-8
// feeds that carry a few stray single-byte characters or claim a legacy charset while
// being UTF-8).
import { charsetFromContentType, decodeHtml } from '../extract/decode.ts';

/** Where the chosen encoding came from. */
export type XmlCharsetSource =
  | 'bom' // byte order mark, or UTF-16/32 recognised from the layout of `<?xml`
  | 'header' // HTTP Content-Type charset (or the RFC 3023 us-ascii default of text/*)
  | 'xml-declaration' // <?xml … encoding="…"?>
  | 'utf8-override' // a legacy charset was declared but the bytes are multi-byte UTF-8
  | 'default'; // nothing declared: UTF-8

export interface DecodedXml {
  text: string;
  /** WHATWG encoding name ("utf-8", "windows-1252", "gbk" …), or "us-ascii" for an
   * all-ASCII document whose transport declared (or defaulted to) us-ascii, or
   * "utf-32le"/"utf-32be", which WHATWG does not know but XML allows. */
  encoding: string;
  source: XmlCharsetSource;
}

/** The XML declaration must be at the very start; we look this far for its encoding. */
const DECLARATION_SCAN_BYTES = 512;
const XML_DECLARATION_ENCODING_RE = /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
/** Media types that default to us-ascii when no charset is given (RFC 3023 section 3.1). */
const TEXT_MEDIA_TYPE_RE = /^\s*text\//i;

/**
 * Decodes feed bytes: BOM, HTTP charset, XML declaration, then UTF-8. Never throws; bytes
 * that do not fit the chosen encoding become U+FFFD (or windows-1252 characters in a
 * mostly-UTF-8 document, see decode.ts).
 */
export function decodeXml(bytes: Uint8Array, contentType?: string | null): DecodedXml {
  const wide = decodeWide(bytes);
  if (wide) return wide;

  const headerLabel = charsetFromContentType(contentType);
  const declared = declarationEncoding(bytes);
  const textDefault = !headerLabel && contentType != null && TEXT_MEDIA_TYPE_RE.test(contentType);

  let label: string | null = null;
  let source: XmlCharsetSource = 'default';
  if (headerLabel && whatwgName(headerLabel)) {
    label = headerLabel;
    source = 'header';
  } else if (textDefault && isAscii(bytes)) {
    return { text: decodeHtml(bytes, 'text/xml; charset=utf-8').text, encoding: 'us-ascii', source: 'header' };
  } else if (declared && whatwgName(declared)) {
    label = declared;
    source = 'xml-declaration';
  }

  if (!label) {
    const d = decodeHtml(bytes, 'application/xml; charset=utf-8');
    return { text: d.text, encoding: d.encoding, source: 'default' };
  }
  const name = whatwgName(label)!;
  // A declaration of UTF-16 on bytes without a BOM or a UTF-16 layout is a lie (the
  // document was transcoded and the declaration kept): read it as UTF-8.
  const effective = name.startsWith('utf-16') ? 'utf-8' : name;
  const d = decodeHtml(bytes, `application/xml; charset=${effective}`);
  if (d.source === 'utf8-override') return { text: d.text, encoding: d.encoding, source: 'utf8-override' };
  const reported = label.trim().toLowerCase().replace(/^["']|["']$/g, '') === 'us-ascii' && isAscii(bytes) ? 'us-ascii' : d.encoding;
  return { text: d.text, encoding: reported, source };
}

/** The WHATWG name for an encoding label, or null when the label is unknown. */
export function whatwgName(label: string): string | null {
  const clean = label.trim().replace(/^["']|["']$/g, '');
  if (!clean) return null;
  try {
    return new TextDecoder(clean).encoding;
  } catch {
    return null; // an unknown label: ignored, as if not declared
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** The encoding named in the XML declaration of an ASCII-compatible document. */
function declarationEncoding(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, DECLARATION_SCAN_BYTES);
  let head = '';
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]!);
  const m = XML_DECLARATION_ENCODING_RE.exec(head.replace(/^\uFEFF|^\xEF\xBB\xBF/, ''));
  return m ? m[1]! : null;
}

/** UTF-8 with BOM, UTF-16 and UTF-32 (with a BOM, or recognised from `<` laid out in 2 or
 * 4 bytes); null for anything else. */
function decodeWide(b: Uint8Array): DecodedXml | null {
  const at = (i: number): number => b[i] ?? -1;
  if (at(0) === 0xef && at(1) === 0xbb && at(2) === 0xbf) {
    return { text: decodeHtml(b.subarray(3), 'application/xml; charset=utf-8').text, encoding: 'utf-8', source: 'bom' };
  }
  if (at(0) === 0x00 && at(1) === 0x00 && at(2) === 0xfe && at(3) === 0xff) return utf32(b.subarray(4), false);
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0x00 && at(3) === 0x00) return utf32(b.subarray(4), true);
  if (at(0) === 0xfe && at(1) === 0xff) return utf16(b.subarray(2), 'utf-16be');
  if (at(0) === 0xff && at(1) === 0xfe) return utf16(b.subarray(2), 'utf-16le');
  // No BOM: `<` (0x3C) as the first character in UTF-32/16 layouts.
  if (at(0) === 0x00 && at(1) === 0x00 && at(2) === 0x00 && at(3) === 0x3c) return utf32(b, false);
  if (at(0) === 0x3c && at(1) === 0x00 && at(2) === 0x00 && at(3) === 0x00) return utf32(b, true);
  if (at(0) === 0x00 && at(1) === 0x3c && at(2) === 0x00 && at(3) !== 0x00) return utf16(b, 'utf-16be');
  if (at(0) === 0x3c && at(1) === 0x00 && at(2) !== 0x00 && at(3) === 0x00) return utf16(b, 'utf-16le');
  return null;
}

function utf16(b: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedXml {
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(b), encoding, source: 'bom' };
}

/** UTF-32 by hand (no WHATWG decoder exists); invalid code points become U+FFFD. */
function utf32(b: Uint8Array, littleEndian: boolean): DecodedXml {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    parts.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(cp));
  }
  return { text: parts.join(''), encoding: littleEndian ? 'utf-32le' : 'utf-32be', source: 'bom' };
}
