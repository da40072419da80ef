// Test helpers for the fetcher: a real HTTP server on 127.0.0.1 that records what reached
// it, and a resolver that maps test host names to 127.0.0.1 while counting lookups.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from '../../src/fetch/index.ts';

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  port: number;
  server: http.Server;
  /** Every request that reached the server, in order. */
  seen: { url: string; host: string; headers: http.IncomingHttpHeaders; at: number }[];
  /** Open TCP connections right now. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

export function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host ?? '', headers: req.headers, at: Date.now() });
    handler(req, res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        base: `http://127.0.0.1:${port}`,
        port,
        server,
        seen,
        connections: () => new Promise((ok, fail) => server.getConnections((err, n) => (err ? fail(err) : ok(n)))),
        close: () =>
          new Promise((ok) => {
            server.closeAllConnections();
            server.close(() => ok());
          }),
      });
    });
  });
}

/** Resolves every name in `names` to the given addresses (default 127.0.0.1) and counts calls. */
export function testResolver(names: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const addresses = names[host];
    if (!addresses) throw Object.assign(new Error(`test resolver: unknown host ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

/** Waits until `check` is true, polling; fails with `what` after `ms`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not reached within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
