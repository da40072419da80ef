// migrations: the schema, written in code (a provider object rather than files on disk, so
// it works the same under tsx, a bundle or plain node). Shared migrations use the
// dialect's column types; full-text search, which differs completely, comes from the
// dialect folder under the same name on both databases. Kysely's Migrator records what
// ran in `kysely_migration`, so running them again is a no-op; on PostgreSQL it also takes
// an advisory lock, so many workers can start at once and only one migrates.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { ColumnTypes, StoreDialect } from './dialect.ts';

/** The shared migrations; `0002_search` is the dialect's. */
function sharedMigrations(t: ColumnTypes): Record<string, Migration> {
  return {
    '0001_core': {
      // Kysely<any> on purpose: a migration describes the schema as it was then, not
      // today's typed tables.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('sources')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('url_key', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull().defaultTo('feed'))
          .addColumn('name', 'text')
          .addColumn('section', 'text')
          .addColumn('display_mode', 'text', (c) => c.notNull().defaultTo('excerpt'))
          .addColumn('url_pattern', 'text')
          .addColumn('use_feed_content', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
          .addColumn('state', 'text', (c) => c.notNull().defaultTo('active'))
          .addColumn('next_poll_at', t.timestamp, (c) => c.notNull())
          .addColumn('interval_seconds', 'integer')
          .addColumn('schedule_reason', 'text')
          .addColumn('last_polled_at', t.timestamp)
          .addColumn('last_success_at', t.timestamp)
          .addColumn('last_status', 'integer')
          .addColumn('consecutive_errors', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_error', 'text')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sources_due').on('sources').columns(['state', 'next_poll_at']).execute();

        await db.schema
          .createTable('images')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('url', 'text', (c) => c.notNull().unique())
          .addColumn('caption', 'text')
          .addColumn('credit', 'text')
          .addColumn('alt', 'text')
          .addColumn('width', 'integer')
          .addColumn('height', 'integer')
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('articles')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('canonical_url', 'text', (c) => c.notNull().unique())
          .addColumn('original_url', 'text')
          .addColumn('title', 'text')
          .addColumn('authors', t.json, (c) => c.notNull())
          .addColumn('byline', 'text')
          .addColumn('published_at', t.timestamp)
          .addColumn('modified_at', t.timestamp)
          .addColumn('sort_at', t.timestamp, (c) => c.notNull())
          .addColumn('lang', 'text')
          .addColumn('site_name', 'text')
          .addColumn('description', 'text')
          .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
          .addColumn('body_text', 'text')
          .addColumn('html', 'text')
          .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('record_hash', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
          .addColumn('section', 'text')
          // No foreign key yet: the stories issue creates its table and may add one.
          .addColumn('story_id', 'integer')
          .addColumn('hidden', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('articles_sort').on('articles').columns(['sort_at', 'id']).execute();
        await db.schema.createIndex('articles_source_sort').on('articles').columns(['source_id', 'sort_at']).execute();
        await db.schema.createIndex('articles_section_sort').on('articles').columns(['section', 'sort_at']).execute();
        await db.schema.createIndex('articles_story').on('articles').column('story_id').execute();
        await db.schema.createIndex('articles_url').on('articles').column('url').execute();
        await db.schema.createIndex('articles_image').on('articles').column('image_id').execute();

        await db.schema
          .createTable('article_revisions')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('body_text', 'text')
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('changed_at', t.timestamp, (c) => c.notNull())
          .addUniqueConstraint('article_revisions_article_revision', ['article_id', 'revision'])
          .execute();

        await db.schema
          .createTable('entries')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
          .addColumn('entry_key', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('title', 'text')
          .addColumn('published_at', t.timestamp)
          .addColumn('updated_at', t.timestamp)
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('data', t.json, (c) => c.notNull())
          .addColumn('first_seen_at', t.timestamp, (c) => c.notNull())
          .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
          .addColumn('changed_at', t.timestamp, (c) => c.notNull())
          .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
          .addUniqueConstraint('entries_source_key', ['source_id', 'entry_key'])
          .execute();
        await db.schema.createIndex('entries_source_seen').on('entries').columns(['source_id', 'first_seen_at']).execute();
        await db.schema.createIndex('entries_article').on('entries').column('article_id').execute();
        await db.schema.createIndex('entries_url').on('entries').column('url').execute();

        await db.schema
          .createTable('fetch_log')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('cascade'))
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'integer')
          .addColumn('bytes', 'integer')
          .addColumn('duration_ms', 'integer')
          .addColumn('error', 'text')
          .addColumn('at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('fetch_log_source_at').on('fetch_log').columns(['source_id', 'at']).execute();
        await db.schema.createIndex('fetch_log_at').on('fetch_log').column('at').execute();

        await db.schema
          .createTable('jobs')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.unique())
          .addColumn('payload', t.json, (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
          .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('run_at', t.timestamp, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
          .addColumn('locked_by', 'text')
          .addColumn('locked_at', t.timestamp)
          .addColumn('last_error', 'text')
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        // The worker's question: "what is queued and due, most urgent first".
        await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'priority', 'run_at']).execute();
        await db.schema.createIndex('jobs_locked').on('jobs').columns(['locked_at']).execute();

        await db.schema
          .createTable('robots')
          .addColumn('host', 'text', (c) => c.primaryKey())
          .addColumn('status', 'integer')
          .addColumn('body', 'text')
          .addColumn('fetched_at', t.timestamp, (c) => c.notNull())
          .addColumn('expires_at', t.timestamp, (c) => c.notNull())
          .execute();
      },
    },
    '0004_admin': {
      // Operating Newsdesk: admin accounts, sessions, API tokens, the audit log, moderation
      // (story pins, hides, titles, merges; operators' article corrections), and per-source
      // polling bounds and extraction rules.
      async up(db: Kysely<any>): Promise<void> {
        for (const col of ['min_interval_seconds', 'max_interval_seconds']) {
          await db.schema.alterTable('sources').addColumn(col, 'integer').execute();
        }
        await db.schema.alterTable('sources').addColumn('extraction_rule', 'text').execute();

        await db.schema
          .createTable('admin_users')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('admin_sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('expires_at', t.timestamp, (c) => c.notNull())
          .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
          .addColumn('ip', 'text')
          .addColumn('user_agent', 'text')
          .execute();
        await db.schema.createIndex('admin_sessions_expires').on('admin_sessions').column('expires_at').execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('hint', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .addColumn('last_used_at', t.timestamp)
          .addColumn('revoked_at', t.timestamp)
          .execute();
        await db.schema
          .createTable('login_failures')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('ip', 'text')
          .addColumn('at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'integer', (c) => t.id(c))
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_type', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text')
          .addColumn('detail', t.json, (c) => c.notNull())
          .addColumn('at', t.timestamp, (c) => c.notNull())
          .addColumn('undone_at', t.timestamp)
          .addColumn('undone_by', 'text')
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
        await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_type', 'target_id']).execute();
        await db.schema
          .createTable('story_moderation')
          .addColumn('story_id', 'integer', (c) => c.primaryKey())
          .addColumn('pinned_at', t.timestamp)
          .addColumn('hidden', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
          .addColumn('title', 'text')
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('story_redirects')
          .addColumn('from_id', 'integer', (c) => c.primaryKey())
          .addColumn('to_id', 'integer', (c) => c.notNull())
          .addColumn('created_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('article_overrides')
          .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
          .addColumn('title', 'text')
          .addColumn('section', 'text')
          .addColumn('story_id', 'integer')
          .addColumn('hidden', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(false)))
          .addColumn('updated_at', t.timestamp, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('article_overrides_story').on('article_overrides').column('story_id').execute();
      },
    },
    '0005_redirects_health': {
      // The story engine's own merges are stored as redirects too (so `serve` without the
      // engine in its process redirects them), told apart from an operator's.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .alterTable('story_redirects')
          .addColumn('by_operator', t.flag, (c) => c.notNull().defaultTo(t.flagDefault(true)))
          .execute();
        // Source health reads a source's articles by the day they were stored and what their
        // extraction found: answered from this index alone (the admin's source list on 100k
        // articles: ~800 ms without it, ~100 ms with it).
        await db.schema
          .createIndex('articles_source_created')
          .on('articles')
          .columns(['source_id', 'created_at', 'word_count', 'image_id', 'published_at'])
          .execute();
      },
    },
    '0007_article_sections': {
      // Sections were chosen from the source's setting or, failing it, by keyword alone:
      // the feed's categories never reached the choice. Articles now keep their categories
      // (the dialect's 0008 copies them from the stored entries) and where their section
      // came from, so a regrouping can choose again what was guessed and keep what was given.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema.alterTable('articles').addColumn('categories', t.json).execute();
        await db.schema.alterTable('articles').addColumn('section_reason', 'text').execute();
        await sql`update articles set section_reason = 'editor'
          where id in (select article_id from article_overrides where section is not null)`.execute(db);
        await sql`update articles set section_reason = 'source'
          where section_reason is null and section is not null
            and section = (select s.section from sources s where s.id = articles.source_id)`.execute(db);
        // What is left was the keyword lexicon's guess (the classifier never had labels).
        await sql`update articles set section_reason = 'lexicon' where section_reason is null and section is not null`.execute(db);
      },
    },
  };
}

/** Reads of the catalog that a concurrent schema change broke are tried this many times more. */
const CATALOG_RACE_RETRIES = 3;

/** PostgreSQL's "undefined column" / "undefined table" before any migration ran: a catalog
 * read that raced another process's DDL, not a failed migration. */
function isCatalogRace(error: unknown, results: readonly { status: string }[] | undefined): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === '42703' || code === '42P01') && !(results ?? []).some((r) => r.status === 'Error');
}

/** All migrations for a dialect, as a Kysely provider. */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const all = { ...sharedMigrations(dialect.types), ...dialect.migrations };
  return { getMigrations: async () => all };
}

/** Brings the database up to date. Safe to call any number of times, from many processes. */
export async function migrateToLatest(dialect: StoreDialect): Promise<string[]> {
  const migrator = new Migrator({ db: dialect.db, provider: migrationProvider(dialect) });
  let { error, results } = await migrator.migrateToLatest();
  // Before taking its lock, Kysely's migrator reads PostgreSQL's catalog of every table in
  // every schema; another worker migrating graphile-worker's schema at that moment can drop
  // a column under the read ("column … of relation job_queues does not exist"). The
  // migrator is idempotent: read again.
  for (let attempt = 1; error && attempt <= CATALOG_RACE_RETRIES && isCatalogRace(error, results); attempt++) {
    await new Promise((r) => setTimeout(r, 100 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = dialect.explainError(error);
    throw new Error(
      `database migration ${failed ?? ''} failed on ${dialect.location}: ${cause instanceof Error ? cause.message : String(cause)}`.replace(
        '  ',
        ' ',
      ),
      { cause },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
