// config: Newsdesk's one typed configuration. Values come from defaults, then an optional
// JSON file (`newsdesk.config.json` in the working directory, or the path in
// NEWSDESK_CONFIG), then environment variables. Every value is checked when loaded, and a
// wrong one is reported with its name, what was found and what is expected. `inspectConfig`
// also says where each value came from, for `newsdesk config check`.
import { DEFAULTS as FETCH_DEFAULTS } from './fetch/client.ts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel, type LoggerOptions } from './log.ts';

/** The whole configuration. */
export interface Config {
  /** Where the data lives: a SQLite file path, or a postgres:// URL. */
  database: string;
  fetch: {
    /** A URL (or mailto:) where site owners can reach the operator; goes in the User-Agent. */
    contactUrl: string | null;
    /** Hosts or CIDRs that may be fetched although private or loopback ("*" for all). */
    allowPrivate: string[];
    /** Largest body accepted, after decompression (bytes). */
    maxBytes: number;
    connectTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    /** Concurrent connections per host. */
    perHostConnections: number;
    /** Minimum pause between two requests to one host (ms); robots.txt crawl-delay may raise it. */
    perHostDelayMs: number;
    maxRedirects: number;
    /** A robots.txt crawl-delay above this is taken as this (ms). */
    maxCrawlDelayMs: number;
  };
  ingest: {
    /** Articles fetched and extracted at once, across hosts. */
    concurrency: number;
    minIntervalSeconds: number;
    maxIntervalSeconds: number;
    /** Newest entries kept from one poll of one feed; a flood beyond that waits for later polls. */
    maxEntriesPerPoll: number;
  };
  server: {
    port: number;
    host: string;
    /** Behind a reverse proxy: believe its X-Forwarded-For (client address, for login rate
     * limits and the audit log) and X-Forwarded-Proto (https → Secure cookies). */
    trustProxy: boolean;
  };
  admin: {
    /** An admin session ends after this many hours without a request. */
    sessionHours: number;
  };
  log: {
    /** debug, info, warn, error or silent. */
    level: LogLevel;
    /** json (one object per line), pretty (for people), or auto: pretty on a terminal. */
    format: 'auto' | LogFormat;
  };
  retention: {
    /** Articles older than this many days are removed by `newsdesk retention`; null keeps everything. */
    days: number | null;
    /** Articles removed per transaction, so a large purge never holds the write lock for long. */
    batchSize: number;
  };
  backup: {
    /** Where `newsdesk backup` without a FILE writes (SQLite only); null means FILE is required. */
    dir: string | null;
    /** Backups kept in `dir`; older ones made by Newsdesk are removed after a new one succeeds. */
    keep: number;
  };
  metrics: {
    /** Serve Prometheus metrics at /metrics. */
    enabled: boolean;
    /** When set, /metrics requires `Authorization: Bearer <token>`. A secret: masked in `config check`. */
    token: string | null;
  };
}

export const DEFAULT_CONFIG: Config = {
  database: './data/newsdesk.db',
  // The fetcher's own defaults, so the two cannot drift apart.
  fetch: {
    contactUrl: null,
    allowPrivate: [],
    maxBytes: FETCH_DEFAULTS.maxBytes,
    connectTimeoutMs: FETCH_DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: FETCH_DEFAULTS.headersTimeoutMs,
    bodyTimeoutMs: FETCH_DEFAULTS.bodyTimeoutMs,
    perHostConnections: FETCH_DEFAULTS.perHostConnections,
    perHostDelayMs: FETCH_DEFAULTS.perHostDelayMs,
    maxRedirects: FETCH_DEFAULTS.maxRedirects,
    maxCrawlDelayMs: FETCH_DEFAULTS.maxCrawlDelayMs,
  },
  ingest: {
    concurrency: 32,
    minIntervalSeconds: 5 * 60,
    maxIntervalSeconds: 24 * 3600,
    maxEntriesPerPoll: 1000,
  },
  server: { port: 8080, host: '127.0.0.1', trustProxy: false },
  admin: { sessionHours: 12 },
  log: { level: 'info', format: 'auto' },
  retention: { days: null, batchSize: 500 },
  backup: { dir: null, keep: 7 },
  metrics: { enabled: true, token: null },
};

