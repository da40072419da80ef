// feeds-expect: evaluates the `Expect:` lines of feedparser's test corpus — small Python
// expressions over feedparser's result — against our ParsedFeed.
//
// The evaluator knows the subset of Python the corpus uses (==, !=, in, not, and, or,
// indexing, attribute access, tuples, u'…' strings with escapes, len, ord). Our result
// is presented through views that answer feedparser's keys for the fields Entry keeps
// (title, link, id, dates, author, summary, content, categories, image enclosures,
// language, feed title/link); any other key raises NotApplicable with a reason class,
// and the case is counted as not applicable rather than failed.
//
// Comparisons are shape-aware, because our contract differs from feedparser's by design:
// titles are plain text (feedparser keeps HTML titles as HTML), summaries and content
// are our sanitizer's output (feedparser has its own), authors are names without the
// e-mail. A title matches when it equals the expected value or the expected HTML's text;
// HTML matches when it equals the expected value, its escaped text, or the expected value
// run through our sanitizer (whitespace-normalised).
import { htmlToText } from '../../src/feeds/content.ts';
import { cleanAuthor } from '../../src/feeds/entry.ts';
import type { Entry, ParsedFeed } from '../../src/feeds/index.ts';
import { whatwgName } from '../../src/fetch/xml-charset.ts';
import { escapeText, sanitizeHtml } from '../../src/sanitize/index.ts';

export class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
/** The expression cannot be read by this evaluator. */
export class Unsupported extends Error {}

type Kind = 'text' | 'html' | 'plain' | 'url' | 'author' | 'date' | 'encoding';
/** One of our values with how it must be compared. */
export class Field {
  constructor(readonly kind: Kind, readonly value: string | null, readonly base: string | null = null) {}
}
type Value = string | number | boolean | null | undefined | Field | Value[] | View | ((...a: Value[]) => Value);
/** A dict-like view: answers a key or throws NotApplicable. */
export class View {
  constructor(readonly get: (key: string) => Value) {}
}

