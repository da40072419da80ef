// text: the word-level view of an article the stories stage works on — tokens folded to a
// comparable form (lower case, accents off, a light English suffix stemmer), stopwords
// dropped, and named-entity candidates (capitalised spans) for raw text.

/** Words that carry no story signal (function words, reporting verbs, news furniture). */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves says said say saying new news report reports
reported according told tells tell get gets got one two three first last year years day days week weeks time
like may might must us via per vs amp ll ve re don doesn didn isn aren wasn weren won wouldn can't cannot
update updated updates live video photo photos watch read see here's what's it's that's
der die das und ist den dem des ein eine einer eines mit von zu im auf für nicht sich auch als wie bei aus nach
le la les de du des et en un une est pour dans que qui sur au aux par pas plus
el los las y del por con para una es lo se`.split(/\s+/),
);

/** A token: letters/digits with inner apostrophes, dots (U.S.) or hyphens kept together. */
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;
const DIACRITICS_RE = /\p{M}+/gu;
const APOSTROPHE_S_RE = /['’]s$/;
const PUNCT_INSIDE_RE = /['’.\-]/g;
/** Pure numbers and short numerals say little about which story a text belongs to (years do, a bit). */
const NUMBER_RE = /^\d+$/;
const MIN_TOKEN_CHARS = 2;

/** Folds one word: lower case, no accents, no possessive, no inner punctuation. */
export function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(DIACRITICS_RE, '')
    .toLowerCase()
    .replace(APOSTROPHE_S_RE, '')
    .replace(PUNCT_INSIDE_RE, '');
}

/**
 * A light English suffix stemmer: plural and verb endings only (stocks→stock, rises→rise,
 * talked→talk). Aggressive stemmers merge words that news keeps apart (e.g. "general"/"generate").
 */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('es') && /(?:ch|sh|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  return w;
}

/** Lower case without accents, for a whole text at once (per-word normalisation is the slow part). */
function foldText(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS_RE, '').toLowerCase();
}

/** Folds a token of already folded text: no possessive, no inner punctuation. */
function foldToken(token: string): string {
  return token.replace(APOSTROPHE_S_RE, '').replace(PUNCT_INSIDE_RE, '');
}

/** Characters read per term wanted by `leadTerms` (words, spaces and stopwords between them). */
const CHARS_PER_TERM = 12;

/** The first `max` content terms of a text, reading only its opening characters (a long
 * body costs what its lead does). Near the cut, fewer terms may come back than a full read
 * would give. */
export function leadTerms(text: string, max: number): string[] {
  const t = terms(text.length > max * CHARS_PER_TERM ? text.slice(0, max * CHARS_PER_TERM) : text);
  return t.length > max ? t.slice(0, max) : t;
}

/** Content terms of a text: folded, stemmed, without stopwords or pure numbers (version numbers are kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  const folded = foldText(text);
  for (const m of folded.matchAll(TOKEN_RE)) {
    if (VERSION_RE.test(m[0])) {
      if (!isAmount(folded, m.index, m[0].length)) out.push(m[0]);
      continue;
    }
    const w = foldToken(m[0]);
    if (w.length < MIN_TOKEN_CHARS || STOPWORDS.has(w) || NUMBER_RE.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** A version or model number ("iOS 7.1", "Windows 8.1"): kept whole as a term, where a plain
 * number is dropped — it names the thing ("Apple TV 6.1" is not the "iOS 7.1" story). */
const VERSION_RE = /^\d+(?:\.\d+)+$/;
/** A quantity rather than a name: a currency sign before, or a unit or scale after. */
const AMOUNT_BEFORE_RE = /[$€£¥]\s?$/;
const AMOUNT_AFTER_RE = /^\s?(?:%|pc\b|pct\b|percent|per cent|bn\b|billion|million|trillion|points?\b|cents?\b)/;

function isAmount(text: string, at: number, length: number): boolean {
  return AMOUNT_BEFORE_RE.test(text.slice(Math.max(0, at - 2), at)) || AMOUNT_AFTER_RE.test(text.slice(at + length, at + length + 10));
}

/** All words of a text, folded but kept (for shingling: stopwords matter for copy detection). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(TOKEN_RE)) {
    const w = foldToken(m[0]);
    if (w) out.push(w);
  }
  return out;
}

const CAPITALISED_RE = /^\p{Lu}[\p{L}\p{N}'’.\-]*$/u;
/** A headline in Title Case capitalises everything: capitals there are no entity signal. */
const TITLE_CASE_SHARE = 0.6;
const SENTENCE_END_RE = /[.!?:;"“”]$/;
/** Short capitalised words inside a name ("Bank of England", "Jose de la Cruz"). */
const NAME_JOINERS = new Set(['of', 'de', 'la', 'van', 'von', 'der', 'del', 'da', 'al', 'bin']);

/**
 * Named-entity candidates: spans of capitalised words not at a sentence start (which any
 * word could be), folded and joined with `_` ("Edward Snowden" → "edward_snowden"), plus
 * each multi-word span's last word (a surname recurs alone). Empty when the text is in
 * Title Case or all lower case (as in pre-processed corpora), where capitals say nothing.
 */
export function entities(text: string): string[] {
  const raw = text.split(/\s+/).filter(Boolean);
  if (raw.length === 0) return [];
  let caps = 0;
  for (const w of raw) if (CAPITALISED_RE.test(w.replace(/^[("“'‘]+/, ''))) caps++;
  if (caps === 0 || (raw.length >= 4 && caps / raw.length >= TITLE_CASE_SHARE)) return [];
  const out: string[] = [];
  let span: string[] = [];
  let sentenceStart = true;
  const flush = () => {
    while (span.length && NAME_JOINERS.has(span[span.length - 1]!)) span.pop();
    if (span.length) {
      const folded = span.map(foldWord).filter((w) => w && !STOPWORDS.has(w));
      if (folded.length) {
        out.push(folded.join('_'));
        if (folded.length > 1) out.push(folded[folded.length - 1]!);
      }
    }
    span = [];
  };
  for (const token of raw) {
    const clean = token.replace(/^[("“'‘]+/, '').replace(/[)"”'’,.!?:;]+$/, '');
    const isCap = CAPITALISED_RE.test(clean) && clean.length > 1;
    if (isCap && !sentenceStart) span.push(clean);
    else if (span.length && NAME_JOINERS.has(clean)) span.push(clean);
    else flush();
    if (isCap && sentenceStart) flush();
    sentenceStart = SENTENCE_END_RE.test(token);
    if (sentenceStart || /[,)]$/.test(token)) flush();
  }
  flush();
  return out;
}
