// sections: which section of the site an article belongs in. A chain of tried strategies,
// in order: the source's configured section; the feed's categories (and the page's own
// section label) mapped to a section; the section most of its story's other articles were
// labelled with by the steps above; a classifier that learns from the articles whose
// section is known; a keyword lexicon. Each step says which one answered, so the admin can
// show why.
import { leadTerms, terms } from './text.ts';

export const STANDARD_SECTIONS = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Health', 'Sports', 'Entertainment'] as const;

/** Feed category words → section (first match wins; operator mappings are checked before these). */
const CATEGORY_RULES: [RegExp, string][] = [
  [/\b(?:world|international|foreign|global|europe|asia|africa|middle east|americas)\b/i, 'World'],
  [/\b(?:politics?|political|elections?|government|congress|parliament|policy)\b/i, 'Politics'],
  [/\b(?:business|economy|economics|markets?|finance|money|companies|stocks?)\b/i, 'Business'],
  [/\b(?:tech(?:nology)?|science ?& ?tech|gadgets?|internet|digital|computing)\b/i, 'Technology'],
  [/\b(?:science|space|environment|climate|nature)\b/i, 'Science'],
  [/\b(?:health|medicine|medical|wellness|fitness)\b/i, 'Health'],
  [/\b(?:sports?|football|soccer|cricket|tennis|basketball|baseball|rugby|golf|nfl|nba)\b/i, 'Sports'],
  [/\b(?:entertainment|arts?|culture|celebrity|music|movies?|film|tv|television|showbiz|lifestyle)\b/i, 'Entertainment'],
];

/** Last resort: words that point to a section (stemmed like `terms`). */
const LEXICON: Record<string, string[]> = {
  World: ['minister', 'president', 'war', 'ukraine', 'russia', 'china', 'un', 'embassy', 'refugee', 'military', 'troop'],
  Politics: ['election', 'vote', 'senate', 'congress', 'parliament', 'campaign', 'democrat', 'republican', 'bill', 'law', 'party'],
  Business: ['stock', 'market', 'share', 'investor', 'profit', 'bank', 'economy', 'company', 'price', 'trade', 'dow', 'earning', 'ceo', 'sale'],
  Technology: ['apple', 'google', 'microsoft', 'app', 'software', 'iphone', 'android', 'internet', 'tech', 'device', 'data', 'online', 'game'],
  Science: ['scientist', 'study', 'space', 'nasa', 'planet', 'research', 'climate', 'species', 'star', 'fossil'],
  Health: ['health', 'patient', 'drug', 'disease', 'cancer', 'hospital', 'vaccine', 'doctor', 'fda', 'virus', 'medical'],
  Sports: ['match', 'team', 'coach', 'league', 'cup', 'season', 'player', 'win', 'goal', 'championship'],
  Entertainment: ['film', 'movie', 'star', 'music', 'album', 'actor', 'actress', 'singer', 'show', 'celebrity', 'tv', 'trailer', 'wedding'],
};

export type SectionReason = 'source' | 'feed-category' | 'story' | 'classifier' | 'lexicon' | 'none';

export interface SectionInput {
  title?: string | null;
  text?: string | null;
  /** The source's configured section, if the operator set one. */
  sourceSection?: string | null;
  /** The feed entry's categories and the page's own section label. */
  categories?: string[] | null;
}

/**
 * The section its story's labelled articles agree on: the most frequent label, when it has
 * more votes than every other (a tie says nothing). Outlets file the same event under the
 * same section far more often than words alone place it: a chip plant "wins" in a business
 * story, not a sports one.
 */
export function storySection(labels: Iterable<string>): string | null {
  const votes = new Map<string, number>();
  for (const l of labels) votes.set(l, (votes.get(l) ?? 0) + 1);
  let best: string | null = null;
  let top = 0;
  let tie = false;
  for (const [section, n] of votes) {
    if (n > top) [best, top, tie] = [section, n, false];
    else if (n === top) tie = true;
  }
  return tie ? null : best;
}

export interface SectionSettings {
  /** Operator mappings checked before the built-in rules: lower-cased category → section. */
  categoryMap: Record<string, string>;
  /** Articles with a known section the classifier needs before it is trusted. */
  minTraining: number;
  /** Lowest posterior probability of the winning section for the classifier to answer. */
  minConfidence: number;
  /** Additive smoothing of word counts. */
  smoothing: number;
  /** Title words count this many times (a headline says what the article is about). */
  titleWeight: number;
  /** Body words read. */
  maxBodyWords: number;
}

export const DEFAULT_SECTION_SETTINGS: SectionSettings = {
  categoryMap: {},
  minTraining: 20,
  minConfidence: 0.5,
  smoothing: 0.1,
  titleWeight: 3,
  maxBodyWords: 150,
};

/**
 * Online multinomial naive Bayes over title and lead words, with classes as learnt (so an
 * operator's own sections work). Learning and predicting cost the length of the text.
 */
