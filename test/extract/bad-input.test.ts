// Bad input for extract(): empty and binary files, a 50 MB page, markup nested 100,000
// levels deep, pages in legacy encodings, pages without an article. Each must give a
// clear result (a body, or `articleBody: null` with a `reason`) within a time limit —
// never a crash, never a hang.
//
// The cases run in child processes (this same file, with NEWSDESK_BAD_INPUT_CASE set), so
// a hang is caught by a kill timer instead of freezing the test runner, and a crash shows
// its stack. Quick cases share one child; the deep-nesting ones get one each.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.ts';

/** Time extract() may take on one bad input (the benchmark's limit for real pages is 1 s). */
const LIMIT_MS = 5000;
/** Extra wall time for a child to start (tsx) and build its inputs. */
const STARTUP_MS = 5000;
const CASE_ENV = 'NEWSDESK_BAD_INPUT_CASE';

/** What a child reports about one case. */
interface CaseResult {
  ms: number;
  articleBody: string | null;
  bodyLength: number;
  reason: string | null;
  title: string | null;
  /** Title + body, to look for text (and for U+FFFD) without shipping 50 MB back. */
  sample: string;
}

// ---------- inputs (built in the child) ----------

let seed = 42;
const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const randomBytes = (n: number): number[] => Array.from({ length: n }, () => Math.floor(random() * 256));
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];

/** windows-1252 bytes for the characters a news page uses (Latin-1 plus 0x80–0x9F). */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '…': 0x85 };
function cp1252(s: string): number[] {
  return [...s].map((c) => CP1252_HIGH[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
}

/** A page whose head is ASCII and whose headline and paragraphs are given as bytes. */
function legacyPage(charset: string, headline: number[], paragraph: number[]): Uint8Array {
  const out: number[] = [...ascii(`<!doctype html><html><head><meta charset="${charset}"><title>`), ...headline, ...ascii('</title></head><body><article><h1>'), ...headline, ...ascii('</h1>')];
  for (let i = 0; i < 5; i++) out.push(...ascii('<p>'), ...paragraph, ...ascii('</p>\n'));
  out.push(...ascii('</article></body></html>'));
  return Uint8Array.from(out);
}

const SJIS_SENTENCE = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58, 0x81, 0x42]; // 日本語ニュース。
const KOI8_SENTENCE = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x20, 0xcd, 0xc9, 0xd2, 0x2c, 0x20, 0xce, 0xcf, 0xd7, 0xcf, 0xd3, 0xd4, 0xc9, 0x2e, 0x20]; // Привет мир, новости.
const repeat = (bytes: number[], n: number): number[] => Array.from({ length: n }, () => bytes).flat();

const INPUTS: Record<string, () => Uint8Array | string> = {
  'empty file': () => new Uint8Array(0),
  'only whitespace': () => Buffer.from(' \n\t\r\n   '),
  'random bytes (1 MB)': () => Uint8Array.from(randomBytes(1 << 20)),
  'a PNG file': () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...ascii('IHDR'), ...randomBytes(200_000)]),
  'a 50 MB page': () => {
    const para = '<p>The council met on Tuesday to discuss the budget, which has been delayed for months by disagreements over spending on roads and schools.</p>\n';
    const head = '<!doctype html><html><head><title>Budget talks drag on</title></head><body><article><h1>Budget talks drag on</h1>';
    return Buffer.from(head + para.repeat(Math.ceil((50 * 1024 * 1024) / para.length)) + '</article></body></html>');
  },
  '100,000 nested <div>': () => `<html><body>${'<div>'.repeat(100_000)}deep text${'</div>'.repeat(100_000)}</body></html>`,
  '100,000 nested <b>': () => `<html><body><p>${'<b>'.repeat(100_000)}deep text${'</b>'.repeat(100_000)}</p></body></html>`,
  'windows-1252 page': () =>
    legacyPage(
      'windows-1252',
      cp1252('Prices “soar” – again'),
      cp1252('The minister said on Monday that bread now costs €4, up from €3 last year — a rise shoppers called “shocking”. It’s the third rise in a row… and not the last, economists warn. '.repeat(2)),
    ),
  'Shift_JIS page': () => legacyPage('Shift_JIS', SJIS_SENTENCE, repeat(SJIS_SENTENCE, 20)),
  'KOI8-R page': () => legacyPage('koi8-r', KOI8_SENTENCE, repeat(KOI8_SENTENCE, 12)),
  'a home page of links': () => {
    const sections = ['World', 'Politics', 'Business', 'Tech', 'Sport', 'Culture'];
    let html = '<!doctype html><html><head><title>Example News — Home</title></head><body><nav><ul>';
    html += sections.map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('') + '</ul></nav><main>';
    for (let i = 0; i < 40; i++) {
      html += `<div class="teaser"><h3><a href="/story/${i}">Headline number ${i} about something that happened today</a></h3><a href="/story/${i}">Read more</a> <span>2 hours ago</span></div>`;
    }
    return html + '</main><footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer></body></html>';
  },
  'an error page (404 Not Found)': () =>
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN"><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL /news/2024/story.html was not found on this server.</p><hr><address>Apache/2.4.41 (Ubuntu) Server at example.com Port 443</address></body></html>',
};