/** A configuration mistake; the message names every wrong value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Where a value came from: its default, the file, or an environment variable. */
export type ConfigOrigin = { kind: 'default' } | { kind: 'file'; path: string } | { kind: 'env'; name: string };

/** Everything known after loading: the values, where each came from, and what is wrong. */
export interface ConfigReport {
  config: Config;
  /** The file read, or null when there was none. */
  file: string | null;
  /** Origin of every value that did not come from its default, by dotted name ("fetch.maxBytes"). */
  origins: Map<string, ConfigOrigin>;
  /** Every problem found; empty when the configuration is valid. */
  problems: string[];
}

/** How an environment variable's text becomes a value. */
type EnvKind = 'string' | 'int' | 'list' | 'bool';

/**
 * The environment variables, in the order they apply (a later one wins: DATABASE_URL over
 * NEWSDESK_DB). An empty variable counts as unset, except a list, where it means "none".
 */
export const ENV_SETTINGS: readonly { name: string; path: string; kind: EnvKind }[] = [
  { name: 'NEWSDESK_DB', path: 'database', kind: 'string' },
  { name: 'DATABASE_URL', path: 'database', kind: 'string' },
  { name: 'NEWSDESK_ALLOW_PRIVATE', path: 'fetch.allowPrivate', kind: 'list' },
  { name: 'NEWSDESK_CONTACT_URL', path: 'fetch.contactUrl', kind: 'string' },
  { name: 'PORT', path: 'server.port', kind: 'int' },
  { name: 'HOST', path: 'server.host', kind: 'string' },
  { name: 'NEWSDESK_TRUST_PROXY', path: 'server.trustProxy', kind: 'bool' },
  { name: 'NEWSDESK_LOG_LEVEL', path: 'log.level', kind: 'string' },
  { name: 'NEWSDESK_LOG_FORMAT', path: 'log.format', kind: 'string' },
  { name: 'NEWSDESK_RETENTION_DAYS', path: 'retention.days', kind: 'int' },
  { name: 'NEWSDESK_BACKUP_DIR', path: 'backup.dir', kind: 'string' },
  { name: 'NEWSDESK_METRICS', path: 'metrics.enabled', kind: 'bool' },
  { name: 'NEWSDESK_METRICS_TOKEN', path: 'metrics.token', kind: 'string' },
];

/** Values never printed in full: the database URL's password and tokens. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set(['database', 'metrics.token']);
const MASK = '********';
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const TRUE_TEXT = /^(1|true|yes|on)$/i;
const FALSE_TEXT = /^(0|false|no|off)$/i;
/** A metrics token shorter than this is too easy to guess. */
const MIN_TOKEN_LENGTH = 16;
/** About a century: a larger number is a typo. */
const MAX_RETENTION_DAYS = 36_500;
const MAX_RETENTION_BATCH = 100_000;

/**
 * Loads and checks the configuration. `file` overrides the file lookup; `env` defaults to
 * process.env. Throws ConfigError listing every problem at once.
 */
export function loadConfig(opts: { file?: string | null; env?: Env; cwd?: string } = {}): Config {
  const report = inspectConfig(opts);
  if (report.problems.length) throw new ConfigError(report.problems);
  return report.config;
}

/**
 * Loads the configuration like `loadConfig` but never throws: returns the values (defaults
 * where the file or environment gave a wrong one), where each came from, and every problem.
 * `newsdesk config check` prints this.
 */
export function inspectConfig(opts: { file?: string | null; env?: Env; cwd?: string } = {}): ConfigReport {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  const origins = new Map<string, ConfigOrigin>();
  const config: Config = structuredClone(DEFAULT_CONFIG);

  const file = opts.file ?? env.NEWSDESK_CONFIG ?? (existsSync(resolve(cwd, 'newsdesk.config.json')) ? 'newsdesk.config.json' : null);
  const path = file ? resolve(cwd, file) : null;
  if (path) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push(`${path}: cannot be read as JSON (${err instanceof Error ? err.message : String(err)}); fix the file or point NEWSDESK_CONFIG elsewhere`);
    }
    if (raw !== undefined) mergeInto(config as unknown as Record<string, unknown>, raw, '', problems, path, origins);
  }

  for (const s of ENV_SETTINGS) {
    const text = env[s.name];
    if (text === undefined || (text.trim() === '' && s.kind !== 'list')) continue;
    setPath(config, s.path, envValue(text, s.kind));
    origins.set(s.path, { kind: 'env', name: s.name });
  }

  check(config, problems, (p) => {
    const o = origins.get(p);
    return o?.kind === 'env' ? `${p} (or ${o.name})` : p;
  });
  return { config, file: path, origins, problems };
}

