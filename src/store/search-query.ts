// search-query: turns whatever a reader typed into a small, safe query structure, and
// renders it for FTS5 (SQLite) and websearch_to_tsquery (PostgreSQL). Nothing the reader
// types reaches the database's query syntax directly: every word is quoted, so FTS5
// keywords and syntax characters (NEAR, AND, *, ^, :, parentheses, stray quotes) are just
// words or separators. An empty or hopeless query gives `null`, never an error.
//
// Grammar (forgiving): words and "quoted phrases" are all required; a leading `-` excludes
// a word or phrase; `OR` (upper case) between two terms makes either one enough. An
// unbalanced quote is closed at the end of the query.

/** A word or a phrase: its words in order (one word is a plain term). */
export interface Term {
  words: string[];
}

/** What to look for: every group must match (a group is one term or several ORed), none of `exclude` may. */
export interface SearchQuery {
  groups: Term[][];
  exclude: Term[];
}

/** Longest query considered; the rest is ignored (a reader never types more). */
export const MAX_QUERY_CHARS = 500;
/** Most terms kept, to bound the work one query can cause. */
export const MAX_TERMS = 24;
/** What counts as a word: letters (with their combining marks) and digits — the same
 * characters SQLite's unicode61 tokenizer and PostgreSQL's parser keep as word characters. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Query pieces: a (possibly negated) quoted phrase, or a (possibly negated) bare chunk. */
const PIECE = /(-?)"([^"]*)(?:"|$)|(-?)([^\s"]+)/gu;

/** Parses a reader's query; `null` when nothing searchable is left. */
export function parseSearchQuery(input: string): SearchQuery | null {
  const text = String(input ?? '').slice(0, MAX_QUERY_CHARS).normalize('NFC');
  const groups: Term[][] = [];
  const exclude: Term[] = [];
  let orPending = false;
  let count = 0;
  for (const m of text.matchAll(PIECE)) {
    if (count >= MAX_TERMS) break;
    const quoted = m[2] !== undefined;
    const negated = (quoted ? m[1] : m[3]) === '-';
    const raw = quoted ? m[2]! : m[4]!;
    if (!quoted && raw === 'OR') {
      orPending = groups.length > 0;
      continue;
    }
    const words = (raw.match(WORD) ?? []).map((w) => w.toLowerCase());
    if (words.length === 0) continue;
    count++;
    const term: Term = { words };
    if (negated) {
      exclude.push(term);
      orPending = false;
    } else if (orPending) {
      groups[groups.length - 1]!.push(term);
      orPending = false;
    } else {
      groups.push([term]);
    }
  }
  // Only exclusions ("-sport") would mean "every article but"; that is not a search.
  if (groups.length === 0) return null;
  return { groups, exclude };
}

/** The query as FTS5 MATCH syntax: every term a quoted string (words never contain quotes). */
export function toFts5(q: SearchQuery): string {
  const term = (t: Term): string => `"${t.words.join(' ')}"`;
  const group = (g: Term[]): string => (g.length === 1 ? term(g[0]!) : `(${g.map(term).join(' OR ')})`);
  let out = q.groups.map(group).join(' AND ');
  if (q.exclude.length > 0) out = `(${out})` + q.exclude.map((t) => ` NOT ${term(t)}`).join('');
  return out;
}

/**
 * The query as input for PostgreSQL's websearch_to_tsquery: terms quoted (so a word like
 * "or" stays a word), `or` between alternatives (it binds tighter than the implicit AND,
 * which is the grouping we want), `-` before exclusions.
 */
export function toWebsearch(q: SearchQuery): string {
  const term = (t: Term): string => `"${t.words.join(' ')}"`;
  const parts = q.groups.map((g) => g.map(term).join(' or '));
  for (const t of q.exclude) parts.push(`-${term(t)}`);
  return parts.join(' ');
}

/** The cleaned query as a reader would read it back ("you searched for …"). */
export function describeQuery(q: SearchQuery): string {
  const term = (t: Term): string => (t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]!);
  const parts = q.groups.map((g) => g.map(term).join(' OR '));
  for (const t of q.exclude) parts.push(`-${term(t)}`);
  return parts.join(' ');
}
