// decode: turns the raw bytes of a page into text, choosing the charset the WHATWG way,
// with the repairs real news pages need.
//
// Order (https://html.spec.whatwg.org/#determining-the-character-encoding):
//   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) — always wins;
//   2. the charset of the HTTP Content-Type header;
//   3. a prescan of the first 1024 bytes for `<meta charset>` / `http-equiv` (and an XML
//      declaration);
//   4. no declaration: strict UTF-8 when the bytes are valid UTF-8; else a `<meta>` found
//      later in the page (browsers re-decode when the parser meets one; long heads put it
//      past byte 1024); else windows-1252.
// Repairs, because declarations lie:
//   - bytes that are valid UTF-8 with multi-byte sequences are UTF-8 even when the header
//     or a meta tag claims a single-byte charset (windows-1252, iso-8859-x, koi8-r …): a
//     real single-byte text practically never forms valid multi-byte UTF-8. A legacy
//     multi-byte claim (Shift_JIS, GBK …) is overridden the same way once there are enough
//     multi-byte sequences to rule out chance (MIN_UTF8_SEQUENCES_TO_OVERRIDE_CJK).
//   - pages that are UTF-8 but carry a few stray single-byte characters (a template
//     edited in another editor) keep their UTF-8 and the stray bytes are read as
//     windows-1252 instead of becoming U+FFFD.
//
// Decoding itself: Node 20's TextDecoder (ICU) is wrong for several WHATWG encodings —
// measured here against the spec tables: windows-1252/iso-8859-1/ascii decode 0x80–0x9F
// as C1 controls (no €, ‘’, “”, –, —), EUC-KR lacks the CP949 extension Korean pages use,
// Big5, GBK, Shift_JIS, KOI8-U, IBM866, windows-874/1253/1255 differ, ISO-8859-16 is
// missing. So legacy encodings go through encoding-sniffer's spec decoder
// (@exodus/bytes); UTF-8, which Node gets right, goes through Node.
import { isUtf8 } from 'node:buffer';
import { decodeBuffer } from 'encoding-sniffer';
import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';

/** Where the chosen encoding came from. */
export type DecodeSource =
  | 'bom' // byte order mark
  | 'header' // HTTP Content-Type charset
  | 'meta' // <meta> or XML declaration in the first 1024 bytes
  | 'late-meta' // <meta> past the first 1024 bytes, page not valid UTF-8
  | 'utf8-override' // declared a legacy charset, but the bytes are multi-byte UTF-8
  | 'detected' // no declaration, bytes are (mostly) UTF-8
  | 'default'; // no declaration, not UTF-8: windows-1252

/** The decoded page. */
export interface Decoded {
  text: string;
  /** WHATWG encoding name, lower-cased: "utf-8", "windows-1252", "shift_jis" … */
  encoding: string;
  source: DecodeSource;
  /** Bytes that were not valid UTF-8 in a page decoded as UTF-8 (read as windows-1252). */
  repairedBytes?: number;
}

/** How far the spec prescan looks for a charset declaration. */
const PRESCAN_BYTES = 1024;
/** How far we look for a late `<meta charset>` when the page is not UTF-8: the head of
 * any real page ends well before this. */
const LATE_PRESCAN_BYTES = 64 * 1024;
/** A page declared in a legacy multi-byte charset (Shift_JIS, GBK, Big5, EUC-*) is read as
 * UTF-8 only if it is valid UTF-8 with at least this many multi-byte sequences: a short
 * legacy text can be valid UTF-8 by chance, a longer one cannot. */
const MIN_UTF8_SEQUENCES_TO_OVERRIDE_CJK = 8;
/** A page declared single-byte but not strictly UTF-8 is still read as (repaired) UTF-8
 * when its valid multi-byte sequences outnumber its invalid bytes by this factor. */
const MOSTLY_UTF8_RATIO = 4;

/** WHATWG single-byte encodings (after label mapping); everything a meta tag can claim
 * that is neither UTF-8/16 nor a CJK multi-byte encoding. */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7',
  'iso-8859-8', 'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15',
  'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874', 'windows-1250', 'windows-1251',
  'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257',
  'windows-1258', 'x-mac-cyrillic', 'x-user-defined',
]);
const MULTI_BYTE_LEGACY = new Set(['gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr']);

const utf8 = new TextDecoder('utf-8'); // ignoreBOM false: a leading BOM is dropped
/** For pieces of a page: a U+FEFF inside the text is kept. */
const utf8Piece = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes page bytes to text the WHATWG way (BOM, HTTP charset, meta prescan, then strict
 * UTF-8 before falling back to windows-1252), except that valid multi-byte UTF-8 wins over
 * a declared legacy charset. Reports the encoding used. Never throws.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  const label = charsetFromContentType(contentType);
  const sniffer = new Sniffer({ maxBytes: PRESCAN_BYTES, ...(label ? { transportLayerEncodingLabel: label } : {}) });
  sniffer.write(bytes.subarray(0, PRESCAN_BYTES));
  const sniffed = sniffer.encoding.toLowerCase();

  switch (sniffer.resultType) {
    case ResultType.BOM:
    case ResultType.XML_PREFIX: // UTF-16 without BOM, recognised by `<?x` in 16-bit units
      return { text: decodeWith(bytes, sniffed), encoding: sniffed, source: 'bom' };
    case ResultType.PASSED:
      return decodeDeclared(bytes, sniffed, 'header');
    case ResultType.META_TAG:
    case ResultType.XML_ENCODING:
      return decodeDeclared(bytes, sniffed, 'meta');
    default:
      return decodeUndeclared(bytes);
  }
}

