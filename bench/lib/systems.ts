// systems: the two extractors the benchmark compares, behind one shape. Both take the
// same decoded HTML string (decoding is done once, by Newsdesk's decoder, outside the
// timing) and the page URL; both return what the scorers read.
// Each system's code is imported only when asked for, so a process that measures one
// system's memory does not carry the other's modules.

import type { Strategy } from '../../src/extract/index.ts';

export type SystemName = 'newsdesk' | 'readability';
export const SYSTEMS: readonly SystemName[] = ['newsdesk', 'readability'];

/** One page's output as written to `.bench/<set>-<system>.json` and read by the scorers
 * (`articleBody`, `title`, `authors` / `byline`, `publishedAt` / `publishedTime`). */
export type PageOutput = Record<string, unknown> & { articleBody: string | null; error?: string };

/** Extracts one page: decoded HTML and its URL in, scored fields out. */
export type Runner = (html: string, url: string | null) => PageOutput;

/** Loads a system. Newsdesk's output is its article without `html` (large, not scored);
 * the baseline is Mozilla Readability 0.6 on a linkedom document, body = textContent. */
export async function loadSystem(system: SystemName): Promise<Runner> {
  if (system === 'newsdesk') {
    const { extract } = await import('../../src/extract/index.ts');
    const opts = strategiesFromEnv();
    return (html, url) => {
      const { html: _html, ...article } = extract({ html, url }, opts);
      return article;
    };
  }
  const { parseHTML } = await import('linkedom');
  const { Readability } = await import('@mozilla/readability');
  return (html, url) => {
    const { document } = parseHTML(html);
    // Readability's types name the DOM's Document; linkedom's document is its stand-in.
    const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    if (!parsed) return { url, articleBody: null };
    return {
      url,
      title: parsed.title ?? null,
      byline: parsed.byline ?? null,
      publishedTime: parsed.publishedTime ?? null,
      siteName: parsed.siteName ?? null,
      lang: parsed.lang ?? null,
      excerpt: parsed.excerpt ?? null,
      articleBody: parsed.textContent ?? null,
    };
  };
}

/** A timed run: wall-clock ms and CPU ms (user + system, all threads of this process). */
export interface Timed {
  out: PageOutput;
  ms: number;
  cpuMs: number;
  crashed: boolean;
}

/** Runs a system on one page, timed; a thrown error becomes `{articleBody: null, error}`. */
export function runTimed(run: Runner, html: string, url: string | null): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let out: PageOutput;
  let crashed = false;
  try {
    out = run(html, url);
  } catch (err) {
    out = { url, articleBody: null, error: err instanceof Error ? err.message : String(err) };
    crashed = true;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { out, ms, cpuMs: (c.user + c.system) / 1000, crashed };
}

/** BENCH_STRATEGIES=scorer,json-ld runs Newsdesk with only those body strategies, in that
 * order, so each strategy of the chain can be measured on its own. */
function strategiesFromEnv(): { strategies?: Strategy[] } {
  const raw = process.env.BENCH_STRATEGIES;
  if (!raw) return {};
  const known: Strategy[] = ['site-rule', 'scorer', 'json-ld', 'fallback'];
  const strategies = raw.split(',').map((x) => x.trim()).filter(Boolean) as Strategy[];
  const bad = strategies.filter((x) => !known.includes(x));
  if (bad.length) throw new Error(`BENCH_STRATEGIES: unknown strategy ${bad.join(', ')} (known: ${known.join(', ')})`);
  return { strategies };
}
