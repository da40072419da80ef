// ops/registry: a small Prometheus metrics registry — counters, gauges and histograms with
// labels — and the text exposition format (version 0.0.4) that Prometheus scrapes. Written
// here rather than taken from prom-client: Newsdesk needs a dozen metrics, not a framework,
// and gauges that are read from the database at scrape time (collectors).

/** Label values by label name. */
export type Labels = Record<string, string | number>;

/** The Content-Type of the text exposition format. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Metric and label names as the format allows them. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Series {
  labels: string[];
  value: number;
}

interface HistogramSeries {
  labels: string[];
  /** Count per bucket (not cumulative); the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!METRIC_NAME.test(name)) throw new Error(`metric name ${JSON.stringify(name)} is not a valid Prometheus name`);
    for (const l of labelNames) {
      if (!LABEL_NAME.test(l) || l.startsWith('__') || l === 'le') throw new Error(`label name ${JSON.stringify(l)} of ${name} is not allowed`);
    }
  }

  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  /** Label values in labelNames order; a missing or extra label is a programming error. */
  protected values(labels: Labels | undefined): string[] {
    const given = labels ?? {};
    const keys = Object.keys(given);
    if (keys.length !== this.labelNames.length || keys.some((k) => !this.labelNames.includes(k))) {
      throw new Error(`${this.name} takes labels [${this.labelNames.join(', ')}], got [${keys.join(', ')}]`);
    }
    return this.labelNames.map((l) => String(given[l]));
  }

  abstract render(out: string[]): void;
}

/** A value that only goes up (events counted since the process started). */
export class Counter extends Metric {
  readonly type = 'counter';
  readonly #series = new Map<string, Series>();

  /** Adds `n` (default 1) to the series with these labels. */
  inc(labels?: Labels, n = 1): void {
    if (!(n >= 0)) throw new Error(`${this.name}: a counter cannot go down (inc by ${n})`);
    const values = this.values(labels);
    const key = values.join('\u0000');
    const s = this.#series.get(key);
    if (s) s.value += n;
    else this.#series.set(key, { labels: values, value: n });
  }

  /** Sets a total counted elsewhere (e.g. CPU time from the OS); it must not go down. */
  setTotal(labels: Labels | undefined, total: number): void {
    const values = this.values(labels);
    const key = values.join('\u0000');
    const s = this.#series.get(key);
    if (s && total < s.value) throw new Error(`${this.name}: a counter cannot go down (${s.value} → ${total})`);
    if (s) s.value = total;
    else this.#series.set(key, { labels: values, value: total });
  }

  /** The current value of one series (0 when never incremented). */
  get(labels?: Labels): number {
    return this.#series.get(this.values(labels).join('\u0000'))?.value ?? 0;
  }

  render(out: string[]): void {
    for (const s of this.#series.values()) out.push(sample(this.name, this.labelNames, s.labels, s.value));
  }
}

/** A value that goes up and down; set directly or by a collector at scrape time. */
export class Gauge extends Metric {
  readonly type = 'gauge';
  readonly #series = new Map<string, Series>();

  set(labels: Labels | undefined, value: number): void {
    const values = this.values(labels);
    this.#series.set(values.join('\u0000'), { labels: values, value });
  }

  get(labels?: Labels): number | undefined {
    return this.#series.get(this.values(labels).join('\u0000'))?.value;
  }

  /** Forgets every series (a collector that lists what exists now calls this first). */
  reset(): void {
    this.#series.clear();
  }

  render(out: string[]): void {
    for (const s of this.#series.values()) out.push(sample(this.name, this.labelNames, s.labels, s.value));
  }
}

/** Observations counted into buckets, with their sum and count. */
export class Histogram extends Metric {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  readonly #series = new Map<string, HistogramSeries>();

