// progress: a one-line progress bar (count, pages/s, ETA) for long batches. It draws only
// on a terminal, so logs and pipes stay clean.
import type { WriteStream } from 'node:tty';

/** Minimum time between redraws, so drawing never costs more than the work. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** A progress bar on `stream` (default stderr); inert when the stream is not a TTY. */
export class ProgressBar {
  private done = 0;
  private last = 0;
  private readonly start = performance.now();
  private readonly stream: NodeJS.WriteStream | WriteStream;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly label = '',
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.stream = stream;
    this.enabled = stream.isTTY === true && total > 0;
  }

  /** Counts one more item done and redraws if it is time. */
  tick(n = 1): void {
    this.done += n;
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < REDRAW_MS && this.done < this.total) return;
    this.last = now;
    this.stream.write('\r' + this.line(now) + '\x1b[K');
  }

  /** Erases the bar (call before printing the summary). */
  finish(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }

  /** The bar as text, e.g. `[#########---------] 120/990  85 pages/s  ETA 10s`. */
  line(now = performance.now()): string {
    const frac = Math.min(1, this.done / this.total);
    const filled = Math.round(frac * BAR_WIDTH);
    const secs = (now - this.start) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : 0;
    const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    const prefix = this.label ? this.label + ' ' : '';
    return `${prefix}[${bar}] ${this.done}/${this.total}  ${rate.toFixed(rate < 10 ? 1 : 0)} pages/s  ETA ${formatSeconds(eta)}`;
  }
}

/** 75 → "1m15s", 9.2 → "9s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const r = Math.round(s);
  return r >= 60 ? `${Math.floor(r / 60)}m${String(r % 60).padStart(2, '0')}s` : `${r}s`;
}
