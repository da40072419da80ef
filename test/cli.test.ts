// Tests for the `newsdesk` command, run as users run it: the real bin in a child process,
// on temporary folders and a local HTTP server. Exit codes: 0 done, 1 failed (or some
// pages of a batch failed), 2 called wrongly.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nonPublicReason } from '../src/fetch/index.ts';

const BIN = fileURLToPath(new URL('../bin/newsdesk.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `newsdesk` bin. */
function newsdesk(args: string[], opts: { env?: Record<string, string>; input?: Buffer } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, NEWSDESK_ALLOW_PRIVATE: '', ...opts.env }, timeout: 30_000, maxBuffer: 1 << 24 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number | undefined) ?? 1 : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
    if (opts.input) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

const PARAS = [
  'The city council voted on Tuesday evening to approve a new budget that raises spending on public transport by a fifth, after months of debate between the two largest parties.',
  'Supporters said the money would pay for more frequent buses on the busiest routes and for the repair of three tram lines that have been closed since the spring floods.',
  'Opponents argued that the plan relies on optimistic forecasts of ticket sales and warned that the city could face a shortfall within two years if passenger numbers do not recover.',
  'The mayor, who had pushed for the increase, called the vote a turning point and promised that the first new services would start running before the end of the year.',
];

function articleHtml(title: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>${title}</h1>${PARAS.map((p) => `<p>${p}${extra}</p>`).join('\n')}</article>
<footer>© Example</footer></body></html>`;
}

/** The same article in windows-1252 bytes, with € and curly quotes (0x80, 0x93, 0x94). */
function cp1252Article(): Buffer {
  const html = articleHtml('Fares rise', ' Tickets now cost \x80 3, \x93a fair price\x94, officials say.').replace('charset="utf-8"', 'charset="windows-1252"');
  return Buffer.from(html, 'latin1');
}

describe('newsdesk CLI', { concurrency: 4 }, () => {
  let dir: string;
  let server: Server;
  let base: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-cli-'));
    writeFileSync(path.join(dir, 'a.html'), articleHtml('Council approves transport budget'));
    writeFileSync(path.join(dir, 'b.html.gz'), gzipSync(cp1252Article()));
    writeFileSync(path.join(dir, 'c.html.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02])); // broken gzip
    writeFileSync(path.join(dir, 'd.html'), ''); // empty page
    writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
    writeFileSync(path.join(dir, 'urls.json'), JSON.stringify({ a: 'https://example.com/news/a', b: { url: 'https://example.com/news/b', title: 'x' }, c: 'hard::not-a-url' }));

    server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/article' });
        res.end();
      } else if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
        res.end(cp1252Article());
      } else if (req.url?.startsWith('/loop')) {
        const n = Number(req.url.slice(5) || 0);
        res.writeHead(301, { location: `/loop${n + 1}` });
        res.end();
      } else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1 << 20, 0x61);
        let sent = 0;
        const push = (): void => {
          while (sent < 12) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', push);
          }
          res.end();
        };
        push();
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('batch: one broken page does not stop the run; its entry names the file; exit 1', async () => {
    const out = path.join(dir, 'out.json');
    const r = await newsdesk(['extract', '--dir', dir, '--out', out, '--urls', path.join(dir, 'urls.json')]);
    assert.equal(r.code, 1, r.stderr);
    const result = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { articleBody?: string | null; url?: string | null; reason?: string; error?: string }>;
    assert.deepEqual(Object.keys(result).sort(), ['a', 'b', 'c', 'd']);
    assert.ok(result.a?.articleBody?.includes('public transport'), 'a extracted');
    assert.equal(result.a?.url, 'https://example.com/news/a', '{id: url} form');
    assert.equal(result.b?.url, 'https://example.com/news/b', '{id: {url}} form');
    assert.ok(result.b?.articleBody?.includes('€ 3, “a fair price”'), 'b (gzip, windows-1252) decoded');
    assert.match(result.c?.error ?? '', /c\.html\.gz/, 'the error names the file');
    assert.match(result.c?.error ?? '', /gzip/);
    assert.equal(result.d?.articleBody, null);
    assert.ok(result.d?.reason, 'empty page: null body with a reason');
    assert.match(r.stderr, /4 pages, 2 ok, 1 no article, 1 errors, [\d.]+ s/);
    assert.match(r.stderr, /c\.html\.gz/);
    assert.doesNotMatch(r.stderr, /\r/, 'no progress bar when stderr is not a terminal');
  });

  test('batch: all pages read → exit 0; --out - writes JSON to stdout', async () => {
    const sub = mkdtempSync(path.join(dir, 'ok-'));
    writeFileSync(path.join(sub, '1.html'), articleHtml('One'));
    writeFileSync(path.join(sub, '2.html.gz'), gzipSync(articleHtml('Two')));
    const r = await newsdesk(['extract', '--dir', sub, '--out', '-']);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, { articleBody: string | null }>;
    assert.deepEqual(Object.keys(result), ['1', '2']);
    assert.match(r.stderr, /2 pages, 2 ok, 0 no article, 0 errors/);
  });

  test('one file prints one article as JSON; --url resolves and is reported', async () => {
    const r = await newsdesk(['extract', path.join(dir, 'a.html'), '--url', 'https://example.com/news/a']);
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as { url: string; articleBody: string; wordCount: number };
    assert.equal(a.url, 'https://example.com/news/a');
    assert.ok(a.articleBody.includes('turning point'));
    assert.ok(a.wordCount > 50);
  });

  test('.html.gz file and stdin (-)', async () => {
    const gz = await newsdesk(['extract', path.join(dir, 'b.html.gz')]);
    assert.equal(gz.code, 0, gz.stderr);
    assert.ok((JSON.parse(gz.stdout) as { articleBody: string }).articleBody.includes('€ 3'));
    const stdin = await newsdesk(['extract', '-'], { input: Buffer.from(articleHtml('From stdin')) });
    assert.equal(stdin.code, 0, stdin.stderr);
    assert.ok((JSON.parse(stdin.stdout) as { articleBody: string }).articleBody.includes('tram lines'));
  });

  test('a missing file: exit 1, the message names the file', async () => {
    const r = await newsdesk(['extract', path.join(dir, 'nope.html')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope\.html: no such file/);
    const b = await newsdesk(['extract', '--dir', path.join(dir, 'nodir'), '--out', path.join(dir, 'x.json')]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /nodir: no such folder/);
  });

  test('usage errors exit 2 with a message and the usage', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['extract', '--bogus'], /unknown option --bogus/],
      [['extract'], /give a FILE, a URL or --dir DIR/],
      [['extract', '--dir', dir], /--dir needs --out/],
      [['extract', 'a.html', 'b.html'], /give one FILE or URL/],
      [['extract', 'a.html', '--url'], /--url needs a value/],
      [['extract', 'a.html', '--url', 'not a url'], /--url must be an absolute http\(s\) URL/],
    ];
    const runs = await Promise.all(cases.map(([args]) => newsdesk(args)));
    runs.forEach((r, i) => {
      const [args, message] = cases[i]!;
      assert.equal(r.code, 2, `${args.join(' ')}: exit code`);
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /usage:|commands:/, 'usage shown');
    });
  });

  test('no arguments (npm start) lists the commands; --version; help extract', async () => {
    const [none, version, help] = await Promise.all([newsdesk([]), newsdesk(['--version']), newsdesk(['help', 'extract'])]);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /newsdesk extract FILE\|URL/);
    assert.equal(version.stdout.trim(), VERSION);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--urls MAP\.json/);
  });

  test('URL: a loopback address is refused with the address and the reason', async () => {
    const r = await newsdesk(['extract', `${base}/article`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /127\.0\.0\.1, a loopback address/);
    assert.match(r.stderr, /NEWSDESK_ALLOW_PRIVATE/);
    const mapped = await newsdesk(['extract', `http://[::ffff:127.0.0.1]:1/`]);
    assert.equal(mapped.code, 1);
    assert.match(mapped.stderr, /IPv4-mapped/);
  });

  test('URL: allowed by NEWSDESK_ALLOW_PRIVATE, redirect followed, header charset used', async () => {
    const r = await newsdesk(['extract', `${base}/redirect`], { env: { NEWSDESK_ALLOW_PRIVATE: '127.0.0.0/8' } });
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout) as { url: string; articleBody: string };
    assert.equal(a.url, `${base}/article`);
    assert.ok(a.articleBody.includes('€ 3, “a fair price”'));
  });

  test('URL: more than 5 redirects and bodies over 10 MiB are refused', async () => {
    const env = { NEWSDESK_ALLOW_PRIVATE: '127.0.0.1' };
    const [loop, huge] = await Promise.all([newsdesk(['extract', `${base}/loop`], { env }), newsdesk(['extract', `${base}/huge`], { env })]);
    assert.equal(loop.code, 1);
    assert.match(loop.stderr, /more than 5 redirects/);
    assert.equal(huge.code, 1);
    assert.match(huge.stderr, /larger than 10 MiB/);
  });

  test('the output file is not left half-written', () => {
    assert.ok(!existsSync(path.join(dir, `out.json.${process.pid}.tmp`)));
  });
});

// The guard behind `newsdesk extract URL`: every non-public form is named, public ones pass.
test('SSRF guard: non-public addresses and why', () => {
  const table: [string, RegExp | null][] = [
    ['8.8.8.8', null],
    ['2606:4700:4700::1111', null],
    ['127.0.0.1', /loopback/],
    ['::1', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.5.4', /private/],
    ['172.32.0.1', null],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['224.0.0.251', /multicast/],
    ['ff02::1', /multicast/],
    ['0.0.0.0', /unspecified/],
    ['::', /unspecified/],
    ['fd00::1', /unique-local/],
    ['::ffff:127.0.0.1', /IPv4-mapped IPv6 \(127\.0\.0\.1\)/],
    ['::ffff:7f00:1', /IPv4-mapped/],
    ['64:ff9b::a00:1', /NAT64 form of a private/],
    ['2002:c0a8:101::1', /6to4 form of a private/],
    ['255.255.255.255', /reserved/],
  ];
  for (const [address, expected] of table) {
    const reason = nonPublicReason(address);
    if (expected) assert.match(reason ?? '(public)', expected, address);
    else assert.equal(reason, null, address);
  }
});
