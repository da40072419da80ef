// Language: normalises declared language tags ("en-US", "de_DE", "zh-Hans") to their
// primary subtag, detects the language of a text, and settles the article's language
// when the page's declaration and its text disagree.
//
// Detection is our own and costs almost nothing (lang-profiles.ts): the writing system
// decides for the languages that have one to themselves (Greek, Hebrew, Thai, Korean,
// Japanese by its kana, Chinese …); within the Latin, Cyrillic, Arabic and Devanagari
// alphabets, counts of each language's function words decide. eld's n-gram model (80–95 MB
// of resident memory and ~30 MB of heap once loaded) is kept as a last resort for short
// text our profiles cannot place; it is loaded on the first such text, never at import.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ARABIC_PROFILES, CYRILLIC_PROFILES, DEVANAGARI_PROFILES, LATIN_PROFILES, SCRIPT_LANGUAGE } from './lang-profiles.ts';

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

/** Whether eld's model has been loaded in this process (for tests and the bench). */
export function eldLoaded(): boolean {
  return detector !== null;
}

/** A primary language subtag: two or three letters. */
const PRIMARY_SUBTAG = /^([a-z]{2,3})(?:$|[-_])/i;

/** Language tags that are placeholders, not languages. */
const NOT_A_LANGUAGE = new Set(['und', 'mul', 'zxx', 'xx', 'mis']);

/** Old or alternative codes pages still declare, mapped to the ISO 639-1 code we give
 * (Norwegian Bokmål and Nynorsk are both "no", as detection cannot tell them apart). */
const LANG_ALIASES: Readonly<Record<string, string>> = { iw: 'he', in: 'id', ji: 'yi', nb: 'no', nn: 'no', jw: 'jv' };

/** "en-US" → "en", "de_DE" → "de", "EN" → "en"; null for anything that is not a tag. */
export function normalizeLang(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = PRIMARY_SUBTAG.exec(tag.trim());
  if (!m) return null;
  const l = m[1]!.toLowerCase();
  if (NOT_A_LANGUAGE.has(l)) return null;
  return LANG_ALIASES[l] ?? l;
}

// ---------------------------------------------------------------------------------------
// Writing systems

/** Scripts we tell apart, by index into the letter counts. */
const enum Script { Latin, Cyrillic, Arabic, Devanagari, Han, Kana, Hangul, Other }

/** Script names of SCRIPT_LANGUAGE by the first code point of their Unicode block, for
 * the scripts that name their language on their own. */
const SINGLE_SCRIPT_BLOCKS: readonly [number, number, string][] = [
  [0x0370, 0x03ff, 'greek'], [0x1f00, 0x1fff, 'greek'], [0x0530, 0x058f, 'armenian'], [0x0590, 0x05ff, 'hebrew'],
  [0x0980, 0x09ff, 'bengali'], [0x0a00, 0x0a7f, 'gurmukhi'], [0x0a80, 0x0aff, 'gujarati'], [0x0b00, 0x0b7f, 'oriya'],
  [0x0b80, 0x0bff, 'tamil'], [0x0c00, 0x0c7f, 'telugu'], [0x0c80, 0x0cff, 'kannada'], [0x0d00, 0x0d7f, 'malayalam'],
  [0x0d80, 0x0dff, 'sinhala'], [0x0e00, 0x0e7f, 'thai'], [0x0e80, 0x0eff, 'lao'], [0x1000, 0x109f, 'myanmar'],
  [0x10a0, 0x10ff, 'georgian'], [0x1200, 0x139f, 'ethiopic'], [0x1780, 0x17ff, 'khmer'],
];

/** The script of one UTF-16 code unit that is a letter, or -1 for anything else. Blocks of
 * SINGLE_SCRIPT_BLOCKS give Script.Other (their name is looked up separately). */