// ---------- child: run cases, print one result line per case as it completes ----------

const childCases = process.env[CASE_ENV];
if (childCases) {
  for (const name of childCases.split('|')) {
    const build = INPUTS[name];
    if (!build) throw new Error(`unknown case ${name}`);
    const html = build();
    const t0 = performance.now();
    const a = extract({ html, url: 'https://example.com/news/page.html' });
    const ms = performance.now() - t0;
    const result: CaseResult = {
      ms,
      articleBody: a.articleBody === null ? null : a.articleBody.slice(0, 300),
      bodyLength: a.articleBody?.length ?? 0,
      reason: a.reason ?? null,
      title: a.title,
      sample: `${a.title ?? ''}\n${(a.articleBody ?? '').slice(0, 5000)}`,
    };
    writeSync(1, JSON.stringify({ name, result }) + '\n');
  }
} else {
  defineTests();
}

// ---------- parent: the tests ----------

/** Cases that share one child (each is quick when healthy); the rest get a child each,
 * so a slow one cannot take its neighbours down with it. */
const DEEP = ['100,000 nested <div>', '100,000 nested <b>'];
const groups = new Map<string, Promise<Map<string, CaseResult | Error>>>();

/** Runs a group of cases in one child, killed after LIMIT_MS per case + STARTUP_MS. A
 * case without a result is the one that hung or crashed (the error says which), or was
 * not reached. */
function runGroup(names: string[]): Promise<Map<string, CaseResult | Error>> {
  const key = names.join('|');
  let p = groups.get(key);
  if (!p) {
    p = new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url)],
        { env: { ...process.env, [CASE_ENV]: key }, timeout: LIMIT_MS * names.length + STARTUP_MS, killSignal: 'SIGKILL', maxBuffer: 1 << 24 },
        (err, stdout, stderr) => {
          const out = new Map<string, CaseResult | Error>();
          for (const line of stdout.split('\n')) {
            if (!line.trim()) continue;
            const { name, result } = JSON.parse(line) as { name: string; result: CaseResult };
            out.set(name, result);
          }
          const stopped = names.find((n) => !out.has(n));
          if (stopped) {
            const e = err as (Error & { killed?: boolean; signal?: string | null; code?: number | null }) | null;
            const why = e?.killed || e?.signal === 'SIGKILL'
              ? `no result within ${(LIMIT_MS * names.length + STARTUP_MS) / 1000} s for the group (hang); killed`
              : `extract() crashed (exit ${e?.code ?? e?.signal}):\n${stderr.trim()}`;
            out.set(stopped, new Error(`${stopped}: ${why}`));
            for (const n of names) if (!out.has(n)) out.set(n, new Error(`${n}: not run — the child stopped at "${stopped}"`));
          }
          resolve(out);
        },
      );
    });
    groups.set(key, p);
  }
  return p;
}

async function runCase(name: string): Promise<CaseResult> {
  const group = DEEP.includes(name) ? [name] : Object.keys(INPUTS).filter((n) => !DEEP.includes(n));
  const r = (await runGroup(group)).get(name);
  if (!r) throw new Error(`${name}: no result`);
  if (r instanceof Error) throw r;
  return r;
}

