// bench:web — how fast the public site answers under load, on a database of 100,000
// generated articles (bench/lib/web-data.ts; cached under .bench/). The site runs in its
// own process, as `newsdesk serve` does; autocannon drives it over loopback with
// keep-alive connections and a realistic mix of URLs (thousands of different articles,
// stories and queries). Prints one line per page type, compared with issue 6's targets in
// the same run:
//   article ≥ 1,500 requests/s and p99 ≤ 50 ms; home ≥ 1,000 requests/s; search p95 ≤ 100 ms.
//
//   npm run bench:web -- [--articles N] [--seconds S] [--connections C] [--only article,home,…] [--profile DIR]
// --profile writes the server's CPU profile (node --cpu-prof) to DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { openStore } from '../src/store/index.ts';
import { paths } from '../src/web/site.ts';
import { ensureData } from './lib/web-data.ts';
import { load, type LoadResult } from './lib/web-load.ts';
import { Rng } from '../src/demo/random.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const ARTICLES = Number(args.get('articles') ?? 100_000);
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 10);
const ONLY = args.get('only')?.split(',').filter(Boolean).flatMap((t) => (t === 'article' ? ['article-warm', t] : [t])) ?? null;
const PROFILE = args.get('profile') ?? null;
/** Seconds of mixed requests before measuring, so the server's code is compiled and warm. */
const WARMUP_SECONDS = 3;

/** Readers mostly open recent articles (from the home page, feeds, social links), and some
 * open old ones (search, deep links): this share of requests goes to the newest articles… */
const HOT_SHARE = 0.8;
/** …which are this share of the archive. */
const HOT_FRACTION = 0.05;
/** Distinct paths in each URL list (the load cycles through them). */
const MIX_SIZE = 20_000;

interface Target {
  /** Requests per second at least. */
  rps?: number;
  /** Latency percentile (ms) at most. */
  p99?: number;
  p95?: number;
}

const TARGETS: Record<string, Target> = {
  article: { rps: 1500, p99: 50 },
  home: { rps: 1000 },
  search: { p95: 100 },
};

/** A small deterministic generator (mulberry32), so every run asks for the same URLs. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const STOPWORDS = new Set(['after', 'about', 'their', 'there', 'which', 'where', 'while', 'would', 'could', 'should', 'says', 'said', 'with', 'from', 'over', 'into', 'than', 'that', 'this', 'what', 'when', 'will']);

async function urlLists(database: string): Promise<Record<string, string[]>> {
  const store = await openStore({ url: database, migrate: false });
  try {
    const db = store.db;
    const articles = await db.selectFrom('articles').select(['id', 'title']).where('hidden', '=', 0).orderBy('sort_at', 'desc').orderBy('id', 'desc').execute();
    const r = rng(6);
    const hot = Math.max(1, Math.floor(articles.length * HOT_FRACTION));
    const pick = () => articles[r() < HOT_SHARE ? Math.floor(r() * hot) : Math.floor(r() * articles.length)]!;
    const article = Array.from({ length: MIX_SIZE }, () => {
      const a = pick();
      return paths.article(a.id, a.title);
    });
    // Another draw from the same mix, to bring the site to its steady state before measuring.
    const articleWarm = Array.from({ length: MIX_SIZE }, () => {
      const a = pick();
      return paths.article(a.id, a.title);
    });
    // Every article once, in random order: what the site does when no page is warm.
    const cold = articles.map((a) => paths.article(a.id, a.title));
    for (let i = cold.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [cold[i], cold[j]] = [cold[j]!, cold[i]!];
    }
    // A story is named by its first report when no story engine runs in the process.
    const stories = await sql<{ story_id: number; title: string | null }>`
      select story_id, title from (
        select story_id, title, row_number() over (partition by story_id order by sort_at, id) as k
        from articles where hidden = 0 and story_id is not null) where k = 1`.execute(db);
    const storyList = stories.rows;
    const story = Array.from({ length: MIX_SIZE }, () => {
      const s = storyList[Math.floor(r() * storyList.length)]!;
      return paths.story(s.story_id, s.title);
    });
    const sections = (await db.selectFrom('articles').select('section').distinct().where('section', 'is not', null).execute()).map((x) => x.section!);
    const section = sections.map((s) => paths.section(s));
    const feed = ['/rss.xml', '/atom.xml', '/feed.json', ...sections.map((s) => `${paths.section(s)}/rss.xml`)];
    // Queries readers type: one or two words from headlines, sometimes a quoted phrase or a section filter.
    const words = articles
      .slice(0, 5000)
      .flatMap((a) => (a.title ?? '').toLowerCase().split(/[^a-z]+/))
      .filter((w) => w.length > 4 && !STOPWORDS.has(w));
    const search = Array.from({ length: 2000 }, (_, i) => {
      const w1 = words[Math.floor(r() * words.length)]!;
      const w2 = words[Math.floor(r() * words.length)]!;
      const q = i % 3 === 0 ? w1 : i % 3 === 1 ? `${w1} ${w2}` : `"${w1}"`;
      const filter = i % 5 === 0 ? `&section=${encodeURIComponent(sections[i % sections.length]!)}` : '';
      return `/search?q=${encodeURIComponent(q)}${filter}`;
    });
    // The article sitemap chunks are read from the sitemap index once the site runs.
    return { 'article-warm': articleWarm, article, 'article-cold': cold, home: ['/'], story, section, search, feed, sitemap: [] };
  } finally {
    await store.close();
  }
}

function startServer(database: string): Promise<{ url: string; child: ChildProcess }> {
  const flags = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/lib/web-server.ts', database], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the site process exited (code ${code}) before listening; see its error above`)));
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
  });
}

/** The site process's CPU time so far (user + system), in ms. */
function serverCpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const cpu = (m as { cpu?: { user: number; system: number } }).cpu;
      if (!cpu) return;
      child.off('message', on);
      resolve((cpu.user + cpu.system) / 1000);
    };
    child.on('message', on);
    child.send('cpu');
  });
}