/** The charset parameter of a Content-Type header value, unquoted, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("([^"]*)"|[^\s;]+)/i.exec(contentType);
  if (!m) return null;
  const v = (m[2] ?? m[1] ?? '').trim();
  return v || null;
}

function decodeDeclared(bytes: Uint8Array, encoding: string, source: DecodeSource): Decoded {
  // "replacement" (iso-2022-kr, hz-gb-2312 …) would turn the page into one U+FFFD:
  // treat it as no declaration at all.
  if (encoding === 'replacement') return decodeUndeclared(bytes);
  if (encoding === 'utf-8') return decodeUtf8(bytes, source);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return { text: decodeWith(bytes, encoding), encoding, source };
  }
  if (SINGLE_BYTE.has(encoding) || MULTI_BYTE_LEGACY.has(encoding)) {
    const minSequences = SINGLE_BYTE.has(encoding) ? 1 : MIN_UTF8_SEQUENCES_TO_OVERRIDE_CJK;
    if (isUtf8(bytes)) {
      if (encoding !== 'iso-2022-jp' && countUtf8Sequences(bytes) >= minSequences) {
        return { text: utf8.decode(bytes), encoding: 'utf-8', source: 'utf8-override' };
      }
    } else if (SINGLE_BYTE.has(encoding)) {
      const stats = utf8Stats(bytes);
      if (stats.sequences >= 2 && stats.sequences >= MOSTLY_UTF8_RATIO * stats.invalid) {
        return { ...decodeUtf8Repaired(bytes), encoding: 'utf-8', source: 'utf8-override' };
      }
    }
  }
  return { text: decodeWith(bytes, encoding), encoding, source };
}

function decodeUndeclared(bytes: Uint8Array): Decoded {
  if (isUtf8(bytes)) return { text: utf8.decode(bytes), encoding: 'utf-8', source: 'detected' };
  const late = new Sniffer({ maxBytes: LATE_PRESCAN_BYTES });
  late.write(bytes.subarray(0, LATE_PRESCAN_BYTES));
  if (late.resultType === ResultType.META_TAG || late.resultType === ResultType.XML_ENCODING) {
    const enc = late.encoding.toLowerCase();
    if (enc !== 'replacement') return decodeDeclared(bytes, enc, 'late-meta');
  }
  const stats = utf8Stats(bytes);
  if (stats.sequences > stats.invalid) return { ...decodeUtf8Repaired(bytes), encoding: 'utf-8', source: 'detected' };
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'default' };
}

function decodeUtf8(bytes: Uint8Array, source: DecodeSource): Decoded {
  if (isUtf8(bytes)) return { text: utf8.decode(bytes), encoding: 'utf-8', source };
  return { ...decodeUtf8Repaired(bytes), encoding: 'utf-8', source };
}

/** Decodes with the WHATWG decoder for `encoding` (spec tables, replacement on errors). */
function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return utf8.decode(bytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeBuffer(buf, { userEncoding: encoding });
}

/** windows-1252 for 0x80–0xFF, from the spec decoder (0x80 → €, 0x91 → ‘ …). */
const WINDOWS_1252_HIGH: string = decodeWith(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i), 'windows-1252');

/** Length of the valid UTF-8 sequence starting at `i` (1 for ASCII), or 0 if invalid.
 * Rejects overlongs, surrogates and code points above U+10FFFF, as the spec does. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Calls `onInvalid(i)` for each byte that does not start a valid UTF-8 sequence (in
 * order) and returns the count of valid multi-byte sequences: the one scan behind both
 * the statistics and the repairing decoder. */
function scanUtf8(b: Uint8Array, onInvalid?: (i: number) => void): number {
  let sequences = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(b, i);
    if (n) {
      sequences++;
      i += n;
    } else {
      onInvalid?.(i);
      i++;
    }
  }
  return sequences;
}

/** Counts valid multi-byte UTF-8 sequences and invalid bytes. */
function utf8Stats(b: Uint8Array): { sequences: number; invalid: number } {
  let invalid = 0;
  const sequences = scanUtf8(b, () => invalid++);
  return { sequences, invalid };
}

/** Multi-byte sequences in bytes already known to be valid UTF-8: its lead bytes. */
function countUtf8Sequences(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0xc0) n++;
  return n;
}

/** UTF-8 where valid; each invalid byte read as windows-1252 (what its author typed). */
function decodeUtf8Repaired(b: Uint8Array): { text: string; repairedBytes: number } {
  const parts: string[] = [];
  let start = 0;
  let repaired = 0;
  scanUtf8(b, (i) => {
    if (i > start) parts.push(utf8Piece.decode(b.subarray(start, i)));
    parts.push(WINDOWS_1252_HIGH[b[i]! - 0x80]!);
    repaired++;
    start = i + 1;
  });
  if (start < b.length) parts.push(utf8Piece.decode(b.subarray(start)));
  let text = parts.join('');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, repairedBytes: repaired };
}
