// bench/lib/web-data: the database bench:web measures — N articles written by the demo
// newsroom (src/demo, deterministic) and saved through the Store API in big transactions,
// so the FTS index, triggers, revisions and images are the real ones. Articles are spread
// over many outlets (one source each, some republished in full), sections and stories (one
// story per newsroom event, as the stories stage would group them), over about two months.
// The file is cached under .bench/ keyed by DATA_VERSION and the article count, so reruns
// start in seconds; bump DATA_VERSION when what is generated changes.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Newsroom } from '../../src/demo/newsroom.ts';
import type { DemoArticle } from '../../src/demo/index.ts';
import { openStore, type ArticleInput, type Store } from '../../src/store/index.ts';

/** Bump when the generated data changes shape: old cached files are then ignored. */
export const DATA_VERSION = 1;
/** Outlets (sources). 60 outlets × ~1,670 items each gives 100,000 articles. */
const OUTLETS = 60;
/** Items a newsroom feed lists: sets the slot length (3 days / 100 ≈ 43 min), so
 * 1,670 items per outlet cover about 50 days. */
const ITEMS_PER_FEED = 100;
/** Every Nth outlet is republished in full (the article page then prints its HTML body). */
const FULL_MODE_EVERY = 5;
/** Articles saved per transaction: big enough that commits are not the cost. */
const BATCH = 2000;
/** A fixed clock, so every run writes the same database. */
const NEWSROOM_NOW = new Date('2026-03-01T12:00:00.000Z');
const SEED = 6;

const CACHE_DIR = resolve('.bench');

export function dataPath(articles: number): string {
  return join(CACHE_DIR, `web-v${DATA_VERSION}-${articles}.db`);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toInput(d: DemoArticle, host: string, siteName: string): ArticleInput {
  const body = d.paragraphs.join('\n\n');
  return {
    url: `https://${host}${d.path}`,
    canonicalUrl: null,
    title: d.headline,
    authors: d.authors,
    publishedAt: d.publishedAt.toISOString(),
    modifiedAt: d.modifiedAt.toISOString(),
    lang: 'en',
    siteName,
    description: d.standfirst,
    leadImage: { url: `https://${host}${d.image.path}`, caption: d.image.caption, credit: d.image.credit, alt: d.image.alt, width: d.image.width, height: d.image.height },
    articleBody: body,
    html: d.paragraphs.map((p) => `<p>${escapeText(p)}</p>`).join(''),
    wordCount: body.split(/\s+/).length,
  };
}

/**
 * The path of a database holding `articles` articles, generating it when it is not cached.
 * Progress goes to stderr.
 */
export async function ensureData(articles: number): Promise<string> {
  const path = dataPath(articles);
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const started = Date.now();
  const store = await openStore({ url: tmp });
  try {
    await generate(store, articles);
    await store.close();
  } catch (err) {
    await store.close().catch(() => undefined);
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    throw err;
  }
  // Closing checkpoints the WAL into the file; only the finished file gets the cached name.
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  renameSync(tmp, path);
  process.stderr.write(`bench:web: generated ${articles} articles into ${path} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return path;
}

async function generate(store: Store, articles: number): Promise<void> {
  const room = new Newsroom({ seed: SEED, outlets: OUTLETS, itemsPerFeed: ITEMS_PER_FEED, now: NEWSROOM_NOW });
  const sources: number[] = [];
  for (const o of room.outlets) {
    const { source } = await store.addSource({
      url: `https://${o.slug}.example/feed.xml`,
      name: o.name,
      displayMode: o.index % FULL_MODE_EVERY === FULL_MODE_EVERY - 1 ? 'full' : 'excerpt',
    });
    sources.push(source.id);
  }
  // Item i of every outlet, then item i+1: the ids grow with time, as on a live site.
  const perOutlet = Math.ceil(articles / OUTLETS);
  let done = 0;
  let i = 0;
  while (done < articles && i < perOutlet) {
    const start = i;
    await store.transaction(async (tx) => {
      for (; i < perOutlet && (i - start) * OUTLETS < BATCH; i++) {
        for (let o = 0; o < OUTLETS && done < articles; o++) {
          const d = room.article(o, i);
          const outlet = room.outlets[o]!;
          const saved = await tx.saveArticle({
            sourceId: sources[o]!,
            section: capital(d.section),
            article: toInput(d, `${outlet.slug}.example`, outlet.name),
            now: d.publishedAt,
          });
          // One story per newsroom event (ids from 1), as the stories stage would group them.
          await tx.setArticleStory(saved.articleId, d.eventId + 1);
          done++;
        }
      }
    });
    process.stderr.write(`\rbench:web: generating articles ${done}/${articles}`);
  }
  process.stderr.write('\n');
}
