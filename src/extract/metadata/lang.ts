// Language: normalises declared language tags ("en-US", "de_DE", "zh-Hans") to their
// primary subtag and detects the language of text with eld when nothing is declared.
import { eld } from 'eld/medium';

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
  const r = eld.detect(sample);
  if (!r.language || !r.isReliable()) return null;
  return r.language;
}