  constructor(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]) {
    super(name, help, labelNames);
    const sorted = [...new Set(buckets)].filter((b) => Number.isFinite(b)).sort((a, b) => a - b);
    if (sorted.length === 0) throw new Error(`${name}: a histogram needs at least one finite bucket`);
    this.buckets = sorted;
  }

  observe(labels: Labels | undefined, value: number): void {
    if (Number.isNaN(value)) return;
    const values = this.values(labels);
    const key = values.join('\u0000');
    let s = this.#series.get(key);
    if (!s) {
      s = { labels: values, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    let i = this.buckets.findIndex((b) => value <= b);
    if (i < 0) i = this.buckets.length;
    s.counts[i]!++;
    s.sum += value;
    s.count++;
  }

  /** Observations so far for one series: count and sum. */
  get(labels?: Labels): { count: number; sum: number } {
    const s = this.#series.get(this.values(labels).join('\u0000'));
    return { count: s?.count ?? 0, sum: s?.sum ?? 0 };
  }

  render(out: string[]): void {
    const names = [...this.labelNames, 'le'];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      this.buckets.forEach((b, i) => {
        cumulative += s.counts[i]!;
        out.push(sample(`${this.name}_bucket`, names, [...s.labels, formatNumber(b)], cumulative));
      });
      out.push(sample(`${this.name}_bucket`, names, [...s.labels, '+Inf'], s.count));
      out.push(sample(`${this.name}_sum`, this.labelNames, s.labels, s.sum));
      out.push(sample(`${this.name}_count`, this.labelNames, s.labels, s.count));
    }
  }
}

/** Runs before each scrape to bring gauges up to date (e.g. the queue depth from the database). */
export type Collector = () => Promise<void> | void;

/** A set of metrics rendered together. */
export class Registry {
  readonly #metrics = new Map<string, Metric>();
  readonly #collectors: { name: string; fn: Collector }[] = [];
  /** Called when a collector fails; the scrape goes on without its values. */
  onCollectError: (name: string, err: unknown) => void = () => undefined;

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.#add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram {
    return this.#add(new Histogram(name, help, labelNames, buckets));
  }

  /** Adds a collector; `name` identifies it in errors. Returns a function that removes it. */
  collect(name: string, fn: Collector): () => void {
    const entry = { name, fn };
    this.#collectors.push(entry);
    return () => {
      const i = this.#collectors.indexOf(entry);
      if (i >= 0) this.#collectors.splice(i, 1);
    };
  }

  /** A registered metric by name. */
  get(name: string): Metric | undefined {
    return this.#metrics.get(name);
  }

  /** Runs the collectors, then renders every metric in the text exposition format. */
  async metricsText(): Promise<string> {
    await Promise.all(
      this.#collectors.map(async (c) => {
        try {
          await c.fn();
        } catch (err) {
          this.onCollectError(c.name, err);
        }
      }),
    );
    const out: string[] = [];
    for (const m of this.#metrics.values()) {
      out.push(`# HELP ${m.name} ${escapeHelp(m.help)}`);
      out.push(`# TYPE ${m.name} ${m.type}`);
      m.render(out);
    }
    return out.join('\n') + '\n';
  }

  #add<M extends Metric>(m: M): M {
    if (this.#metrics.has(m.name)) throw new Error(`metric ${m.name} is registered twice`);
    this.#metrics.set(m.name, m);
    return m;
  }
}

function sample(name: string, labelNames: readonly string[], values: readonly string[], value: number): string {
  if (labelNames.length === 0) return `${name} ${formatNumber(value)}`;
  const pairs = labelNames.map((l, i) => `${l}="${escapeLabel(values[i]!)}"`);
  return `${name}{${pairs.join(',')}} ${formatNumber(value)}`;
}

/** Numbers as the format spells them: +Inf, -Inf, NaN, else JavaScript's shortest form. */
export function formatNumber(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  return String(v);
}

/** In label values, backslash, double quote and newline are escaped. */
function escapeLabel(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** In HELP text, backslash and newline are escaped. */
function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
