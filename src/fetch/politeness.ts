// fetch/politeness: how hard Newsdesk leans on one host. At most N requests in flight per
// host, and a minimum pause between the starts of two requests to it (the configured
// delay, or the robots.txt crawl-delay when that is larger). Waiters are served in order;
// an aborted waiter leaves the queue without taking a slot.
import { FetchError } from './errors.ts';

interface Waiter {
  grant: () => void;
  delayMs: number;
}

interface HostState {
  active: number;
  /** When the last request to this host started (ms since epoch); 0 = never. */
  lastStart: number;
  queue: Waiter[];
  timer: NodeJS.Timeout | null;
}

/** Idle host entries kept before old ones are dropped (a long crawl touches many hosts). */
const MAX_IDLE_HOSTS = 10_000;

/** Releases the slot taken by `acquire`; calling it twice is harmless. */
export type Release = () => void;

/** Per-host concurrency and spacing of requests. */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly maxPerHost: number) {
    if (!Number.isInteger(maxPerHost) || maxPerHost < 1) throw new Error(`perHostConnections must be a whole number ≥ 1, got ${maxPerHost}`);
  }

  /**
   * Waits for a slot on `host` that starts at least `delayMs` after the previous request to
   * it started. Rejects with FetchError 'aborted' if `signal` fires while waiting.
   */
  acquire(host: string, delayMs: number, url: string, signal?: AbortSignal): Promise<Release> {
    const key = host.toLowerCase();
    let state = this.hosts.get(key);
    if (!state) {
      state = { active: 0, lastStart: 0, queue: [], timer: null };
      this.hosts.set(key, state);
      this.prune();
    }
    const s = state;
    return new Promise<Release>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(url, signal));
        return;
      }
      const onAbort = (): void => {
        const i = s.queue.indexOf(waiter);
        if (i >= 0) s.queue.splice(i, 1);
        reject(abortError(url, signal!));
        this.pump(key, s);
      };
      const waiter: Waiter = {
        delayMs,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            s.active--;
            this.pump(key, s);
          });
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(waiter);
      this.pump(key, s);
    });
  }

  /** Requests in flight to `host` right now (for tests and status pages). */
  active(host: string): number {
    return this.hosts.get(host.toLowerCase())?.active ?? 0;
  }

  /** Starts the next waiter if a slot is free and the pause has passed, else sets a timer. */
  private pump(key: string, s: HostState): void {
    if (s.timer) return; // a timer is already set to come back
    while (s.queue.length && s.active < this.maxPerHost) {
      const next = s.queue[0]!;
      const wait = s.lastStart + next.delayMs - Date.now();
      if (wait > 0) {
        s.timer = setTimeout(() => {
          s.timer = null;
          this.pump(key, s);
        }, wait);
        return;
      }
      s.queue.shift();
      s.active++;
      s.lastStart = Date.now();
      next.grant();
    }
  }

  /** Forgets idle hosts once there are many (their pause has long passed). */
  private prune(): void {
    if (this.hosts.size <= MAX_IDLE_HOSTS) return;
    const now = Date.now();
    for (const [key, s] of this.hosts) {
      if (this.hosts.size <= MAX_IDLE_HOSTS / 2) break;
      // Keep anything recent: forgetting it would let the next request skip its pause.
      if (s.active === 0 && !s.queue.length && !s.timer && now - s.lastStart > 60_000) this.hosts.delete(key);
    }
  }
}

function abortError(url: string, signal: AbortSignal): FetchError {
  return new FetchError('aborted', url, `${url}: fetch cancelled (${String(signal.reason ?? 'aborted')})`, { cause: signal.reason });
}