function scriptOf(c: number): number {
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? Script.Latin : -1;
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 ? Script.Latin : c === 0xaa || c === 0xba ? Script.Latin : -1;
  if (c >= 0x1e00 && c <= 0x1eff) return Script.Latin; // Vietnamese and other extended Latin
  if (c >= 0x0400 && c <= 0x052f) return Script.Cyrillic;
  if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)) return Script.Arabic;
  if (c >= 0x0900 && c <= 0x097f) return Script.Devanagari;
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f)) return Script.Kana;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return Script.Han;
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return Script.Hangul;
  for (const [lo, hi] of SINGLE_SCRIPT_BLOCKS) if (c >= lo && c <= hi) return Script.Other;
  return -1;
}

function singleScriptName(c: number): string | null {
  for (const [lo, hi, name] of SINGLE_SCRIPT_BLOCKS) if (c >= lo && c <= hi) return name;
  return null;
}

// ---------------------------------------------------------------------------------------
// Function-word profiles

/** One alphabet's profiles: for each word, the languages whose list has it. */
interface ProfileSet {
  langs: string[];
  words: Map<string, number[]>;
}

function buildProfiles(profiles: Readonly<Record<string, string>>): ProfileSet {
  const langs = Object.keys(profiles);
  const words = new Map<string, number[]>();
  langs.forEach((lang, i) => {
    for (const w of new Set(profiles[lang]!.split(' '))) {
      if (!w) continue;
      const list = words.get(w);
      if (list) list.push(i);
      else words.set(w, [i]);
    }
  });
  return { langs, words };
}

let profileSets: Map<Script, ProfileSet> | null = null;
function profilesFor(script: Script): ProfileSet | undefined {
  profileSets ??= new Map([
    [Script.Latin, buildProfiles(LATIN_PROFILES)],
    [Script.Cyrillic, buildProfiles(CYRILLIC_PROFILES)],
    [Script.Arabic, buildProfiles(ARABIC_PROFILES)],
    [Script.Devanagari, buildProfiles(DEVANAGARI_PROFILES)],
  ]);
  return profileSets.get(script);
}

/** Words: runs of letters and combining marks (Devanagari vowel signs are marks). */
const WORD = /[\p{L}\p{M}]+/gu;

// ---------------------------------------------------------------------------------------
// Detection

/** Shortest text (in letters) we judge at all. */
const MIN_LETTERS = 20;
/** Characters read: ~300 words of prose, plenty for function words to settle. */
const SAMPLE_CHARS = 2000;
/** Japanese prose writes a third or more of its characters in kana; Chinese none (a few
 * stray kana in a Chinese text, a name or a quote, must not make it Japanese). */
const JAPANESE_MIN_KANA_SHARE = 0.05;
/** Korean is written in hangul, with few or no hanja. */
const KOREAN_MIN_HANGUL_SHARE = 0.3;
/** One Chinese, Japanese or Korean character carries about what three Latin letters do,
 * so a Chinese lyric printed beside its pinyin is still Chinese. */
const CJK_LETTER_WEIGHT = 3;
/** Weighted CJK share (of the leading alphabet's letters) that decides when the alphabet's
 * words are no language we know. */
const CJK_MIN_SHARE_BESIDE_UNPLACED = 0.2;
/** Function-word hits the winner needs at the least. */
const MIN_HITS = 3;
/** The winner must lead the runner-up by this many hits and this share of its own hits:
 * closely related languages (Danish/Norwegian, Czech/Slovak) share most of their list,
 * and only the words they do not share decide. */
const MIN_LEAD_HITS = 2;
const MIN_LEAD_SHARE = 0.05;
/** Share of the words that must be the winner's function words: prose in any profiled
 * language reaches 20–50%; text in a language we have no profile for (Papiamento reads a
 * little like Spanish) or a run of names and numbers stays far lower. */
const MIN_COVERAGE = 0.12;
/** Below this many letters, text our profiles cannot place goes to eld (a headline-length
 * text has too few function words); above it, it stays undecided rather than cost eld's
 * memory on text no profile of ours fits. */
const SHORT_TEXT_LETTERS = 400;

