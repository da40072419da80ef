// config: Newsdesk's one typed configuration. Values come from defaults, then an optional
// JSON file (`newsdesk.config.json` in the working directory, or the path in
// NEWSDESK_CONFIG), then environment variables. Every value is checked when loaded, and a
// wrong one is reported with its name, what was found and what is expected.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

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
  };
}

export const DEFAULT_CONFIG: Config = {
  database: './data/newsdesk.db',
  fetch: {
    contactUrl: null,
    allowPrivate: [],
    maxBytes: 10 * 1024 * 1024,
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 20_000,
    bodyTimeoutMs: 60_000,
    perHostConnections: 2,
    perHostDelayMs: 1000,
    maxRedirects: 5,
    maxCrawlDelayMs: 60_000,
  },
  ingest: {
    concurrency: 8,
    minIntervalSeconds: 5 * 60,
    maxIntervalSeconds: 24 * 3600,
    maxEntriesPerPoll: 1000,
  },
  server: { port: 8080, host: '127.0.0.1' },
};

/** A configuration mistake; the message names every wrong value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Loads and checks the configuration. `file` overrides the file lookup; `env` defaults to
 * process.env. Throws ConfigError listing every problem at once.
 */
export function loadConfig(opts: { file?: string | null; env?: Env; cwd?: string } = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const problems: string[] = [];
  const config: Config = structuredClone(DEFAULT_CONFIG);

  const file = opts.file ?? env.NEWSDESK_CONFIG ?? (existsSync(resolve(cwd, 'newsdesk.config.json')) ? 'newsdesk.config.json' : null);
  if (file) {
    const path = resolve(cwd, file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new ConfigError([`${path}: cannot be read as JSON (${err instanceof Error ? err.message : String(err)})`]);
    }
    mergeInto(config as unknown as Record<string, unknown>, raw, '', problems, path);
  }

  // Environment variables: the ones operators reach for most.
  if (env.DATABASE_URL) config.database = env.DATABASE_URL;
  else if (env.NEWSDESK_DB) config.database = env.NEWSDESK_DB;
  if (env.NEWSDESK_ALLOW_PRIVATE !== undefined) config.fetch.allowPrivate = splitList(env.NEWSDESK_ALLOW_PRIVATE);
  if (env.NEWSDESK_CONTACT_URL) config.fetch.contactUrl = env.NEWSDESK_CONTACT_URL;
  if (env.PORT !== undefined) config.server.port = Number(env.PORT);
  if (env.HOST) config.server.host = env.HOST;

  check(config, problems);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** True when the configured database is PostgreSQL. */
export function isPostgres(config: Pick<Config, 'database'>): boolean {
  return /^postgres(ql)?:\/\//i.test(config.database);
}

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** Copies known keys from the file over the defaults; unknown keys and wrong types are problems. */
function mergeInto(target: Record<string, unknown>, source: unknown, prefix: string, problems: string[], path: string): void {
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
      mergeInto(current as Record<string, unknown>, value, name, problems, path);
    } else if (Array.isArray(current)) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) target[key] = value;
      else problems.push(`${name}: expected a list of strings, found ${JSON.stringify(value)}`);
    } else if (current === null || typeof value === typeof current) {
      target[key] = value;
    } else {
      problems.push(`${name}: expected a ${typeof current}, found ${JSON.stringify(value)}`);
    }
  }
}

function check(c: Config, problems: string[]): void {
  const positiveInt = (name: string, v: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(v) || v < 1 || v > max) problems.push(`${name}: expected a whole number from 1 to ${max}, found ${JSON.stringify(v)}`);
  };
  if (typeof c.database !== 'string' || !c.database) problems.push('database: expected a SQLite file path or a postgres:// URL');
  if (c.fetch.contactUrl !== null && !/^(https?:\/\/|mailto:)\S+$/i.test(c.fetch.contactUrl)) {
    problems.push(`fetch.contactUrl: expected an http(s):// or mailto: address, found ${JSON.stringify(c.fetch.contactUrl)}`);
  }
  positiveInt('fetch.maxBytes', c.fetch.maxBytes);
  positiveInt('fetch.connectTimeoutMs', c.fetch.connectTimeoutMs);
  positiveInt('fetch.headersTimeoutMs', c.fetch.headersTimeoutMs);
  positiveInt('fetch.bodyTimeoutMs', c.fetch.bodyTimeoutMs);
  positiveInt('fetch.perHostConnections', c.fetch.perHostConnections, 64);
  if (!Number.isInteger(c.fetch.perHostDelayMs) || c.fetch.perHostDelayMs < 0) {
    problems.push(`fetch.perHostDelayMs: expected a whole number of milliseconds ≥ 0, found ${JSON.stringify(c.fetch.perHostDelayMs)}`);
  }
  if (!Number.isInteger(c.fetch.maxRedirects) || c.fetch.maxRedirects < 0 || c.fetch.maxRedirects > 20) {
    problems.push(`fetch.maxRedirects: expected a whole number from 0 to 20, found ${JSON.stringify(c.fetch.maxRedirects)}`);
  }
  positiveInt('fetch.maxCrawlDelayMs', c.fetch.maxCrawlDelayMs);
  positiveInt('ingest.concurrency', c.ingest.concurrency, 256);
  positiveInt('ingest.minIntervalSeconds', c.ingest.minIntervalSeconds);
  positiveInt('ingest.maxIntervalSeconds', c.ingest.maxIntervalSeconds);
  if (c.ingest.minIntervalSeconds > c.ingest.maxIntervalSeconds) {
    problems.push('ingest.minIntervalSeconds: must not exceed ingest.maxIntervalSeconds');
  }
  positiveInt('ingest.maxEntriesPerPoll', c.ingest.maxEntriesPerPoll);
  positiveInt('server.port (or PORT)', c.server.port, 65535);
}
