// ops/backup: a consistent copy of the SQLite database while Newsdesk keeps running.
// `VACUUM INTO` copies one read transaction's snapshot: in WAL mode writers go on meanwhile
// and the copy holds every commit made before it started and none after. (better-sqlite3's
// backup() restarts whenever another process writes, so under a busy worker it might never
// finish.) The copy is written beside the target under a temporary name, checked with
// `PRAGMA integrity_check`, then renamed into place: a failed or interrupted backup never
// leaves a half file under the real name. PostgreSQL is refused: pg_dump does this there.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describePostgresUrl } from '../store/postgres/index.ts';
import { resolveDatabase } from '../store/index.ts';

/** How long the backup's connection waits for a lock (a checkpoint, a migration) before giving up. */
const BUSY_TIMEOUT_MS = 30_000;
/** Names of backups made into a folder: newsdesk-20240501-120000.db. Only these are pruned. */
const BACKUP_NAME = /^newsdesk-\d{8}-\d{6}\.db$/;

export interface BackupResult {
  /** The finished copy. */
  file: string;
  bytes: number;
  ms: number;
  /** Files removed by `keep` (pruning old backups in a folder). */
  pruned: string[];
}

/** A backup that cannot be made; the message says what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Copies the SQLite database `database` (a path, or anything `openStore` accepts) to
 * `target`. Refuses an existing target unless `overwrite`. Throws BackupError for
 * PostgreSQL, a missing database, or a copy that fails its integrity check.
 */
export function backupSqlite(database: string, target: string, opts: { overwrite?: boolean } = {}): BackupResult {
  const t0 = performance.now();
  const db = resolveDatabase({ url: database });
  if (db.kind === 'postgres') {
    throw new BackupError(
      `newsdesk backup copies the SQLite database only; this one is PostgreSQL (${describePostgresUrl(db.url)}). ` +
        `Use pg_dump instead, e.g. pg_dump --format=custom --file=newsdesk.dump "$DATABASE_URL", and pg_restore to bring it back.`,
    );
  }
  if (db.url === ':memory:' || db.url === '') throw new BackupError('an in-memory database has nothing on disk to back up');
  const source = resolve(db.url);
  if (!existsSync(source)) throw new BackupError(`no SQLite database at ${source}: check NEWSDESK_DB (or the database setting)`);
  const file = resolve(target);
  if (file === source) throw new BackupError('the backup file cannot be the database itself: choose another path');
  if (existsSync(file) && !opts.overwrite) throw new BackupError(`${file} already exists: choose a new name, or remove it first`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = join(dirname(file), `.${basename(file)}.partial-${process.pid}`);
  rmSync(partial, { force: true });

  let conn: Database | null = null;
  try {
    conn = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    conn.prepare('VACUUM INTO ?').run(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy of ${source} failed: ${(err as Error).message}. Is there enough free space in ${dirname(file)}?`);
  } finally {
    conn?.close();
  }
  const problem = integrityProblem(partial);
  if (problem) {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy failed its integrity check (${problem}); the source may be damaged: run PRAGMA integrity_check on ${source}`);
  }
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, ms: performance.now() - t0, pruned: [] };
}

/** null when `PRAGMA integrity_check` says ok, else its first complaints. */
export function integrityProblem(file: string): string | null {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = conn.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    const text = rows.map((r) => r.integrity_check);
    return text.length === 1 && text[0] === 'ok' ? null : text.slice(0, 5).join('; ');
  } finally {
    conn.close();
  }
}

/** The file name for a backup made into a folder at `now`: newsdesk-YYYYMMDD-HHMMSS.db (UTC). */
export function backupFileName(now: Date = new Date()): string {
  const s = now.toISOString();
  return `newsdesk-${s.slice(0, 10).replace(/-/g, '')}-${s.slice(11, 19).replace(/:/g, '')}.db`;
}

/**
 * Backs up into folder `dir` under a dated name, then removes the oldest of Newsdesk's
 * dated backups there beyond `keep` (other files are never touched).
 */
export function backupIntoDir(database: string, dir: string, keep: number, now: Date = new Date()): BackupResult {
  const res = backupSqlite(database, join(dir, backupFileName(now)));
  const ours = readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort(); // the dated names sort oldest first
  const pruned: string[] = [];
  for (const name of ours.slice(0, Math.max(0, ours.length - keep))) {
    const path = join(dir, name);
    if (path === res.file) continue;
    rmSync(path, { force: true });
    pruned.push(path);
  }
  return { ...res, pruned };
}