/** What our own detector makes of a text. */
export interface LanguageGuess {
  /** ISO 639-1 code of the best guess, or null when nothing fits at all. */
  lang: string | null;
  /** Whether the evidence is clear (see the constants above). */
  confident: boolean;
  /** Letters read. */
  letters: number;
  /** Function-word hits by language, when function words decided (empty otherwise) … */
  hits: Record<string, number>;
  /** … among this many words of the text's main alphabet. */
  words: number;
}

/** Our own detector alone (no eld): the script, then function words. */
export function guessLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const counts = [0, 0, 0, 0, 0, 0, 0, 0];
  const others = new Map<string, number>();
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    const s = scriptOf(c);
    if (s < 0) continue;
    letters++;
    counts[s]!++;
    if (s === Script.Other) {
      const name = singleScriptName(c)!;
      others.set(name, (others.get(name) ?? 0) + 1);
    }
  }
  const none: LanguageGuess = { lang: null, confident: false, letters, hits: {}, words: 0 };
  if (letters < MIN_LETTERS) return none;
  // The script with the most letters leads; Chinese, Japanese and Korean count together.
  const cjk = counts[Script.Han]! + counts[Script.Kana]! + counts[Script.Hangul]!;
  let other: [string, number] = ['', 0];
  for (const e of others) if (e[1] > other[1]) other = e;
  const alphabets: [Script, number][] = [
    [Script.Latin, counts[Script.Latin]!], [Script.Cyrillic, counts[Script.Cyrillic]!],
    [Script.Arabic, counts[Script.Arabic]!], [Script.Devanagari, counts[Script.Devanagari]!],
  ];
  let lead: [Script, number] = alphabets[0]!;
  for (const a of alphabets) if (a[1] > lead[1]) lead = a;
  if (CJK_LETTER_WEIGHT * cjk >= lead[1] && cjk >= other[1]) return cjkLanguage(counts, cjk, letters);
  if (other[1] > lead[1]) return { lang: SCRIPT_LANGUAGE[other[0]] ?? null, confident: true, letters, hits: {}, words: 0 };
  const g = byFunctionWords(sample, lead[0], letters);
  // Not prose of any alphabet's language, beside a fair share of CJK characters
  // (Chinese lyrics with their pinyin): the characters tell.
  if (!g.confident && CJK_LETTER_WEIGHT * cjk >= CJK_MIN_SHARE_BESIDE_UNPLACED * lead[1]) return cjkLanguage(counts, cjk, letters);
  return g;
}

/** Korean by its hangul, Japanese by its kana, else Chinese. */
function cjkLanguage(counts: readonly number[], cjk: number, letters: number): LanguageGuess {
  const kana = counts[Script.Kana]!;
  const lang = counts[Script.Hangul]! >= KOREAN_MIN_HANGUL_SHARE * cjk ? 'ko' : kana >= JAPANESE_MIN_KANA_SHARE * (kana + counts[Script.Han]!) ? 'ja' : 'zh';
  return { lang, confident: true, letters, hits: {}, words: 0 };
}

/** Counts each profiled language's function words among the sample's words of one script. */
function byFunctionWords(sample: string, script: Script, letters: number): LanguageGuess {
  const set = profilesFor(script);
  if (!set) return { lang: null, confident: false, letters, hits: {}, words: 0 };
  const hits = new Array<number>(set.langs.length).fill(0);
  let words = 0;
  for (const m of sample.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (scriptOf(w.charCodeAt(0)) !== script) continue; // a Latin brand name in Russian text
    words++;
    const langs = set.words.get(w);
    if (langs) for (const i of langs) hits[i]!++;
  }
  let best = -1, second = -1;
  for (let i = 0; i < hits.length; i++) {
    if (best < 0 || hits[i]! > hits[best]!) {
      second = best;
      best = i;
    } else if (second < 0 || hits[i]! > hits[second]!) second = i;
  }
  const b = best >= 0 ? hits[best]! : 0;
  const byLang: Record<string, number> = {};
  hits.forEach((h, i) => {
    if (h) byLang[set.langs[i]!] = h;
  });
  if (b === 0) return { lang: null, confident: false, letters, hits: byLang, words };
  const s = second >= 0 ? hits[second]! : 0;
  const lead = b - s;
  const confident = b >= MIN_HITS && lead >= MIN_LEAD_HITS && lead >= MIN_LEAD_SHARE * b && b >= MIN_COVERAGE * words;
  return { lang: set.langs[best]!, confident, letters, hits: byLang, words };
}

