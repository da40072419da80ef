// ops (CLI): the operator's maintenance commands — `config check` (the effective
// configuration, where each value came from, secrets masked), `retention` (remove old
// articles, keeping pinned ones and stories' first reports) and `backup` (a consistent copy
// of the SQLite database while Newsdesk runs). Each takes an optional `io` so tests can run
// it in-process with their own environment and output.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { once } from 'node:events';
import { describeOrigin, flattenConfig, inspectConfig, isPostgres, loadConfig, maskSetting, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { backupIntoDir, backupSqlite, type BackupResult } from '../ops/backup.ts';
import { applyRetention, type ArchivedArticle, type RetentionResult } from '../ops/retention.ts';
import { Moderation } from '../store/moderation.ts';
import type { Store } from '../store/index.ts';
import { flag, parseArgs, UsageError } from './args.ts';

export const CONFIG_USAGE = `usage:
  newsdesk config check [--json]
      load the configuration (defaults, then the file, then the environment) and print every
      value with where it came from; secrets (the database password, metrics.token) are masked.
      Exit 1 with each problem listed when something is wrong.

  The file is ./newsdesk.config.json, or the path in NEWSDESK_CONFIG. Settings are listed in
  docs/operations.md.`;

export const RETENTION_USAGE = `usage:
  newsdesk retention [--days N] [--dry-run] [--archive FILE.jsonl[.gz]] [--batch N]
                     [--protect-articles ID,ID…] [--protect-stories ID,ID…] [--json]
      remove articles published (else first seen) more than N days ago (default: the
      retention.days setting), in batches. Kept: protected articles and stories, stories
      pinned on the home page, and the first article of every story that still has a newer
      or protected article. Revisions,
      images no other article uses, and feed entries the feed no longer lists go with them.
      --dry-run     count what would go, change nothing
      --archive F   append each removed article (with revisions) to F as JSON lines first;
                    gzip-compressed when F ends in .gz`;

export const BACKUP_USAGE = `usage:
  newsdesk backup FILE [--force] [--json]
      copy the SQLite database to FILE while Newsdesk keeps running (a consistent snapshot,
      checked with PRAGMA integrity_check); --force replaces an existing FILE
  newsdesk backup
      copy into the backup.dir setting as newsdesk-YYYYMMDD-HHMMSS.db, keeping the newest
      backup.keep copies there
  On PostgreSQL use pg_dump instead (newsdesk backup says so and exits 1).`;

/** Where a command reads its environment and writes its output. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  log?: Logger;
}

function defaultIo(): CommandIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  };
}

// ---------------------------------------------------------------- config check

/** `newsdesk config check`: exit 0 when valid, 1 with the problems listed otherwise. */
export async function configCommand(argv: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  const [sub, ...extra] = args.positionals;
  if (sub !== 'check' || extra.length) throw new UsageError('the config command is: newsdesk config check [--json]');
  const report = inspectConfig({ env: io.env, cwd: io.cwd });
  const settings = flattenConfig(report.config).map(([name, value]) => ({
    name,
    value: maskSetting(name, value),
    from: describeOrigin(report.origins.get(name)),
  }));
  if (args.flags.has('json')) {
    io.stdout(JSON.stringify({ valid: report.problems.length === 0, file: report.file, problems: report.problems, settings }, null, 2) + '\n');
  } else {
    io.stdout(`configuration file: ${report.file ?? 'none (defaults and environment only)'}\n\n`);
    const width = Math.max(...settings.map((s) => s.name.length));
    const shown = settings.map((s) => ({ ...s, text: JSON.stringify(s.value) ?? 'undefined' }));
    const valueWidth = Math.min(48, Math.max(...shown.map((s) => s.text.length)));
    for (const s of shown) io.stdout(`  ${s.name.padEnd(width)}  ${s.text.padEnd(valueWidth)}  ${s.from}\n`);
    io.stdout('\n');
    if (report.problems.length) {
      io.stdout(`the configuration is not valid (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}):\n`);
      for (const p of report.problems) io.stdout(`  - ${p}\n`);
    } else io.stdout('the configuration is valid\n');
  }
  return report.problems.length ? 1 : 0;
}

// ---------------------------------------------------------------- retention

/** `newsdesk retention`: removes old articles (or counts them with --dry-run). */
export async function retentionCommand(argv: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  const args = parseArgs(argv, ['days', 'archive', 'batch', 'protect-articles', 'protect-stories'], ['dry-run', 'json']);
  if (args.positionals.length) throw new UsageError(`unexpected ${JSON.stringify(args.positionals[0])}`);
  const config = loadConfig({ env: io.env, cwd: io.cwd });
  const daysText = flag(args, 'days');
  const days = daysText !== undefined ? wholeNumber('--days', daysText) : config.retention.days;
  if (days === null) throw new UsageError('give --days N, or set retention.days in the configuration (NEWSDESK_RETENTION_DAYS)');
  const batchText = flag(args, 'batch');
  const batchSize = batchText !== undefined ? wholeNumber('--batch', batchText) : config.retention.batchSize;
  const dryRun = args.flags.has('dry-run');
  const archivePath = flag(args, 'archive');
  if (archivePath && dryRun) throw new UsageError('--archive and --dry-run do not go together: a dry run removes nothing to archive');
  const protect = {
    articleIds: idList('--protect-articles', flag(args, 'protect-articles')),
    storyIds: idList('--protect-stories', flag(args, 'protect-stories')),
  };

  const log = io.log ?? createLogger();
  const store = await openConfiguredStore(config);
  const archive = archivePath ? openArchive(resolve(io.cwd, archivePath)) : null;
  let result: RetentionResult;
  try {
    // Stories pinned on the home page are kept whole, as are those named on the command line.
    const pinned = await new Moderation(store.db).pinnedStories();
    result = await applyRetention(store, {
      days,
      dryRun,
      batchSize,
      protect: { ...protect, storyIds: [...protect.storyIds, ...pinned] },
      archive: archive ? (batch) => archive.write(batch) : undefined,
      onBatch: (r) => log.debug('retention batch', { examined: r.examined, deleted: r.deleted }),
    });
  } finally {
    await archive?.close();
    await store.close();
  }
  log.info(dryRun ? 'retention dry run' : 'retention done', { days, ...result });
  if (args.flags.has('json')) {
    io.stdout(JSON.stringify({ days, ...result, archive: archivePath ?? null }) + '\n');
  } else {
    const verb = dryRun ? 'would remove' : 'removed';
    io.stdout(
      `articles before ${result.cutoff} (${days} days): ${result.examined} examined, ${verb} ${result.deleted}, ` +
        `kept ${result.keptCanonical} stories' first articles and ${result.keptProtected} protected\n` +
        `with them: ${result.revisionsDeleted} revisions, ${dryRun ? 'unused images (not counted in a dry run)' : `${result.imagesDeleted} images`}, ` +
        `${result.entriesDeleted} feed entries (${result.entriesUnlinked} still listed by their feed kept, unlinked)\n`,
    );
    if (archivePath && !dryRun) io.stdout(`archived ${result.archived} articles to ${resolve(io.cwd, archivePath)}\n`);
  }
  return 0;
}

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${name} needs a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return n;
}

