// log: structured logs for operators, on pino. One JSON object per line on stderr (time,
// level, msg, pid, then the fields) for log collectors; a short readable line instead when
// stderr is a terminal. The level comes from NEWSDESK_LOG_LEVEL (debug, info, warn, error,
// silent; default info) and the format from NEWSDESK_LOG_FORMAT (json, pretty; default: pretty
// on a terminal, else json). The rest of Newsdesk sees only the small `Logger` interface
// below, so the library behind it stays replaceable.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

/** The levels an operator may choose, quietest last. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export interface LoggerOptions {
  level?: LogLevel;
  /** Human-readable lines (default: NEWSDESK_LOG_FORMAT, else when stderr is a terminal). */
  pretty?: boolean;
  /** Receives each line without its newline (default: written to stderr). */
  write?: (line: string) => void;
}

/** Keys pino writes itself; a field with one of these names is renamed so it cannot shadow them. */
const RESERVED_KEYS = new Set(['level', 'time', 'msg', 'pid']);
/** ANSI colours for the level word on a terminal (NO_COLOR turns them off). */
const LEVEL_COLOUR: Record<string, string> = { debug: '\x1b[90m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' };
const RESET = '\x1b[0m';

function isLevel(v: string | undefined): v is LogLevel {
  return v !== undefined && (LOG_LEVELS as readonly string[]).includes(v);
}

/** The level and format the environment asks for (unknown values are ignored here; `config check` reports them). */
function fromEnv(env: NodeJS.ProcessEnv): { level: LogLevel | undefined; pretty: boolean | undefined } {
  const level = env.NEWSDESK_LOG_LEVEL?.trim().toLowerCase();
  const format = env.NEWSDESK_LOG_FORMAT?.trim().toLowerCase();
  return { level: isLevel(level) ? level : undefined, pretty: format === 'pretty' ? true : format === 'json' ? false : undefined };
}

/** Creates a logger; `base` fields go on every line. */
export function createLogger(opts: LoggerOptions = {}, base: LogFields = {}): Logger {
  const env = fromEnv(process.env);
  const level = opts.level ?? env.level ?? 'info';
  const pretty = opts.pretty ?? env.pretty ?? Boolean(process.stderr.isTTY);
  const colour = pretty && !opts.write && Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
  const sink = opts.write ?? ((line: string) => void process.stderr.write(line + '\n'));
  // pino hands the destination finished JSON lines; the pretty form is made from them, so
  // both formats carry exactly the same fields.
  const destination: DestinationStream = {
    write: pretty ? (s: string) => sink(prettyLine(s, colour)) : (s: string) => sink(s.endsWith('\n') ? s.slice(0, -1) : s),
  };
  const root = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than pino's numbers: readable in a terminal and in log search.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(Object.keys(base).length ? root.child(safeFields(base)) : root);
}

function wrap(p: PinoLogger): Logger {
  const at =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      if (!p.isLevelEnabled(lvl)) return;
      if (fields) p[lvl](safeFields(fields), message);
      else p[lvl](message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(p.child(safeFields(fields))),
  };
}

/** Errors become {type, message, stack} (JSON.stringify gives `{}` for them); reserved keys get a `field_` prefix. */
function safeFields(fields: LogFields): LogFields {
  let out: LogFields | null = null;
  for (const [k, v] of Object.entries(fields)) {
    const reserved = RESERVED_KEYS.has(k);
    // pino's own serializer already handles an Error under `err`.
    if (!reserved && (!(v instanceof Error) || k === 'err')) continue;
    out ??= { ...fields };
    const value = v instanceof Error ? { type: v.name, message: v.message, stack: v.stack } : v;
    if (reserved) {
      delete out[k];
      out[`field_${k}`] = value;
    } else out[k] = value;
  }
  return out ?? fields;
}

/** "12:04:05 WARN  poll failed  sourceId=3 error=…" from one JSON line. */
function prettyLine(json: string, colour: boolean): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const { time, level, msg, pid: _pid, ...fields } = rec;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const lvl = String(level ?? '');
  const word = lvl.toUpperCase().padEnd(5);
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const shown = colour && LEVEL_COLOUR[lvl] ? `${LEVEL_COLOUR[lvl]}${word}${RESET}` : word;
  return `${clock} ${shown} ${String(msg ?? '')}${extra ? '  ' + extra : ''}`;
}