// ---- tokens -----------------------------------------------------------------------------
type Tok = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };
const OPS = ['==', '!=', '<=', '>=', '(', ')', '[', ']', ',', '.', '<', '>', ':', '-', '+', '%'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const strStart = /^([uUbBrR]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (strStart && (strStart[1] || c === "'" || c === '"')) {
      const raw = /r/i.test(strStart[1]!);
      const q = strStart[2]!;
      let j = i + strStart[0].length;
      let v = '';
      while (j < src.length && !src.startsWith(q, j)) {
        if (src[j] === '\\' && !raw) {
          const [s, n] = escape(src, j);
          v += s;
          j += n;
        } else v += src[j++];
      }
      if (j >= src.length) throw new Unsupported('unterminated string');
      out.push({ t: 'str', v });
      i = j + q.length;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Unsupported(`unexpected character ${c}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function escape(src: string, j: number): [string, number] {
  const n = src[j + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };
  if (n === 'x') return [String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)), 4];
  if (n === 'u') return [String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16)), 6];
  if (n === 'U') return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16)), 10];
  if (n === '\n') return ['', 2];
  if (n !== undefined && simple[n] !== undefined) return [simple[n]!, 2];
  return ['\\', 1];
}

// ---- parser + evaluator (evaluates while parsing, short-circuit by skipping) -----------
class Evaluator {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly env: Record<string, Value>) {}

  run(): Value {
    const v = this.or(true);
    if (this.i < this.toks.length) throw new Unsupported('trailing tokens');
    return v;
  }
  private peek(v?: string): boolean {
    const t = this.toks[this.i];
    return !!t && (t.t === 'op' || t.t === 'id') && (v === undefined || t.v === v);
  }
  private eat(v: string): void {
    if (!this.peek(v)) throw new Unsupported(`expected ${v}`);
    this.i++;
  }
  private or(live: boolean): Value {
    let v = this.and(live);
    while (this.peek('or')) {
      this.i++;
      const take = live && !truthy(v);
      const r = this.and(take);
      if (take) v = r;
    }
    return v;
  }
  private and(live: boolean): Value {
    let v = this.not(live);
    while (this.peek('and')) {
      this.i++;
      const take = live && truthy(v);
      const r = this.not(take);
      if (take) v = r;
    }
    return v;
  }
  private not(live: boolean): Value {
    if (this.peek('not')) {
      this.i++;
      if (this.toks[this.i]?.t === 'id' && (this.toks[this.i] as { v: string }).v === 'bozo') {
        this.i++;
        return true; // "not bozo": we are a forgiving parser; bozo is not something we report
      }
      return live ? !truthy(this.not(live)) : (this.not(false), false);
    }
    return this.cmp(live);
  }
  /** A comparison, chained the Python way (`a == b == c` is `a == b and b == c`). */
  private cmp(live: boolean): Value {
    let a = this.postfix(live);
    let result: Value = a;
    let chained = false;
    for (;;) {
      const op = this.compareOp();
      if (!op) return result;
      const b = this.postfix(live);
      const ok = live ? compare(op, a, b) : false;
      result = chained ? truthy(result) && ok : ok;
      chained = true;
      a = b;
    }
  }
  private compareOp(): string | null {
    const t = this.toks[this.i];
    if (!t) return null;
    let op: string | null = null;
    if (t.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v)) op = t.v;
    else if (t.t === 'id' && t.v === 'in') op = 'in';
    else if (t.t === 'id' && t.v === 'is') op = 'is';
    else if (t.t === 'id' && t.v === 'not' && this.toks[this.i + 1]?.t === 'id' && (this.toks[this.i + 1] as { v: string }).v === 'in') op = 'not in';
    if (!op) return null;
    this.i += op === 'not in' ? 2 : 1;
    if (op === 'is' && this.peek('not')) {
      this.i++;
      op = 'is not';
    }
    return op;
  }
  private postfix(live: boolean): Value {
    let v = this.atom(live);
    for (;;) {
      if (this.peek('[')) {
        this.i++;
        if (this.peek(':')) throw new NotApplicable('slicing');
        const k = this.or(live);
        if (this.peek(':')) throw new NotApplicable('slicing');
        this.eat(']');
        if (live) v = index(v, k);
      } else if (this.peek('.')) {
        this.i++;
        const name = this.toks[this.i++];
        if (!name || name.t !== 'id') throw new Unsupported('attribute name');
        if (live) v = index(v, name.v);
      } else if (this.peek('(')) {
        this.i++;
        const args: Value[] = [];
        while (!this.peek(')')) {
          args.push(this.or(live));
          if (this.peek(',')) this.i++;
        }
        this.eat(')');
        if (live) {
          if (typeof v !== 'function') throw new NotApplicable('method call on a value');
          v = v(...args);
        }
      } else return v;
    }
  }
  private atom(live: boolean): Value {
    const t = this.toks[this.i++];
    if (!t) throw new Unsupported('unexpected end');
    if (t.t === 'str') {
      let s = t.v;
      while (this.toks[this.i]?.t === 'str') s += (this.toks[this.i++] as { v: string }).v; // 'a' 'b'
      return s;
    }
    if (t.t === 'num') return t.v;
    if (t.t === 'op' && t.v === '-') {
      const v = this.atom(live);
      return typeof v === 'number' ? -v : v;
    }
    if (t.t === 'op' && (t.v === '(' || t.v === '[')) {
      const close = t.v === '(' ? ')' : ']';
      const items: Value[] = [];
      let comma = false;
      while (!this.peek(close)) {
        items.push(this.or(live));
        if (this.peek(',')) {
          this.i++;
          comma = true;
        }
      }
      this.eat(close);
      return t.v === '(' && items.length === 1 && !comma ? items[0] : items;
    }
    if (t.t === 'id') {
      if (t.v === 'None') return null;
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (!live) return null;
      if (t.v in this.env) return this.env[t.v];
      throw new NotApplicable(`name ${t.v}`);
    }
    throw new Unsupported(`unexpected ${t.v}`);
  }
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '==':
    case 'is':
      return equal(a, b);
    case '!=':
    case 'is not':
      return !equal(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    default:
      throw new NotApplicable('ordering comparison');
  }
}

function truthy(v: Value): boolean {
  if (v instanceof Field) return !!v.value;
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

function index(v: Value, k: Value): Value {
  if (v instanceof View) {
    return v.get(String(k));
  }
  if (Array.isArray(v)) {
    if (typeof k !== 'number') throw new Unsupported('non-number index');
    const item = v[k < 0 ? v.length + k : k];
    if (item === undefined) throw new IndexMissing();
    return item;
  }
  if (v instanceof Field && typeof k === 'number') return v.value?.[k] ?? null;
  throw new NotApplicable('indexing a scalar');
}

/** A list index our result does not have (Python's IndexError): the case fails. */
export class IndexMissing extends Error {}

function contains(hay: Value, needle: Value): boolean {
  const h = hay instanceof Field ? hay.value ?? '' : hay;
  const n = needle instanceof Field ? needle.value ?? '' : needle;
  if (typeof h === 'string' && typeof n === 'string') return h.includes(n);
  if (Array.isArray(h)) return h.some((x) => equal(x, needle));
  if (h instanceof View) throw new NotApplicable('key membership');
  return false;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').replace(/>\s+</g, '><').trim();

export function equal(a: Value, b: Value): boolean {
  if (a instanceof Field && !(b instanceof Field)) return fieldEquals(a, b);
  if (b instanceof Field && !(a instanceof Field)) return fieldEquals(b, a);
  if (a instanceof Field && b instanceof Field) return a.value === b.value;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, (b as Value[])[i]));
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'boolean' && typeof b === 'number') return Number(a) === b;
  if (typeof b === 'boolean' && typeof a === 'number') return Number(b) === a;
  return a === b;
}

function fieldEquals(f: Field, exp: Value): boolean {
  const ours = f.value;
  if (exp === null) return ours === null;
  if (f.kind === 'date') {
    if (!Array.isArray(exp)) return false;
    return ours !== null && equal(dateTuple(ours), exp);
  }
  if (typeof exp !== 'string') return false;
  if (ours === null) return exp === '';
  if (ours === exp) return true;
  switch (f.kind) {
    case 'text':
      return ours === htmlToText(exp) || squash(ours) === squash(exp);
    case 'html': {
      if (ours === escapeText(exp) || squash(ours) === squash(exp)) return true;
      const clean = sanitizeHtml(exp, { baseUrl: f.base });
      return squash(ours) === squash(clean) || squash(ours) === squash(escapeText(exp));
    }
    case 'author':
      return ours === cleanAuthor(exp);
    case 'url':
      // our URLs are absolute and WHATWG-normalised (host lower-cased, spaces escaped)
      try {
        return new URL(exp).href === ours;
      } catch {
        return false;
      }
    case 'encoding':
      return sameEncoding(ours, exp);
    default:
      return false;
  }
}

function sameEncoding(ours: string, exp: string): boolean {
  const a = ours.toLowerCase();
  const b = exp.toLowerCase();
  if (a === b) return true;
  const wa = whatwgName(a) ?? a;
  const wb = whatwgName(b) ?? b;
  // WHATWG's GBK decoder is the gb18030 decoder.
  const fold = (s: string): string => (s === 'gbk' ? 'gb18030' : s);
  return fold(wa) === fold(wb);
}

/** feedparser's time.struct_time tuple (UTC) for an ISO date. */
export function dateTuple(iso: string): number[] {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(y, 0, 1);
  start.setUTCHours(0, 0, 0, 0);
  const yday = Math.floor((d.getTime() - start.getTime()) / 86_400_000) + 1;
  const wday = (d.getUTCDay() + 6) % 7; // Monday = 0
  return [y, d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), wday, yday, 0];
}

// ---- views over our result -------------------------------------------------------------
const na = (what: string): never => {
  throw new NotApplicable(what);
};

function detail(value: Field, kind: string): View {
  return new View((k) => (k === 'value' ? value : na(`${kind} ${k} (type/language/base not kept)`)));
}

function entryView(e: Entry, base: string | null): View {
  const title = new Field('text', e.title);
  const summary = new Field('html', e.summary, e.url ?? base);
  const content = new Field('html', e.contentHtml, e.url ?? base);
  const author = new Field('author', e.authors[0] ?? null);
  return new View((k) => {
    switch (k) {
      case 'title':
        return title;
      case 'title_detail':
        return detail(title, 'title_detail');
      case 'link':
        return new Field('url', e.url);
      case 'links':
        return new View((i) => (i === '0' ? new View((kk) => (kk === 'href' ? new Field('url', e.url) : na(`links ${kk}`))) : na('links beyond the first (only the entry link is kept)')));
      case 'id':
      case 'guid':
        return new Field('plain', e.id);
      case 'summary':
      case 'description':
        return summary;
      case 'summary_detail':
        return detail(summary, 'summary_detail');
      case 'content':
        return e.contentHtml ? [detail(content, 'content')] : [];
      case 'author':
        return author;
      case 'author_detail':
        return new View((kk) => (kk === 'name' ? author : na(`author_detail ${kk}`)));
      case 'authors':
        return e.authors.map((a) => new View((kk) => (kk === 'name' ? new Field('author', a) : na(`authors ${kk}`))));
      case 'published_parsed':
      case 'issued_parsed':
        return new Field('date', e.publishedAt);
      case 'updated_parsed':
      case 'modified_parsed':
        // feedparser falls back to the published date for updated
        return new Field('date', e.updatedAt ?? e.publishedAt);
      case 'tags':
        return e.categories.map((c) => new View((kk) => (kk === 'term' ? new Field('plain', c) : na(`tags ${kk}`))));
      case 'category':
        return new Field('plain', e.categories[0] ?? null);
      case 'enclosures':
        if (!e.image) return na('enclosures (only image enclosures are kept)');
        return [new View((kk) => (kk === 'href' || kk === 'url' ? new Field('plain', e.image!.url) : kk === 'type' ? new Field('plain', e.image!.type) : na(`enclosure ${kk}`)))];
      case 'language':
        return new Field('plain', e.lang);
      case 'published':
      case 'updated':
      case 'issued':
      case 'modified':
      case 'created':
      case 'created_parsed':
      case 'expired':
      case 'expired_parsed':
        return na('raw date string / created / expired not kept');
      default:
        return na(`entry field ${k} not kept`);
    }
  });
}

function feedView(f: ParsedFeed): View {
  const title = new Field('text', f.title);
  return new View((k) => {
    switch (k) {
      case 'title':
        return title;
      case 'title_detail':
        return detail(title, 'title_detail');
      case 'link':
        return new Field('url', f.link);
      case 'language':
        return new Field('plain', f.lang);
      default:
        return na(`feed field ${k} not kept`);
    }
  });
}

/** Sub-keys (of links, authors, enclosures, content) that Entry has no place for. */
const NOT_KEPT_KEYS = new Set(['url', 'rel', 'length', 'src', 'email', 'hreflang', 'scheme', 'label', 'contributors', 'base', 'href_lang']);

export interface ExpectOutcome {
  status: 'pass' | 'fail' | 'na';
  reason?: string;
}

/** Evaluates one Expect expression against our result (`null` when parseFeed refused
 * the document, with the error message). */
export function evaluateExpect(expect: string, feed: ParsedFeed | null, encoding: string | null, docUrl: string | null, error?: string): ExpectOutcome {
  const src = expect.trim();
  if (!src || src === '1') return { status: 'na', reason: 'no expectation' };
  let toks: Tok[];
  try {
    toks = tokenize(src);
  } catch {
    return { status: 'na', reason: 'expression syntax not supported' };
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.t === 'id' && t.v === 'bozo' && !(toks[i - 1]?.t === 'id' && (toks[i - 1] as { v: string }).v === 'not')) {
      return { status: 'na', reason: 'bozo flag (well-formedness report)' };
    }
  }
  // Keys of things Entry does not keep, wherever they appear (a list index before them
  // must not turn "not kept" into "missing").
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1]!;
    const key = (t.t === 'str' && prev.t === 'op' && prev.v === '[') || (t.t === 'id' && prev.t === 'op' && prev.v === '.') ? t.v : null;
    if (key && NOT_KEPT_KEYS.has(key)) return { status: 'na', reason: `${key} (not kept in Entry)` };
  }
  const empty: ParsedFeed = { format: 'rss', title: null, link: null, lang: null, ttlSeconds: null, entries: [] };
  const f = feed ?? empty;
  const env: Record<string, Value> = {
    feed: feedView(f),
    entries: f.entries.map((e) => entryView(e, docUrl)),
    encoding: new Field('encoding', encoding),
    len: (x: Value) => (Array.isArray(x) ? x.length : x instanceof Field ? (x.value ?? '').length : na('len of a view')),
    ord: (x: Value) => {
      const s = x instanceof Field ? x.value ?? '' : typeof x === 'string' ? x : '';
      return [...s].length === 1 ? s.codePointAt(0)! : na('ord of a longer string');
    },
  };
  try {
    const v = new Evaluator(toks, env).run();
    if (truthy(v)) return { status: 'pass' };
    return { status: 'fail', reason: error ? `parse error: ${error}` : 'values differ' };
  } catch (err) {
    if (err instanceof NotApplicable) return { status: 'na', reason: err.reason.replace(/ (?:[a-z_]+)$/, (m) => m) };
    if (err instanceof IndexMissing) return { status: 'fail', reason: error ? `parse error: ${error}` : 'missing entry/list item' };
    if (err instanceof Unsupported) return { status: 'na', reason: 'expression syntax not supported' };
    throw err;
  }
}

/** The value of a Python literal (string, number, tuple, None). */
export function pyValue(src: string): Value {
  return new Evaluator(tokenize(src), {}).run();
}
