// cli: the `newsdesk` command. A small dispatcher, no framework: it parses the command
// name, hands the rest to the command, and turns errors into messages and exit codes
// (0 done, 1 failed, 2 called wrongly).
import { extractCommand, EXTRACT_USAGE } from './cli/extract.ts';
import { UsageError } from './cli/args.ts';
import { VERSION } from './fetch/index.ts';

const USAGE = `newsdesk ${VERSION} — self-hosted news aggregation: follow sources, extract clean articles, publish with credit.

commands:
  newsdesk extract FILE|URL [--url URL]             one page → article JSON on stdout
  newsdesk extract --dir DIR --out OUT.json [--urls MAP.json]
                                                    every <id>.html[.gz] in DIR → {id: article}
  newsdesk help [COMMAND]                           this text, or a command's details
  newsdesk --version                                the version

environment:
  NEWSDESK_ALLOW_PRIVATE  hosts or CIDRs (comma-separated, or *) that may be fetched even
                          though they are private/loopback addresses (e.g. a test server)

More commands (sources, crawl, the site) come in later versions.`;

const COMMAND_HELP: Record<string, string> = { extract: EXTRACT_USAGE };

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
      default:
        throw new UsageError(`unknown command "${command}"`);
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
