// demo/server: serves the demo newsroom over HTTP on loopback addresses.
//
// Every outlet is a website: a home page with feed autodiscovery, section pages, article
// pages, images, feeds, robots.txt, plus one OPML list of all outlets. In 'single' mode all
// outlets share 127.0.0.1 under a path prefix each; in 'per-outlet' mode outlet k gets its
// own loopback address 127.0.0.(k+1) (all of 127/8 is loopback on Linux), so per-host
// politeness treats outlets as the separate sites they pretend to be. Responses carry
// ETag/Last-Modified and honour conditional requests; gzip when the client asks. Faults
// for bad-input tests are opt-in per outlet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Newsroom, type DemoArticle } from './newsroom.ts';
import { SECTIONS, type Section } from './events.ts';
import { articlePattern, indexFromPath, type Outlet } from './outlets.ts';
import { articlePage, esc, listPage, type Site } from './pages.ts';
import { renderFeed, renderOpml, robotsRules } from './feeds.ts';
import { demoPng, encodeWindows1252 } from './image.ts';
import { hash32, rngFor } from './random.ts';

/** Faults one outlet can be told to show (for the ingest's bad-input tests). */
export interface OutletFault {
  /** What its feeds (and home/section pages) do: answer 500, send binary garbage, send an
   * HTML page, answer 410 Gone, answer 503 with Retry-After, or never answer. */
  feed?: 'error500' | 'garbage' | 'html' | 'gone' | 'retry-after' | 'timeout';
  /** What its article pages do. */
  pages?: 'error500' | 'gone' | 'timeout';
  /** List 10,000 new items at once from the start. */
  flood?: boolean;
}

export interface NewsroomOptions {
  /** Seed of everything generated (default 1). */
  seed?: number;
  /** Number of outlets (default 12; the first 12 are hand-written, more are generated). */
  outlets?: number;
  /** Items per feed, and items each outlet has published at the start (default 12). */
  itemsPerFeed?: number;
  /** The newsroom's clock at the start (default: now, to the minute). */
  now?: Date;
  /** One server on 127.0.0.1 with a path per outlet, or one address per outlet. */
  hosts?: 'single' | 'per-outlet';
  /** Port for every server (default: an ephemeral one, then the same for all addresses). */
  port?: number;
  /** Faults by outlet index. */
  faults?: Record<number, OutletFault>;
  /** Crawl-delay (seconds) in the robots.txt of the outlet that asks for one, in
   * per-outlet mode (default 1; 0 leaves it out, e.g. for benchmarks). */
  crawlDelay?: number;
  /** Keep every successful reply, compressed, until the clock moves or a fault changes, and
   * render all of them up front with `prerender()`. For benchmarks: the newsroom stands for
   * other people's servers, whose work should not share the cores being measured. */
  cacheReplies?: boolean;
}

/** What a caller needs to know about one outlet. */
export interface DemoOutletInfo {
  index: number;
  name: string;
  slug: string;
  group: string;
  agency: boolean;
  /** "127.0.0.3:8080" — the host part of its URLs. */
  host: string;
  homeUrl: string;
  /** Its main feeds (section feeds are in `sectionFeedUrls`); empty for the outlet that
   * has only section pages. */
  feedUrls: string[];
  sectionFeedUrls: string[];
  sectionUrls: string[];
  /** Regex source matching its article paths (for `sources add --pattern`). */
  articlePattern: string;
}

/** A running demo newsroom. */
export interface RunningNewsroom {
  outlets: DemoOutletInfo[];
  opmlUrl: string;
  newsroom: Newsroom;
  /** Moves the clock forward: new items appear, due revisions happen. */
  advance(minutes: number): void;
  /** Moves the clock by n publishing slots (about n new items per outlet). */
  publish(n?: number): void;
  /** Makes an outlet list 10,000 new items at once. */
  flood(outlet: number): void;
  setFault(outlet: number, fault: OutletFault | null): void;
  /** The absolute URL of an item (whether or not it is published yet). */
  articleUrl(outlet: number, index: number): string;
  /** The generated truth behind an item. */
  article(outlet: number, index: number): DemoArticle;
  /** With `cacheReplies`: renders and compresses every outlet's robots.txt, feeds and listed
   * article pages now. Returns how many replies are cached. */
  prerender(): number;
  close(): Promise<void>;
}

/** The loopback address of outlet k in per-outlet mode: 127.0.0.1, 127.0.0.2, … then
 * 127.0.1.1 … after 254 outlets. */
export function outletAddress(k: number): string {
  return `127.0.${Math.floor(k / 254)}.${(k % 254) + 1}`;
}

/** Items a home or section page lists, and how far back a section page looks. */
const LIST_ITEMS = 30;
const SECTION_SCAN = 120;
const RETRY_AFTER_SECONDS = 120;

interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  lastModified?: Date;
  headers?: Record<string, string>;
  cacheSeconds?: number;
}

/** Starts the demo newsroom's servers. */
export async function startNewsroom(opts: NewsroomOptions = {}): Promise<RunningNewsroom> {
  const now = opts.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const room = new Newsroom({ seed: opts.seed ?? 1, outlets: opts.outlets ?? 12, itemsPerFeed: opts.itemsPerFeed ?? 12, now });
  const mode = opts.hosts ?? 'single';
  const faults = new Map<number, OutletFault>(Object.entries(opts.faults ?? {}).map(([k, v]) => [Number(k), v]));
  for (const [k, f] of faults) if (f.flood) room.flood(k);
  const crawlDelay = opts.crawlDelay ?? 1;
  const hanging = new Set<ServerResponse>();
  const servers: Server[] = [];
  const sites: Site[] = [];

  const cache = opts.cacheReplies ? new Map<string, Prepared>() : null;
  /** The reply to a path, from the cache when it is kept there. */
  const reply = (outlet: number | null, path: string): Prepared | 'hang' => {
    const key = `${outlet}|${path}`;
    const hit = cache?.get(key);
    if (hit) return hit;
    const r = route(outlet, path);
    if (r === 'hang') return r;
    const p = prepare(r);
    if (cache && r.status === 200) cache.set(key, p);
    return p;
  };
  const handler = (outlet: number | null) => (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const r = reply(outlet, new URL(req.url ?? '/', 'http://x').pathname);
      if (r === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      send(req, res, r);
    } catch (err) {
      send(req, res, prepare({ status: 500, type: 'text/plain; charset=utf-8', body: `demo newsroom: internal error: ${(err as Error).stack ?? err}` }));
    }
  };

  const route = (fixed: number | null, path: string): Reply | 'hang' => {
    let outlet = fixed;
    let rest = path;
    if (path === '/newsroom.opml') return { status: 200, type: 'text/x-opml; charset=utf-8', body: renderOpml(sites, room.now()) };
    if (fixed === null) {
      if (path === '/robots.txt') return text(200, `User-agent: *\n${sites.map((s) => robotsRules(s.outlet, `/${s.outlet.slug}`, 0)).filter(Boolean).join('\n')}\n`);
      if (path === '/') return html(200, indexPage(sites));
      const m = /^\/([^/]+)(\/.*)?$/.exec(path);
      const k = m ? room.outlets.findIndex((o) => o.slug === m[1]) : -1;
      if (k < 0) return html(404, notFound());
      outlet = k;
      rest = m?.[2] ?? '/';
    } else if (path === '/robots.txt') {
      return text(200, `User-agent: *\n${robotsRules(room.outlets[fixed]!, '', crawlDelay)}\n`);
    }
    return outletRoute(outlet!, rest);
  };

  const outletRoute = (k: number, path: string): Reply | 'hang' => {
    const site = sites[k]!;
    const o = site.outlet;
    const fault = faults.get(k);
    const feed = site.feeds.find((f) => f.path === path);
    const isList = path === '/' || path.startsWith('/section/');
    if (feed || isList) {
      const f = fault?.feed;
      if (f === 'timeout') return 'hang';
      if (f) return faultReply(f, k);
    }
    if (feed) {
      let items = room.feedIndexes(k).map((i) => room.article(k, i));
      if (feed.section) items = items.filter((a) => a.section === feed.section);
      const r = renderFeed(site, feed, items, room.now());
      return { status: 200, type: r.type, body: r.body, lastModified: latest(items, room.now()), cacheSeconds: 300 };
    }
    if (path === '/') {
      const items = recent(k, LIST_ITEMS, null);
      return page(o, listPage(site, o.name, items, null), latest(items, room.now()));
    }
    const sec = /^\/section\/([a-z]+)\/?$/.exec(path);
    if (sec && (SECTIONS as readonly string[]).includes(sec[1]!)) {
      const s = sec[1] as Section;
      const items = recent(k, LIST_ITEMS, s);
      return page(o, listPage(site, s.charAt(0).toUpperCase() + s.slice(1), items, s), latest(items, room.now()));
    }
    const img = /^\/images\/(\d+)-\d+-\d+-(\d+)x(\d+)\.png$/.exec(path);
    if (img) {
      const ev = room.event(Number(img[1]));
      return { status: 200, type: 'image/png', body: demoPng(Number(img[2]), Number(img[3]), ev.image.hue, path), cacheSeconds: 86400, lastModified: new Date(room.t0) };
    }
    if (o.robotsDisallow.some((p) => path.startsWith(p))) return html(200, `<!DOCTYPE html><title>Members</title><p>Members only. Robots keep out.</p>`);
    const index = indexFromPath(o, path);
    if (index !== null && room.exists(k, index)) {
      const f = fault?.pages;
      if (f === 'timeout') return 'hang';
      if (f) return faultReply(f, k);
      const a = room.article(k, index);
      if (a.path !== path) return { status: 301, type: 'text/plain', body: 'Moved', headers: { Location: site.base + a.path } };
      const related: DemoArticle[] = [];
      for (let j = index - 1; j >= Math.max(0, index - 8) && related.length < 2; j--) {
        if (j < 1_000_000_000 && room.exists(k, j) && room.article(k, j).eventId === a.eventId) related.push(room.article(k, j));
      }
      const newest = room.count(k) - 1;
      const fill = [newest, newest - 1, newest - 2, newest - 3, newest - 4].filter((j) => j >= 0 && j !== index).map((j) => room.article(k, j));
      if (!related.length && fill[0]) related.push(fill[0]);
      return page(o, articlePage(site, a, related, fill), a.modifiedAt);
    }
    return html(404, notFound());
  };

  const recent = (k: number, n: number, section: Section | null): DemoArticle[] => {
    const out: DemoArticle[] = [];
    const count = room.count(k);
    for (let i = count - 1; i >= Math.max(0, count - SECTION_SCAN) && out.length < n; i--) {
      const a = room.article(k, i);
      if (!section || a.section === section) out.push(a);
    }
    return out;
  };

  // Bind the servers.
  const count = room.outlets.length;
  const binds = mode === 'single' ? [null] : room.outlets.map((_, k) => k);
  let port = opts.port ?? 0;
  const hosts: string[] = [];
  for (const k of binds) {
    const server = createServer(handler(k));
    server.keepAliveTimeout = 5000;
    const addr = k === null ? '127.0.0.1' : outletAddress(k);
    const bound = await listen(server, port, addr).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && opts.port === undefined) return listen(server, 0, addr);
      throw new Error(`demo newsroom: cannot listen on ${addr}:${port} (${err.code ?? err.message}); pick another port, or check that the 127/8 loopback range is usable`);
    });
    if (port === 0) port = bound;
    servers.push(server);
    hosts.push(`${addr}:${bound}`);
  }
  for (let k = 0; k < count; k++) {
    const o = room.outlets[k]!;
    const base = mode === 'single' ? `http://${hosts[0]}/${o.slug}` : `http://${hosts[k]}`;
    sites.push({ outlet: o, base, feeds: o.feeds });
  }

  const page = (o: Outlet, body: string, lastModified: Date): Reply => o.charset === 'windows-1252'
    ? { status: 200, type: 'text/html; charset=windows-1252', body: encodeWindows1252(body), lastModified, cacheSeconds: 60 }
    : { status: 200, type: 'text/html; charset=utf-8', body, lastModified, cacheSeconds: 60 };

  return {
    outlets: sites.map((s, k) => ({
      index: k, name: s.outlet.name, slug: s.outlet.slug, group: s.outlet.group, agency: s.outlet.agency,
      host: mode === 'single' ? hosts[0]! : hosts[k]!, homeUrl: `${s.base}/`,
      feedUrls: s.feeds.filter((f) => !f.section).map((f) => s.base + f.path),
      sectionFeedUrls: s.feeds.filter((f) => f.section).map((f) => s.base + f.path),
      sectionUrls: SECTIONS.map((sec) => `${s.base}/section/${sec}`),
      articlePattern: articlePattern(s.outlet),
    })),
    opmlUrl: `http://${hosts[0]}/newsroom.opml`,
    newsroom: room,
    advance: (m) => { cache?.clear(); room.advance(m); },
    publish: (n = 1) => { cache?.clear(); room.publish(n); },
    flood: (k) => { cache?.clear(); room.flood(k); },
    setFault: (k, f) => { cache?.clear(); if (f) { faults.set(k, f); if (f.flood) room.flood(k); } else faults.delete(k); },
    articleUrl: (k, i) => sites[k]!.base + room.article(k, i).path,
    article: (k, i) => room.article(k, i),
    prerender: () => {
      if (!cache) return 0;
      const warm = (fixed: number | null, path: string) => {
        const r = reply(fixed, path);
        if (r !== 'hang' && r.compressible) gzipped(r);
      };
      for (let k = 0; k < count; k++) {
        // In 'single' mode one server answers for every outlet under its slug.
        const [fixed, prefix] = mode === 'single' ? [null, `/${room.outlets[k]!.slug}`] : [k, ''];
        if (fixed !== null) warm(fixed, '/robots.txt');
        for (const f of sites[k]!.feeds) warm(fixed, prefix + f.path);
        for (const i of room.feedIndexes(k)) warm(fixed, prefix + room.article(k, i).path);
      }
      return cache.size;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.close(() => resolve()); s.closeAllConnections(); })));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

