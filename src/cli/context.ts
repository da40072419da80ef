// context: what the database commands share — the checked configuration, the open store
// and a logger — opened once per command and closed when it ends.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isPostgres, loadConfig, loggerOptions, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import type { Store } from '../store/index.ts';

export interface CliContext {
  config: Config;
  store: Store;
  log: Logger;
  close(): Promise<void>;
}

/** Loads the configuration and opens (and migrates) the store. */
export async function openContext(): Promise<CliContext> {
  const config = loadConfig();
  const { openStore } = await import('../store/index.ts');
  // A fresh machine has no ./data yet; SQLite does not create folders.
  if (!isPostgres(config) && config.database !== ':memory:') mkdirSync(dirname(config.database), { recursive: true });
  const store = await openStore({ url: config.database });
  const log = createLogger(loggerOptions(config));
  return { config, store, log, close: () => store.close() };
}

/** Runs `fn` with a context, closing it afterwards whatever happens. */
export async function withContext<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
