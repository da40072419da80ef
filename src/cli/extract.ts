// extract command: one page (file, stdin or URL) to an article as JSON, or a folder of
// `<id>.html[.gz]` pages to `{id: article}` in one file. In a batch one bad page never
// stops the run: its entry is `{error}` naming the file.
import { readdir, rename, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ExtractInput } from '../extract/index.ts';
import { fetchPage } from '../fetch/index.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { InputError, readPageFile, readStdin } from './input.ts';
import { ProgressBar } from './progress.ts';

export const EXTRACT_USAGE = `usage:
  newsdesk extract FILE|URL [--url URL]
      print one article as JSON. FILE is .html or .html.gz, - reads stdin;
      --url is the page's address, used to make links absolute.
  newsdesk extract --dir DIR --out OUT.json [--urls MAP.json]
      extract every <id>.html / <id>.html.gz in DIR into {id: article} (OUT - = stdout);
      MAP.json gives page addresses as {id: url} or {id: {url, ...}}.
      Exit 0 when every page was read, 1 when some pages failed (their entries carry
      "error"; OUT is still written), 2 on a usage error.`;

/** The extractor, loaded on first use: it pulls in language and date data that usage
 * errors, help and missing files should not wait for. */
async function loadExtract(): Promise<(input: ExtractInput) => Article> {
  return (await import('../extract/index.ts')).extract;
}

/** A batch entry for a page that could not be processed. */
export interface PageError {
  error: string;
}

/** Runs `newsdesk extract …`; returns the exit code. */
export async function extractCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['url', 'dir', 'out', 'urls']);
  const dir = flag(args, 'dir');
  if (dir !== undefined) {
    if (args.positionals.length) throw new UsageError(`with --dir, give no FILE (got ${args.positionals.join(' ')})`);
    if (flag(args, 'url')) throw new UsageError('--url is for one page; with --dir give addresses with --urls MAP.json');
    const out = flag(args, 'out');
    if (!out) throw new UsageError('--dir needs --out OUT.json (or --out - for stdout)');
    return extractBatch(dir, out, flag(args, 'urls'));
  }
  if (flag(args, 'out') || flag(args, 'urls')) throw new UsageError('--out and --urls go with --dir DIR');
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length ? `give one FILE or URL (got ${args.positionals.length})` : 'give a FILE, a URL or --dir DIR');
  }
  const target = args.positionals[0]!;
  const pageUrl = flag(args, 'url');
  if (pageUrl !== undefined && !isHttpUrl(pageUrl)) throw new UsageError(`--url must be an absolute http(s) URL, got ${pageUrl}`);
  return extractOne(target, pageUrl ?? null);
}

async function extractOne(target: string, pageUrl: string | null): Promise<number> {
  let article: Article;
  if (isHttpUrl(target)) {
    const page = await fetchPage(target);
    const extract = await loadExtract();
    if (page.status >= 400) process.stderr.write(`note: ${page.finalUrl} answered HTTP ${page.status}; extracting what it sent\n`);
    article = extract({ html: page.bytes, contentType: page.contentType, url: pageUrl ?? page.finalUrl });
  } else {
    const bytes = target === '-' ? await readStdin() : await readPageFile(target);
    const extract = await loadExtract();
    try {
      article = extract({ html: bytes, url: pageUrl });
    } catch (err) {
      throw new Error(`${target === '-' ? 'stdin' : target}: extraction failed: ${errorText(err)}`, { cause: err });
    }
  }
  process.stdout.write(JSON.stringify(article, null, 2) + '\n');
  return 0;
}

/** Page files in a folder: id → file name, `.html` preferred over `.html.gz` for one id. */
export async function listPages(dir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`${dir}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : errorText(err)}`);
  }
  const pages = new Map<string, string>();
  for (const name of names.sort(naturalCompare)) {
    const m = /^(.+)\.html?(\.gz)?$/i.exec(name);
    if (!m) continue;
    const id = m[1]!;
    if (!pages.has(id) || !m[2]) pages.set(id, name);
  }
  return pages;
}

async function extractBatch(dir: string, out: string, urlsFile: string | undefined): Promise<number> {
  const urls = urlsFile ? await loadUrlMap(urlsFile) : new Map<string, string>();
  const pages = await listPages(dir);
  if (!pages.size) throw new InputError(`${dir}: no <id>.html or <id>.html.gz files in it`);
  const extract = await loadExtract();

  const started = performance.now();
  const bar = new ProgressBar(pages.size, 'extract');
  const result: Record<string, Article | PageError> = {};
  const errors: string[] = [];
  let ok = 0;
  let noArticle = 0;
  let slowest = { id: '', ms: 0 };
  for (const [id, name] of pages) {
    const file = path.join(dir, name);
    const t0 = performance.now();
    try {
      const bytes = await readPageFile(file);
      let article: Article;
      try {
        article = extract({ html: bytes, url: urls.get(id) ?? null });
      } catch (err) {
        throw new Error(`${file}: extraction failed: ${errorText(err)}`, { cause: err });
      }
      result[id] = article;
      if (article.articleBody) ok++;
      else noArticle++;
    } catch (err) {
      const text = errorText(err);
      const message = text.includes(file) ? text : `${file}: ${text}`;
      result[id] = { error: message };
      errors.push(message);
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { id, ms };
    bar.tick();
  }
  bar.finish();

  const json = JSON.stringify(result, null, 2) + '\n';
  if (out === '-') process.stdout.write(json);
  else await writeAtomically(out, json);

  const secs = (performance.now() - started) / 1000;
  for (const e of errors.slice(0, 20)) process.stderr.write(`error: ${e}\n`);
  if (errors.length > 20) process.stderr.write(`… and ${errors.length - 20} more errors (see "error" entries in ${out})\n`);
  process.stderr.write(
    `extract: ${pages.size} pages, ${ok} ok, ${noArticle} no article, ${errors.length} errors, ${secs.toFixed(1)} s` +
      ` (${(pages.size / secs).toFixed(0)} pages/s; slowest ${slowest.id} ${slowest.ms.toFixed(0)} ms)` +
      (out === '-' ? '' : ` → ${out}`) + '\n',
  );
  return errors.length ? 1 : 0;
}

/** Loads `{id: url}` or `{id: {url, ...}}` (a ground-truth file works as is). Entries
 * whose url is not an absolute http(s) URL are skipped, with one warning. */
export async function loadUrlMap(file: string): Promise<Map<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : `not valid JSON (${errorText(err)})`}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${file}: expected a JSON object {id: url} or {id: {url}}`);
  }
  const map = new Map<string, string>();
  let skipped = 0;
  for (const [id, v] of Object.entries(data as Record<string, unknown>)) {
    const url = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { url?: unknown }).url : undefined;
    if (typeof url === 'string' && isHttpUrl(url)) map.set(id, url);
    else skipped++;
  }
  if (skipped) process.stderr.write(`note: ${file}: ${skipped} entries have no http(s) url; those pages are extracted without one\n`);
  return map;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    throw new InputError(`${file}: cannot write the output (${errorText(err)})`);
  }
}

function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** "2" before "10": ids are often numbers. */
function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