/** An environment variable's value; text that does not parse is kept, so the check reports it as found. */
function envValue(text: string, kind: EnvKind): unknown {
  switch (kind) {
    case 'list':
      return splitList(text);
    case 'int':
      return INTEGER_TEXT.test(text) ? Number(text) : text;
    case 'bool':
      return TRUE_TEXT.test(text.trim()) ? true : FALSE_TEXT.test(text.trim()) ? false : text;
    case 'string':
      return text.trim();
  }
}

function setPath(target: object, path: string, value: unknown): void {
  const keys = path.split('.');
  let obj = target as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  obj[keys[keys.length - 1]!] = value;
}

/** Every setting as [dotted name, value], in declaration order. */
export function flattenConfig(config: Config): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const name = prefix ? `${prefix}.${k}` : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, name);
      else out.push([name, v]);
    }
  };
  walk(config as unknown as Record<string, unknown>, '');
  return out;
}

/** A value as it may be shown: secrets masked (a database URL keeps all but its password). */
export function maskSetting(name: string, value: unknown): unknown {
  if (!SECRET_SETTINGS.has(name) || value === null || value === undefined) return value;
  if (name === 'database' && typeof value === 'string') {
    if (!isPostgres({ database: value })) return value;
    try {
      const u = new URL(value);
      if (u.password) u.password = MASK;
      return u.href;
    } catch {
      return MASK;
    }
  }
  return MASK;
}

/** Where a value came from, in words: "default", "file /etc/newsdesk.json", "env PORT". */
export function describeOrigin(o: ConfigOrigin | undefined): string {
  if (!o || o.kind === 'default') return 'default';
  return o.kind === 'file' ? `file ${o.path}` : `env ${o.name}`;
}

/** The logger options the configuration asks for: `createLogger(loggerOptions(config))`. */
export function loggerOptions(config: Pick<Config, 'log'>): LoggerOptions {
  return { level: config.log.level, pretty: config.log.format === 'auto' ? undefined : config.log.format === 'pretty' };
}

/** True when the configured database is PostgreSQL. */
export function isPostgres(config: Pick<Config, 'database'>): boolean {
  return /^postgres(ql)?:\/\//i.test(config.database);
}

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** Copies known keys from the file over the defaults; unknown keys and wrong types are problems. */
function mergeInto(
  target: Record<string, unknown>,
  source: unknown,
  prefix: string,
  problems: string[],
  path: string,
  origins: Map<string, ConfigOrigin>,
): void {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) {
    problems.push(`${prefix || path}: expected an object`);
    return;
  }
  for (const [key, value] of Object.entries(source)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (!(key in target)) {
      problems.push(`${name}: unknown setting (known here: ${Object.keys(target).join(', ')})`);
      continue;
    }
    const current = target[key];
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      mergeInto(current as Record<string, unknown>, value, name, problems, path, origins);
    } else if (Array.isArray(current)) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        target[key] = value;
        origins.set(name, { kind: 'file', path });
      } else problems.push(`${name}: expected a list of strings, found ${JSON.stringify(value)}`);
    } else if (current === null || value === null || typeof value === typeof current) {
      // null is accepted anywhere here; check() says where it is not allowed.
      target[key] = value;
      origins.set(name, { kind: 'file', path });
    } else {
      problems.push(`${name}: expected a ${typeof current}, found ${JSON.stringify(value)}`);
    }
  }
}