const text = (status: number, body: string): Reply => ({ status, type: 'text/plain; charset=utf-8', body });
const html = (status: number, body: string): Reply => ({ status, type: 'text/html; charset=utf-8', body });

function latest(items: DemoArticle[], fallback: Date): Date {
  return items.reduce<Date | null>((m, a) => (!m || a.modifiedAt > m ? a.modifiedAt : m), null) ?? fallback;
}

function notFound(): string {
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head><body><h1>Page not found</h1><p>The page you asked for is not here.</p></body></html>';
}

function indexPage(sites: Site[]): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Newsdesk demo newsroom</title></head><body><h1>Newsdesk demo newsroom</h1>
<p><a href="/newsroom.opml">All outlets as OPML</a></p><ul>${sites.map((s) => `<li><a href="${esc(s.base)}/">${esc(s.outlet.name)}</a></li>`).join('')}</ul></body></html>`;
}

function faultReply(f: NonNullable<OutletFault['feed'] | OutletFault['pages']>, k: number): Reply {
  switch (f) {
    case 'error500': return text(500, 'Internal Server Error');
    case 'gone': return text(410, 'Gone: this feed has been retired.');
    case 'retry-after': return { status: 503, type: 'text/plain; charset=utf-8', body: 'Service Unavailable', headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
    case 'html': return html(200, '<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Our new website</h1><p>Feeds have moved. Please visit our home page.</p></body></html>');
    case 'garbage': {
      const r = rngFor('garbage', k);
      return { status: 200, type: 'application/rss+xml', body: Buffer.from(Array.from({ length: 4096 }, () => r.int(0, 255))) };
    }
    case 'timeout': return text(500, 'unreachable');
  }
}

/** A reply made ready to send: its bytes, validators and, once a client asked, gzipped bytes. */
interface Prepared {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string | null;
  lastModified: Date | undefined;
  compressible: boolean;
  gzipped?: Buffer;
}

function gzipped(p: Prepared): Buffer {
  return (p.gzipped ??= gzipSync(p.body, { level: 4 }));
}

function prepare(r: Reply): Prepared {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  const headers: Record<string, string> = { 'Content-Type': r.type, Vary: 'Accept-Encoding', ...r.headers };
  let etag: string | null = null;
  if (r.status === 200) {
    etag = `W/"${hash32(body.toString('latin1')).toString(16)}-${body.length.toString(16)}"`;
    headers['ETag'] = etag;
    if (r.lastModified) headers['Last-Modified'] = r.lastModified.toUTCString();
    if (r.cacheSeconds) headers['Cache-Control'] = `public, max-age=${r.cacheSeconds}`;
  }
  return { status: r.status, headers, body, etag, lastModified: r.lastModified, compressible: body.length > 256 && !r.type.startsWith('image/') };
}

/** Sends a reply; answers 304 to a matching conditional request and gzips when the client
 * accepts it. */
function send(req: IncomingMessage, res: ServerResponse, r: Prepared): void {
  const headers = { ...r.headers };
  if (r.etag !== null) {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh = inm !== undefined
      ? inm.split(',').some((t) => t.trim() === r.etag || t.trim() === '*')
      : ims !== undefined && r.lastModified !== undefined && !Number.isNaN(Date.parse(ims)) && Math.floor(r.lastModified.getTime() / 1000) <= Date.parse(ims) / 1000;
    if (fresh) {
      delete headers['Content-Type'];
      res.writeHead(304, headers);
      res.end();
      return;
    }
  }
  let out = r.body;
  if (r.compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    out = gzipped(r);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(out.length);
  res.writeHead(r.status, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
}

/** For `newsdesk demo serve`: starts the newsroom, prints where it is, and runs until the
 * process is stopped. Returns the running newsroom (tests call `close()`). */
export async function serveDemo(opts: NewsroomOptions & { log?: (line: string) => void } = {}): Promise<RunningNewsroom> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const nr = await startNewsroom(opts);
  const n = nr.outlets.length;
  log(`Demo newsroom: ${n} outlets on ${opts.hosts === 'per-outlet' ? `${nr.outlets[0]!.host} … ${nr.outlets[n - 1]!.host}` : nr.outlets[0]!.host}`);
  log(`OPML: ${nr.opmlUrl}`);
  for (const o of nr.outlets) log(`  ${o.name.padEnd(28)} ${o.homeUrl}${o.feedUrls.length ? `  feed ${o.feedUrls[0]}` : '  (section pages only)'}`);
  return nr;
}