/** Detects the language of a text (ISO 639-1), or null when the text is too short or
 * nothing fits clearly. Our own detector decides; eld is asked only about genuinely
 * ambiguous short text: as many of its words are function words as in prose, but they do
 * not single out one language (a sentence or two of Danish or Norwegian). Text with few
 * function words of any profile is in none of our ~35 languages or is not prose at all
 * (placeholder text, a list of names), and stays undecided. Only the first
 * 2,000 characters are read. */
export function detectLanguage(text: string): string | null {
  if (!text) return null;
  const g = guessLanguage(text);
  if (g.confident) return g.lang;
  if (!g.lang || g.letters < MIN_LETTERS || g.letters >= SHORT_TEXT_LETTERS) return null;
  // Ambiguous means the words are function words of profiled languages, only not of one.
  if ((g.hits[g.lang] ?? 0) < MIN_COVERAGE * g.words) return null;
  return detectWithEld(text);
}

/** eld's verdict on a text when it calls it reliable, else null. */
export function detectWithEld(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const r = loadDetector().detect(sample);
  if (!r.language || !r.isReliable()) return null;
  return r.language;
}

// ---------------------------------------------------------------------------------------
// Declared against detected

/** Text needed before what it says overrules the page's declaration: a clear verdict on
 * a few paragraphs. Pages often keep their template's lang="en" over German or Spanish
 * articles; they rarely print a long article in a language other than the one they
 * declare correctly. */
const OVERRULE_MIN_LETTERS = 400;
/** A declared language whose function words reach this share of the winner's is present
 * in the text (an article quoting at length in another language) and keeps its place. */
const DECLARED_PRESENT_SHARE = 0.3;
/** To overrule, the winner must also lead every language not close to it by this factor
 * (close ones share most function words): a mixed or creole text (Papiamento reads partly
 * Portuguese, partly Italian) is no clear verdict. */
const OVERRULE_MIN_LEAD_RATIO = 1.5;

/** Languages close enough that a declaration naming one of them is trusted over a verdict
 * naming another (the function words that tell them apart are few). */
const CLOSE_LANGUAGES: readonly (readonly string[])[] = [
  ['da', 'no', 'sv'], ['cs', 'sk'], ['hr', 'sr', 'bs', 'sl', 'mk'], ['id', 'ms'],
  ['es', 'ca', 'gl', 'pt'], ['ru', 'uk', 'be', 'bg'], ['nl', 'af'], ['fa', 'ar', 'ur'], ['hi', 'mr', 'ne'],
];

/** Whether two languages are in one group of CLOSE_LANGUAGES. */
function close(a: string, b: string): boolean {
  return CLOSE_LANGUAGES.some((g) => g.includes(a) && g.includes(b));
}

/** The article's language from the page's declaration and the article's text: the
 * declaration when the text agrees or says nothing clear, the text when it clearly says
 * another language (a declaration in another writing system, or a template's default
 * over a long article); detection when nothing is declared. */
export function resolveLanguage(declared: string | null, text: string | null): string | null {
  if (!text) return declared;
  if (!declared) return detectLanguage(text);
  const g = guessLanguage(text);
  if (!g.confident || !g.lang || g.lang === declared || close(g.lang, declared)) return declared;
  if (g.letters < OVERRULE_MIN_LETTERS) return declared;
  const best = g.hits[g.lang];
  if (best === undefined) return g.lang; // the writing system decided: nothing to weigh
  if ((g.hits[declared] ?? 0) >= DECLARED_PRESENT_SHARE * best) return declared;
  const runnerUp = Math.max(0, ...Object.entries(g.hits).filter(([l]) => l !== g.lang && !close(l, g.lang!)).map(([, h]) => h));
  return best >= OVERRULE_MIN_LEAD_RATIO * runnerUp ? g.lang : declared;
}