function verdict(t: Target | undefined, r: LoadResult): string {
  if (!t) return '(no target)';
  const parts: string[] = [];
  let ok = true;
  if (t.rps !== undefined) {
    parts.push(String(t.rps));
    ok &&= r.perSecond >= t.rps;
  }
  if (t.p99 !== undefined) {
    parts.push(`p99 ${t.p99}`);
    ok &&= r.p99 <= t.p99;
  }
  if (t.p95 !== undefined) {
    parts.push(`p95 ${t.p95}`);
    ok &&= r.p95 <= t.p95;
  }
  if (r.bad > 0) ok = false;
  return `(target ${parts.join(' / ')}: ${ok ? 'ok' : 'MISS'})`;
}

const database = await ensureData(ARTICLES);
const lists = await urlLists(database);
const { url, child } = await startServer(database);
process.stderr.write(`bench:web: ${ARTICLES} articles, site at ${url}, ${CONNECTIONS} connections, ${SECONDS} s per page type\n`);
try {
  const index = await (await fetch(`${url}/sitemap.xml`)).text();
  lists.sitemap = [...index.matchAll(/\/sitemaps\/articles-\d+\.xml/g)].map((m) => m[0]);
  const warm = Object.entries(lists).flatMap(([type, l]) => (type.startsWith('article') ? [] : l.slice(0, 200)));
  await load(url, warm, WARMUP_SECONDS, CONNECTIONS);
  for (const [type, list] of Object.entries(lists)) {
    if (ONLY && !ONLY.includes(type)) continue;
    if (type === 'article-warm') {
      // A site that has run a while has its readers' pages in memory: the same mix first, unmeasured.
      await load(url, list, SECONDS, CONNECTIONS);
      continue;
    }
    const cpu0 = await serverCpuMs(child);
    const r = await load(url, list, SECONDS, CONNECTIONS);
    const cpuPerRequest = ((await serverCpuMs(child)) - cpu0) / Math.max(1, r.requests);
    // The target is for article pages as a running site serves them (its page cache warm);
    // every article asked once, cold, is shown for reference, not judged.
    const target = TARGETS[type];
    const bad = r.bad > 0 ? ` | ${r.bad} not 200: ${JSON.stringify(r.statuses)}` : '';
    process.stdout.write(
      `web ${type}: ${r.perSecond.toFixed(0)} req/s p50 ${r.p50.toFixed(1)} ms p95 ${r.p95.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms over ${new Set(list).size} URLs | server cpu ${cpuPerRequest.toFixed(2)} ms/req ${type === 'article-cold' ? '(no target: every article once, page cache cold)' : verdict(target, r)}${bad}\n`,
    );
  }
} finally {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