/** A clear result: a non-empty body, or no body and a reason saying why. */
function assertClear(r: CaseResult): void {
  if (r.articleBody === null) assert.ok(r.reason && r.reason.length > 0, 'articleBody is null but there is no reason');
  else assert.ok(r.articleBody.trim().length > 0, 'articleBody is an empty string: should be null with a reason');
}

function assertFast(name: string, r: CaseResult): void {
  assert.ok(r.ms < LIMIT_MS, `${name}: extract() took ${r.ms.toFixed(0)} ms, limit ${LIMIT_MS} ms`);
}

function defineTests(): void {
  describe('extract() on bad input: a clear result in time, never a crash or a hang', { concurrency: 2 }, () => {
    const noArticle = ['empty file', 'only whitespace', 'random bytes (1 MB)', 'a PNG file', 'a home page of links', 'an error page (404 Not Found)'];
    for (const name of noArticle) {
      test(`${name} → articleBody null with a reason`, async () => {
        const r = await runCase(name);
        assertFast(name, r);
        assert.equal(r.articleBody, null, `expected no article, got: ${r.articleBody?.slice(0, 120)}`);
        assert.ok(r.reason, 'a reason is given');
      });
    }

    for (const name of ['a 50 MB page', '100,000 nested <div>', '100,000 nested <b>']) {
      test(`${name} → a clear result in time`, async () => {
        const r = await runCase(name);
        assertFast(name, r);
        assertClear(r);
      });
    }

    const legacy: [string, string[]][] = [
      ['windows-1252 page', ['Prices “soar” – again', 'costs €4', '— a rise', 'It’s the third rise in a row…']],
      ['Shift_JIS page', ['日本語ニュース。']],
      ['KOI8-R page', ['Привет мир, новости.']],
    ];
    for (const [name, expected] of legacy) {
      test(`${name} → decoded text, no U+FFFD`, async () => {
        const r = await runCase(name);
        assertFast(name, r);
        assertClear(r);
        assert.ok(!r.sample.includes('\ufffd'), 'no replacement characters');
        assert.ok(!/[\u0080-\u009f]/.test(r.sample), 'no C1 control characters (a wrong windows-1252 table)');
        for (const s of expected) assert.ok(r.sample.includes(s), `"${s}" in title or body:\n${r.sample.slice(0, 300)}`);
      });
    }
  });
}

// The tree builder in dom.ts makes domhandler's nodes without domhandler's constructors
// (for speed); on broken markup its tree must be exactly the one DomHandler builds.
if (!process.env[CASE_ENV]) {
  test('broken markup parses to exactly the tree domhandler would build', async () => {
    const { Parser } = await import('htmlparser2');
    const { DomHandler } = await import('domhandler');
    const { parseHtml } = await import('../../src/extract/dom.ts');
    type Node = import('domhandler').AnyNode;
    const dump = (root: Node): string[] => {
      const out: string[] = [];
      const stack: Node[] = [root];
      while (stack.length) {
        const n = stack.pop()!;
        const own = Object.entries(n).map(([k, v]) => `${k}=${v === null || typeof v !== 'object' ? String(v) : k === 'attribs' ? JSON.stringify(v) : typeof v}`);
        out.push(`${Object.getPrototypeOf(n).constructor.name} ${own.join(' ')} prev:${n.prev ? 'y' : 'n'} next:${n.next ? 'y' : 'n'} parent:${n.parent ? 'y' : 'n'}`);
        if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
      }
      return out;
    };
    const broken = [
      '<!DOCTYPE html><html><HEAD><title>A &amp; B</title><script>if (a < b) { x = "</p>"; }</script><style>p{}</style>',
      '<!-- a comment --><body class=Story data-x="1" data-x="2"><p>One<p>Two &eacute;&#x41;&nope; <b>bold <i>both</b> italic</i>',
      '<table><tr><td>cell<td>cell</table><ul><li>a<li>b</ul><br/><img src=x.jpg alt="an image"><![CDATA[ data ]]>',
      '<div><span>unclosed <a href="/x">link <div>block in link</a> after</div></span>text</html> trailing <?php echo 1 ?>',
    ].join('\n');
    const handler = new DomHandler();
    new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }).end(broken);
    const ours = parseHtml(broken);
    assert.deepEqual(dump(ours), dump(handler.root));
    assert.ok(dump(ours).length > 40, 'the sample builds a real tree');
  });
}
