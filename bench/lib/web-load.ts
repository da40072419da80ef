// bench/lib/web-load: one load run with autocannon against a list of paths — each request
// takes the next path of the list (so many different pages are asked for, not one), and
// every response's latency is kept so the percentiles are exact rather than bucketed.
import { createRequire } from 'node:module';

/** What we use of autocannon's options and results (the package ships no types). */
interface CannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests: CannonRequest[];
}
interface CannonResult {
  requests: { total: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}
interface CannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'done', fn: (r: CannonResult) => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
}
type Cannon = (opts: CannonOptions, cb?: (err: Error | null, r: CannonResult) => void) => CannonInstance;

// autocannon is CommonJS without type declarations: loaded through require and given the
// narrow shape above.
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Latency percentiles in ms, from every response. */
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not 200, and connection errors/timeouts. */
  bad: number;
  statuses: Record<string, number>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs `seconds` of load with `connections` keep-alive connections over `paths` in turn. */
export function load(url: string, paths: readonly string[], seconds: number, connections: number): Promise<LoadResult> {
  if (paths.length === 0) throw new Error('bench:web: no paths to request (is the database empty?)');
  let next = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              req.path = paths[next++ % paths.length]!;
              return req;
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: r.requests.total,
          perSecond: r.requests.total / (r.duration || seconds),
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          bad: r.errors + r.timeouts + (r.requests.total - (statuses['200'] ?? 0)),
          statuses,
        });
      },
    );
    inst.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    });
  });
}
