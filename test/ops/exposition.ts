// A strict reader of the Prometheus text exposition format (0.0.4) for the tests: it
// rejects what Prometheus would reject (bad names, unescaped label values, samples before
// their TYPE, a family split in two, histogram buckets that go down or disagree with _count).
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface Family {
  name: string;
  type: string;
  help: string | null;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*';
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL}=${LABEL_VALUE})(?:,${LABEL}=${LABEL_VALUE})*)?,?\\})? (\\S+)(?: -?\\d+)?$`);
const PAIR = new RegExp(`(${LABEL})=(${LABEL_VALUE})`, 'g');
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseValue(s: string, line: string): number {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw new Error(`bad value in: ${line}`);
  return Number(s);
}

function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  if (families.has(name)) return families.get(name);
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  const f = m ? families.get(m[1]!) : undefined;
  return f && (f.type === 'histogram' || f.type === 'summary') ? f : undefined;
}

/** Parses and checks exposition text; throws with the offending line. */
export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  const families = new Map<string, Family>();
  let current: Family | null = null;
  const closed = new Set<string>();
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!new RegExp(`^${NAME}$`).test(name)) throw new Error(`bad metric name: ${line}`);
      let f = families.get(name);
      if (!f) {
        if (closed.has(name)) throw new Error(`family ${name} appears twice`);
        f = { name, type: 'untyped', help: null, samples: [] };
        families.set(name, f);
      }
      if (current && current !== f) closed.add(current.name);
      current = f;
      if (kind === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`bad type: ${line}`);
        if (f.samples.length) throw new Error(`TYPE after samples: ${line}`);
        f.type = rest;
      } else f.help = rest;
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    const f = familyOf(name, families);
    if (!f) throw new Error(`sample without TYPE: ${line}`);
    if (f !== current) throw new Error(`family ${f.name} split by another: ${line}`);
    const labels: Record<string, string> = {};
    for (const p of (labelText ?? '').matchAll(PAIR)) {
      if (p[1]! in labels) throw new Error(`label twice: ${line}`);
      labels[p[1]!] = JSON.parse(p[2]!) as string;
    }
    f.samples.push({ name, labels, value: parseValue(valueText, line) });
  }
  for (const f of families.values()) {
    if (f.type === 'counter') for (const s of f.samples) if (!(s.value >= 0)) throw new Error(`negative counter ${s.name}`);
    if (f.type === 'histogram') checkHistogram(f);
  }
  return families;
}

function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const g = groups.get(key) ?? { buckets: [] };
    groups.set(key, g);
    if (s.name === `${f.name}_bucket`) {
      if (le === undefined) throw new Error(`${s.name} without le`);
      g.buckets.push([parseValue(le, s.name), s.value]);
    } else if (s.name === `${f.name}_count`) g.count = s.value;
    else if (s.name === `${f.name}_sum`) g.sum = s.value;
    else throw new Error(`unexpected sample ${s.name} in histogram ${f.name}`);
  }
  for (const g of groups.values()) {
    if (g.count === undefined || g.sum === undefined) throw new Error(`${f.name}: _count or _sum missing`);
    let prevLe = -Infinity;
    let prev = 0;
    for (const [le, v] of g.buckets) {
      if (!(le > prevLe)) throw new Error(`${f.name}: buckets out of order`);
      if (v < prev) throw new Error(`${f.name}: bucket counts go down`);
      prevLe = le;
      prev = v;
    }
    if (prevLe !== Infinity) throw new Error(`${f.name}: no +Inf bucket`);
    if (prev !== g.count) throw new Error(`${f.name}: +Inf bucket ${prev} != _count ${g.count}`);
  }
}

/** The value of one sample, or undefined. */
export function valueOf(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  const f = familyOf(name, families);
  const s = f?.samples.find((x) => x.name === name && Object.keys(labels).every((k) => x.labels[k] === labels[k]) && Object.keys(x.labels).length === Object.keys(labels).length);
  return s?.value;
}