export class SectionClassifier {
  readonly settings: SectionSettings;
  #classDocs = new Map<string, number>();
  #classWords = new Map<string, number>();
  #counts = new Map<string, Map<string, number>>();
  #vocab = new Set<string>();
  #docs = 0;

  constructor(settings: Partial<SectionSettings> = {}) {
    this.settings = { ...DEFAULT_SECTION_SETTINGS, ...settings };
  }

  #features(doc: SectionInput): Map<string, number> {
    const f = new Map<string, number>();
    for (const t of terms(doc.title ?? '')) f.set(t, (f.get(t) ?? 0) + this.settings.titleWeight);
    for (const t of leadTerms(doc.text ?? '', this.settings.maxBodyWords)) f.set(t, (f.get(t) ?? 0) + 1);
    return f;
  }

  /** Learns from an article whose section is known. */
  learn(doc: SectionInput, section: string): void {
    const f = this.#features(doc);
    this.#docs++;
    this.#classDocs.set(section, (this.#classDocs.get(section) ?? 0) + 1);
    let counts = this.#counts.get(section);
    if (!counts) this.#counts.set(section, (counts = new Map()));
    let total = 0;
    for (const [t, c] of f) {
      counts.set(t, (counts.get(t) ?? 0) + c);
      this.#vocab.add(t);
      total += c;
    }
    this.#classWords.set(section, (this.#classWords.get(section) ?? 0) + total);
  }

  get trained(): number {
    return this.#docs;
  }

  /** The likeliest section and its posterior probability, or null before any learning. */
  predict(doc: SectionInput): { section: string; confidence: number } | null {
    if (this.#classDocs.size === 0) return null;
    const f = this.#features(doc);
    const a = this.settings.smoothing;
    const v = this.#vocab.size + 1;
    const logp: [string, number][] = [];
    for (const [section, n] of this.#classDocs) {
      const counts = this.#counts.get(section)!;
      const denom = Math.log((this.#classWords.get(section) ?? 0) + a * v);
      let lp = Math.log(n / this.#docs);
      for (const [t, c] of f) if (this.#vocab.has(t)) lp += c * (Math.log((counts.get(t) ?? 0) + a) - denom);
      logp.push([section, lp]);
    }
    const max = Math.max(...logp.map(([, x]) => x));
    let z = 0;
    for (const [, x] of logp) z += Math.exp(x - max);
    const [section, best] = logp.reduce((b, c) => (c[1] > b[1] ? c : b));
    return { section, confidence: Math.exp(best - max) / z };
  }
}

/** A feed category mapped to a section: operator's map first, then the built-in rules. */
export function sectionFromCategories(categories: string[], map: Record<string, string> = {}): string | null {
  for (const c of categories) {
    const own = map[c.trim().toLowerCase()];
    if (own) return own;
  }
  for (const c of categories) for (const [re, section] of CATEGORY_RULES) if (re.test(c)) return section;
  return null;
}

/** Body words the lexicon reads. */
const LEXICON_BODY_WORDS = 200;

/** The lexicon's best section (most keyword hits; ties: the first in STANDARD_SECTIONS order), or null. */
export function sectionFromLexicon(doc: SectionInput): string | null {
  const words = new Set([...terms(doc.title ?? ''), ...leadTerms(doc.text ?? '', LEXICON_BODY_WORDS)]);
  let best: string | null = null;
  let bestHits = 0;
  for (const [section, keys] of Object.entries(LEXICON)) {
    const hits = keys.filter((k) => words.has(k)).length;
    if (hits > bestHits) [best, bestHits] = [section, hits];
  }
  return best;
}

/** The section the article itself is labelled with (its source's, else its categories'), or null. */
export function labelledSection(doc: SectionInput, settings: SectionSettings = DEFAULT_SECTION_SETTINGS): { section: string; reason: SectionReason } | null {
  if (doc.sourceSection) return { section: doc.sourceSection, reason: 'source' };
  const fromFeed = sectionFromCategories(doc.categories ?? [], settings.categoryMap);
  return fromFeed ? { section: fromFeed, reason: 'feed-category' } : null;
}

/**
 * The section chain: source → feed categories → the story's labels (`storyLabels`, the
 * labelled sections of the other articles of its story) → classifier (once trained and
 * confident) → lexicon.
 */
export function chooseSection(
  doc: SectionInput,
  classifier: SectionClassifier | null,
  storyLabels: Iterable<string> = [],
): { section: string | null; reason: SectionReason } {
  const settings = classifier?.settings ?? DEFAULT_SECTION_SETTINGS;
  const own = labelledSection(doc, settings);
  if (own) return own;
  const fromStory = storySection(storyLabels);
  if (fromStory) return { section: fromStory, reason: 'story' };
  if (classifier && classifier.trained >= settings.minTraining) {
    const p = classifier.predict(doc);
    if (p && p.confidence >= settings.minConfidence) return { section: p.section, reason: 'classifier' };
  }
  const lex = sectionFromLexicon(doc);
  return lex ? { section: lex, reason: 'lexicon' } : { section: null, reason: 'none' };
}
