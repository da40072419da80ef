// cli: the `newsdesk` command. A small dispatcher, no framework: it parses the command
// name, hands the rest to the command, and turns errors into messages and exit codes
// (0 done, 1 failed, 2 called wrongly).
import { extractCommand, EXTRACT_USAGE } from './cli/extract.ts';
import { UsageError } from './cli/args.ts';
import { sourcesCommand, SOURCES_USAGE } from './cli/sources.ts';
import { ingestCommand, INGEST_USAGE, searchCommand, serveCommand, statsCommand, storiesCommand, workerCommand } from './cli/ingest.ts';
import { discoverCommand, feedCommand, FEEDS_USAGE } from './cli/feeds.ts';
import { demoCommand, DEMO_USAGE } from './cli/demo.ts';
import { backupCommand, BACKUP_USAGE, configCommand, CONFIG_USAGE, retentionCommand, RETENTION_USAGE } from './cli/ops.ts';
import { adminCommand, ADMIN_USAGE } from './cli/admin.ts';
import { VERSION } from './fetch/index.ts';

const USAGE = `newsdesk ${VERSION} — self-hosted news aggregation: follow sources, extract clean articles, publish with credit.

commands:
  newsdesk extract FILE|URL [--url URL]             one page → article JSON on stdout
  newsdesk extract --dir DIR --out OUT.json [--urls MAP.json]
                                                    every <id>.html[.gz] in DIR → {id: article}
  newsdesk discover URL                             the feeds a page offers
  newsdesk feed URL|FILE                            a feed parsed into entries (JSON)
  newsdesk sources add URL [--name --section --mode excerpt|full --pattern REGEX]
  newsdesk sources import FILE.opml | export | list | pause ID | resume ID | remove ID
  newsdesk ingest --once [--all]                    poll due sources, store their articles, then exit
  newsdesk worker                                   poll and ingest for ever (many on PostgreSQL)
  newsdesk stats [--json]                           counts of sources, entries, articles …
  newsdesk search QUERY                             full-text search of stored articles
  newsdesk stories rebuild                          regroup every stored article into stories
  newsdesk serve                                    the public site, feeds and JSON API on PORT
  newsdesk demo                                     a demo newsroom, ingested and served (npm start)
  newsdesk admin set-password [--user NAME]        the password for /admin (asked on the terminal)
  newsdesk admin token create|list|revoke           tokens for the write API
  newsdesk config check [--json]                    the effective configuration and where each value came from
  newsdesk retention --days N [--dry-run] [--archive FILE]
                                                    remove old articles (keeps protected ones and stories' first reports)
  newsdesk backup [FILE]                            a consistent copy of the SQLite database while Newsdesk runs
  newsdesk help [COMMAND]                           this text, or a command's details
  newsdesk --version                                the version

environment:
  NEWSDESK_DB             SQLite database file (default ./data/newsdesk.db)
  DATABASE_URL            postgres://… to use PostgreSQL instead
  NEWSDESK_CONFIG         configuration file (default ./newsdesk.config.json when present)
  NEWSDESK_LOG_LEVEL      debug, info (default), warn or error
  NEWSDESK_LOG_FORMAT     json or pretty (default: pretty on a terminal)
  NEWSDESK_ALLOW_PRIVATE  hosts or CIDRs (comma-separated, or *) that may be fetched even
                          though they are private/loopback addresses (e.g. a test server)`;

const COMMAND_HELP: Record<string, string> = {
  extract: EXTRACT_USAGE,
  sources: SOURCES_USAGE,
  ingest: INGEST_USAGE,
  worker: INGEST_USAGE,
  stats: INGEST_USAGE,
  search: INGEST_USAGE,
  serve: INGEST_USAGE,
  stories: INGEST_USAGE,
  demo: DEMO_USAGE,
  config: CONFIG_USAGE,
  admin: ADMIN_USAGE,
  retention: RETENTION_USAGE,
  backup: BACKUP_USAGE,
  discover: FEEDS_USAGE,
  feed: FEEDS_USAGE,
};

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  sources: sourcesCommand,
  ingest: ingestCommand,
  worker: workerCommand,
  stats: statsCommand,
  search: searchCommand,
  serve: serveCommand,
  stories: storiesCommand,
  demo: demoCommand,
  config: configCommand,
  admin: adminCommand,
  retention: retentionCommand,
  backup: backupCommand,
  discover: discoverCommand,
  feed: feedCommand,
};

/** Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h': {
        const topic = command === 'help' ? rest[0] : undefined;
        if (topic && !COMMAND_HELP[topic]) throw new UsageError(`no help for unknown command "${topic}"`);
        process.stdout.write((topic ? COMMAND_HELP[topic]! : USAGE) + '\n');
        return 0;
      }
      case '--version':
      case '-v':
      case 'version':
        process.stdout.write(VERSION + '\n');
        return 0;
      case 'extract':
        if (rest.includes('--help') || rest.includes('-h')) {
          process.stdout.write(EXTRACT_USAGE + '\n');
          return 0;
        }
        return await extractCommand(rest);
      default: {
        const run = command ? COMMANDS[command] : undefined;
        if (!run) throw new UsageError(`unknown command "${command}"`);
        if (rest.includes('--help') || rest.includes('-h')) {
          process.stdout.write(COMMAND_HELP[command!] + '\n');
          return 0;
        }
        return await run(rest);
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      const usage = command && COMMAND_HELP[command] ? COMMAND_HELP[command] : USAGE;
      process.stderr.write(`newsdesk${command && COMMAND_HELP[command] ? ' ' + command : ''}: ${err.message}\n\n${usage}\n`);
      return 2;
    }
    process.stderr.write(`newsdesk${command ? ' ' + command : ''}: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.NEWSDESK_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    return 1;
  }
}
