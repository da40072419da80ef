// Language: normalises declared language tags ("en-US", "de_DE", "zh-Hans") to their
// primary subtag and detects the language of text with eld when nothing is declared.
//
// eld's model takes a good part of a second to load, so it is
// loaded on the first detectLanguage() call, not when this module is imported: most pages
// declare their language and never need it.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type Eld = typeof import('eld/extrasmall').eld;
let detector: Eld | null = null;

/** Loads eld's extra-small model (the medium one costs ~100 MB more resident memory for no
 * gain on article-length texts) synchronously (Node ≥ 20.19 can require an ES module). */
function loadDetector(): Eld {
  if (!detector) {
    const require = createRequire(import.meta.url);
    const mod = require(fileURLToPath(import.meta.resolve('eld/extrasmall'))) as typeof import('eld/extrasmall');
    detector = mod.eld;
  }
  return detector;
}

/** A primary language subtag: two or three letters. */
const PRIMARY_SUBTAG = /^([a-z]{2,3})(?:$|[-_])/i;

/** Language tags that are placeholders, not languages. */
const NOT_A_LANGUAGE = new Set(['und', 'mul', 'zxx', 'xx', 'mis']);

/** "en-US" → "en", "de_DE" → "de", "EN" → "en"; null for anything that is not a tag. */
export function normalizeLang(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = PRIMARY_SUBTAG.exec(tag.trim());
  if (!m) return null;
  const l = m[1]!.toLowerCase();
  return NOT_A_LANGUAGE.has(l) ? null : l;
}

/** Shortest text (in letters) we let the detector judge. */
const MIN_LETTERS = 20;

/** Detects the language of a text (ISO 639-1), or null when the text is too short or
 * the detector is unsure. Only the first 2,000 characters are read. */
export function detectLanguage(text: string): string | null {
  if (!text) return null;
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return null;
  const r = loadDetector().detect(sample);
  if (!r.language || !r.isReliable()) return null;
  return r.language;
}
