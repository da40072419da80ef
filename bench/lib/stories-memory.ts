// stories-memory: how much memory one StoryEngine holds after a long ingest. Replays the
// articles of the web benchmark's database (.bench/web-v1-100000.db, made by `npm run
// bench:web`) into one engine in id order, as the pipeline does, and prints one line of JSON:
// heap used and RSS after a full GC, peak RSS, articles and stories still held, and the rate.
//
//   node --expose-gc --import tsx bench/lib/stories-memory.ts [DB] ['{"windowMs": …}']
//
// The optional JSON overrides the story settings (e.g. '{"windowMs": null}' for no window).
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoryEngine, type StorySettings } from '../../src/stories/index.ts';
import { ROOT } from './stories-sets.ts';

const DEFAULT_DB = path.join(ROOT, '.bench', 'web-v1-100000.db');

interface Row {
  id: number;
  title: string | null;
  body_text: string | null;
  published_at: string | null;
  sort_at: string;
  site_name: string | null;
  section: string | null;
}

const MB = 1024 * 1024;

function main(): void {
  const file = process.argv[2] ?? DEFAULT_DB;
  if (!existsSync(file)) {
    console.log(JSON.stringify({ skipped: `${file} is missing: run npm run bench:web once to make it, or name another Newsdesk SQLite database` }));
    return;
  }
  // JSON has no Infinity: null stands for "no window".
  const raw = process.argv[3] ? (JSON.parse(process.argv[3]) as Record<string, unknown>) : {};
  if (raw.windowMs === null) raw.windowMs = Number.POSITIVE_INFINITY;
  const settings = raw as Partial<StorySettings>;
  const gc = (globalThis as { gc?: () => void }).gc;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const rows = db.prepare('select id, title, body_text, published_at, sort_at, site_name, section from articles order by id').iterate() as IterableIterator<Row>;
  const engine = new StoryEngine(settings);
  const started = performance.now();
  let n = 0;
  for (const r of rows) {
    engine.addArticle({ id: String(r.id), title: r.title, text: r.body_text, publishedAt: r.published_at ?? r.sort_at, source: r.site_name, sourceSection: r.section });
    n++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  gc?.();
  const mem = process.memoryUsage();
  console.log(JSON.stringify({
    db: path.basename(file),
    articles: n,
    windowDays: Number.isFinite(engine.settings.windowMs) ? engine.settings.windowMs / 86_400_000 : null,
    heldArticles: engine.articleCount,
    heldStories: engine.clusterer.storyCount,
    ...engine.clusterer.indexSize,
    heapMB: Math.round(mem.heapUsed / MB),
    rssMB: Math.round(mem.rss / MB),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    gc: gc !== undefined,
    docsPerSec: Math.round(n / seconds),
  }));
}

main();