function idList(name: string, text: string | undefined): number[] {
  if (text === undefined) return [];
  return text.split(',').map((s) => {
    const t = s.trim();
    if (!/^\d+$/.test(t)) throw new UsageError(`${name} takes ids separated by commas, e.g. 12,40; got ${JSON.stringify(s)}`);
    return Number(t);
  });
}

async function openConfiguredStore(config: Config): Promise<Store> {
  const { openStore } = await import('../store/index.ts');
  // A fresh machine has no ./data yet; SQLite does not create folders.
  if (!isPostgres(config) && config.database !== ':memory:') mkdirSync(dirname(resolve(config.database)), { recursive: true });
  return openStore({ url: config.database });
}

/** Appends JSON lines to a file (gzip members when it ends in .gz, which zcat reads as one). */
function openArchive(path: string): { write(batch: ArchivedArticle[]): Promise<void>; close(): Promise<void> } {
  mkdirSync(dirname(path), { recursive: true });
  const file: WriteStream = createWriteStream(path, { flags: 'a' });
  const gzip: Gzip | null = path.endsWith('.gz') ? createGzip() : null;
  if (gzip) gzip.pipe(file);
  const out = gzip ?? file;
  let failed: Error | null = null;
  file.on('error', (err: Error) => (failed = err));
  gzip?.on('error', (err: Error) => (failed = err));
  return {
    async write(batch) {
      if (failed) throw new Error(`cannot write the archive ${path}: ${(failed as Error).message}`);
      const text = batch.map((a) => JSON.stringify(a)).join('\n') + '\n';
      if (!out.write(text)) await once(out, 'drain');
      if (failed) throw new Error(`cannot write the archive ${path}: ${(failed as Error).message}`);
    },
    async close() {
      out.end();
      if (!file.closed) await once(file, 'close');
    },
  };
}

// ---------------------------------------------------------------- backup

/** `newsdesk backup [FILE]`: a consistent copy of the SQLite database. */
export async function backupCommand(argv: readonly string[], io: CommandIo = defaultIo()): Promise<number> {
  const args = parseArgs(argv, [], ['force', 'json']);
  if (args.positionals.length > 1) throw new UsageError('give one FILE to copy the database to');
  const config = loadConfig({ env: io.env, cwd: io.cwd });
  const target = args.positionals[0];
  const database = isPostgres(config) ? config.database : resolve(io.cwd, config.database);
  let res: BackupResult;
  if (target) res = backupSqlite(database, resolve(io.cwd, target), { overwrite: args.flags.has('force') });
  else if (config.backup.dir) res = backupIntoDir(database, resolve(io.cwd, config.backup.dir), config.backup.keep);
  else throw new UsageError('give a FILE, or set backup.dir in the configuration (NEWSDESK_BACKUP_DIR)');
  (io.log ?? createLogger()).info('backup done', { file: res.file, bytes: res.bytes, ms: Math.round(res.ms), pruned: res.pruned.length });
  if (args.flags.has('json')) io.stdout(JSON.stringify(res) + '\n');
  else {
    io.stdout(`backup: ${res.file} (${(res.bytes / 1048576).toFixed(1)} MB, ${Math.round(res.ms)} ms, integrity ok)\n`);
    for (const p of res.pruned) io.stdout(`removed old backup ${p}\n`);
  }
  return 0;
}
