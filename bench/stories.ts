// bench:stories — how well the stories stage finds copies, groups stories, picks related
// posts and sections, and how fast: default settings, documents in stream order.
//
//   npm run bench:stories                      # Google News TS, UCI dev, the duplicate set, the demo newsroom
//   npm run bench:stories -- --jsonl FILE      # any set of {id,title,text,publishedAt,source,story,category,group} lines
//
// Prints one line of JSON per set, the last line being the last set's.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convertDuplicates } from './convert-duplicates.ts';
import { convertGoogleNews } from './convert-googlenews.ts';
import { convertUci } from './convert-uci.ts';
import { convertDemo } from './convert-demo.ts';
import { METRICS_FILE, scoreStream } from './lib/stories-score.ts';
import { EXTRACTION_CORPUS, OUT_DIR, readJsonl, STORIES_CORPUS, toJsonl, type BenchDoc } from './lib/stories-sets.ts';

const USAGE = 'usage: npm run bench:stories [-- --jsonl FILE]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  if (!existsSync(METRICS_FILE)) throw new Error(`${METRICS_FILE} is missing: the benchmark scores with the shared tools; put ../shared beside the project`);
  const i = args.indexOf('--jsonl');
  if (i >= 0) {
    const file = args[i + 1];
    if (!file) throw new Error(`--jsonl needs a file\n${USAGE}`);
    console.log(JSON.stringify({ set: path.basename(file), ...(await scoreStream(readJsonl(file))) }));
    return;
  }
  if (args.length) throw new Error(`unknown arguments: ${args.join(' ')}\n${USAGE}`);
  const sets: [string, string, () => BenchDoc[]][] = [
    ['googlenews-ts', path.join(STORIES_CORPUS, 'googlenews'), convertGoogleNews],
    ['uci-dev', path.join(STORIES_CORPUS, 'uci-dev'), convertUci],
    ['duplicates', EXTRACTION_CORPUS, convertDuplicates],
  ];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, need, convert] of sets) {
    if (!existsSync(need)) {
      console.log(JSON.stringify({ set: name, skipped: `${need} is missing` }));
      continue;
    }
    const docs = convert();
    writeFileSync(path.join(OUT_DIR, `${name}.jsonl`), toJsonl(docs));
    console.log(JSON.stringify({ set: name, ...(await scoreStream(docs)) }));
  }
  // The demo newsroom (what `npm start` shows), its events as the stories: five seeds, each
  // its own fresh engine as on a new install, averaged (one seed's 144 articles are few).
  const seeds = [1, 2, 3, 4, 5];
  const scores = [];
  for (const seed of seeds) scores.push(await scoreStream(convertDemo(seed)));
  console.log(JSON.stringify({ set: 'demo-newsroom', seeds, ...mean(scores) }));
}

/** Field-by-field mean of scores (4 decimals; counts and rates rounded like scoreStream's). */
function mean<T extends object>(rows: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(rows[0] ?? {})) {
    const values = rows.map((r) => (r as Record<string, unknown>)[key]).filter((v): v is number => typeof v === 'number');
    if (values.length !== rows.length) continue;
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    out[key] = Number.isInteger(values[0]) && values.every(Number.isInteger) ? Math.round(m) : Math.round(m * 1e4) / 1e4;
  }
  return out;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
