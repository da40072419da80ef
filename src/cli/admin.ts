// admin: `newsdesk admin …` — the admin account's password and API tokens, set from the
// server's shell (the only place that needs no password to act).
import { createInterface } from 'node:readline';
import { AdminStore } from '../store/admin.ts';
import { Moderation } from '../store/moderation.ts';
import { AdminActions } from '../web/admin/actions.ts';
import type { Operator } from '../web/admin/auth.ts';
import { hashPassword, passwordProblem } from '../web/admin/secrets.ts';
import { flag, parseArgs, UsageError } from './args.ts';
import { withContext } from './context.ts';

export const ADMIN_USAGE = `usage:
  newsdesk admin set-password [--user NAME]
      set (or first create) an admin account's password (default user "admin"). Asked twice
      on a terminal; otherwise read from the first line of stdin or NEWSDESK_ADMIN_PASSWORD.
      Signs the account out everywhere.
  newsdesk admin token create --name NAME   a token for the write API, printed once
  newsdesk admin token list                 every token (never the token itself)
  newsdesk admin token revoke ID            stop a token from working`;

export async function adminCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'set-password') return setPassword(rest);
  if (sub === 'token') return token(rest);
  throw new UsageError(sub ? `unknown admin command "${sub}"` : 'give an admin command');
}

async function setPassword(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['user']);
  const user = (flag(args, 'user') ?? 'admin').trim();
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(user)) throw new UsageError('--user is 1 to 64 letters, digits or . _ @ -');
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  const hash = await hashPassword(password);
  return withContext(async ({ store, log }) => {
    const admin = new AdminStore(store.db);
    const { created } = await admin.setPasswordHash(user, hash);
    await admin.audit({ actor: `cli:${process.env.USER ?? 'shell'}`, action: created ? 'account.create' : 'account.password', targetType: 'account', targetId: user });
    log.info(created ? 'admin account created' : 'admin password changed', { username: user });
    process.stderr.write(`${created ? 'created' : 'changed'} the password of admin "${user}"; sign in at /admin/login\n`);
    return 0;
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.NEWSDESK_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new Error('no password on stdin: pipe one in, set NEWSDESK_ADMIN_PASSWORD, or run this on a terminal');
  }
  const first = await ask('New password: ');
  const again = await ask('Again: ');
  if (first !== again) throw new Error('the two passwords differ; nothing was changed');
  return first;
}

/** Reads a line from the terminal without echoing it. */
function ask(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(text);
          return;
        }
        if (ch === '\u0003') process.exit(130); // Ctrl-C
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function token(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  return withContext(async ({ store, log }) => {
    const admin = new AdminStore(store.db);
    // The same actions as the admin pages: the same checks, audit entry and log line.
    const actions = new AdminActions(store, admin, new Moderation(store.db), log);
    const op: Operator = { actor: `cli:${process.env.USER ?? 'shell'}`, via: 'cli', csrf: null };
    switch (sub) {
      case 'create': {
        const args = parseArgs(rest, ['name']);
        const name = flag(args, 'name')?.replace(/\s+/g, ' ').trim();
        if (!name) throw new UsageError('give the token a --name (what will use it)');
        const t = await actions.createToken(op, name);
        process.stderr.write(`token #${t.id} "${name}" — copy it now, it is not shown again:\n`);
        process.stdout.write(t.token + '\n');
        return 0;
      }
      case 'list': {
        parseArgs(rest, []);
        const tokens = await admin.listTokens();
        if (tokens.length === 0) process.stdout.write('no tokens; make one with: newsdesk admin token create --name NAME\n');
        for (const t of tokens) {
          process.stdout.write(`#${t.id}  ${t.name}  …${t.hint}  created ${t.createdAt} by ${t.createdBy}  last used ${t.lastUsedAt ?? 'never'}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}\n`);
        }
        return 0;
      }
      case 'revoke': {
        const args = parseArgs(rest, []);
        const id = Number(args.positionals[0]);
        if (args.positionals.length !== 1 || !Number.isInteger(id)) throw new UsageError('give the token number (see newsdesk admin token list)');
        await actions.revokeToken(op, id);
        process.stdout.write(`token #${id} revoked\n`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown token command "${sub}"` : 'give a token command: create, list or revoke');
    }
  });
}