/** Checks every value; `n` names a setting in messages (with the variable that set it, if any). */
function check(c: Config, problems: string[], n: (path: string) => string): void {
  const found = (v: unknown) => `found ${JSON.stringify(v) ?? String(v)}`;
  const wholeNumber = (path: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER, unit = '') => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      problems.push(`${n(path)}: expected a whole number${unit} ${range}, ${found(v)}`);
    }
  };
  const positiveInt = (path: string, v: unknown, max = Number.MAX_SAFE_INTEGER) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) problems.push(`${n(path)}: expected a whole number from 1 to ${max}, ${found(v)}`);
  };
  const oneOf = (path: string, v: unknown, allowed: readonly string[]) => {
    if (typeof v !== 'string' || !allowed.includes(v)) problems.push(`${n(path)}: expected one of ${allowed.join(', ')}, ${found(v)}`);
  };

  if (typeof c.database !== 'string' || !c.database) {
    problems.push(`${n('database')}: expected a SQLite file path or a postgres:// URL`);
  } else if (isPostgres(c) && !URL.canParse(c.database)) {
    problems.push(`${n('database')}: the postgres:// URL cannot be parsed; expected postgres://user:password@host:5432/database`);
  }
  if (c.fetch.contactUrl !== null && (typeof c.fetch.contactUrl !== 'string' || !/^(https?:\/\/|mailto:)\S+$/i.test(c.fetch.contactUrl))) {
    problems.push(`${n('fetch.contactUrl')}: expected an http(s):// or mailto: address, ${found(c.fetch.contactUrl)}`);
  }
  positiveInt('fetch.maxBytes', c.fetch.maxBytes);
  positiveInt('fetch.connectTimeoutMs', c.fetch.connectTimeoutMs);
  positiveInt('fetch.headersTimeoutMs', c.fetch.headersTimeoutMs);
  positiveInt('fetch.bodyTimeoutMs', c.fetch.bodyTimeoutMs);
  positiveInt('fetch.perHostConnections', c.fetch.perHostConnections, 64);
  wholeNumber('fetch.perHostDelayMs', c.fetch.perHostDelayMs, 0, Number.MAX_SAFE_INTEGER, ' of milliseconds');
  wholeNumber('fetch.maxRedirects', c.fetch.maxRedirects, 0, 20);
  positiveInt('fetch.maxCrawlDelayMs', c.fetch.maxCrawlDelayMs);
  positiveInt('ingest.concurrency', c.ingest.concurrency, 256);
  positiveInt('ingest.minIntervalSeconds', c.ingest.minIntervalSeconds);
  positiveInt('ingest.maxIntervalSeconds', c.ingest.maxIntervalSeconds);
  if (c.ingest.minIntervalSeconds > c.ingest.maxIntervalSeconds) {
    problems.push(`${n('ingest.minIntervalSeconds')}: must not exceed ingest.maxIntervalSeconds`);
  }
  positiveInt('ingest.maxEntriesPerPoll', c.ingest.maxEntriesPerPoll);
  // PORT is named even when the file set the port: it is the name most operators know.
  positiveInt(n('server.port') === 'server.port' ? 'server.port (or PORT)' : 'server.port', c.server.port, 65535);
  if (typeof c.server.host !== 'string' || !c.server.host) problems.push(`${n('server.host')}: expected a host name or address to listen on, ${found(c.server.host)}`);
  if (typeof c.server.trustProxy !== 'boolean') problems.push(`${n('server.trustProxy')}: expected true or false, ${found(c.server.trustProxy)}`);
  positiveInt('admin.sessionHours', c.admin.sessionHours, 24 * 30);
  oneOf('log.level', c.log.level, LOG_LEVELS);
  oneOf('log.format', c.log.format, ['auto', ...LOG_FORMATS]);
  if (c.retention.days !== null) positiveInt('retention.days', c.retention.days, MAX_RETENTION_DAYS);
  positiveInt('retention.batchSize', c.retention.batchSize, MAX_RETENTION_BATCH);
  if (c.backup.dir !== null && (typeof c.backup.dir !== 'string' || !c.backup.dir.trim())) {
    problems.push(`${n('backup.dir')}: expected a directory path, or null to always name the backup file, ${found(c.backup.dir)}`);
  }
  positiveInt('backup.keep', c.backup.keep, 1000);
  if (typeof c.metrics.enabled !== 'boolean') problems.push(`${n('metrics.enabled')}: expected true or false, ${found(c.metrics.enabled)}`);
  if (c.metrics.token !== null) {
    if (typeof c.metrics.token !== 'string' || c.metrics.token.length < MIN_TOKEN_LENGTH || /\s/.test(c.metrics.token)) {
      // The value itself is a secret: say what is wrong without printing it.
      problems.push(
        `${n('metrics.token')}: expected at least ${MIN_TOKEN_LENGTH} characters without spaces (make one with \`openssl rand -hex 32\`), or null for an open /metrics`,
      );
    }
  }
}
