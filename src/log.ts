// log: structured logs for operators. One JSON object per line on stderr (time, level,
// message, fields) for log collectors; a short readable line instead when stderr is a
// terminal. The level comes from NEWSDESK_LOG_LEVEL (debug, info, warn, error; default info).

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

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LoggerOptions {
  level?: LogLevel;
  /** Human-readable lines (default: when stderr is a terminal). */
  pretty?: boolean;
  write?: (line: string) => void;
}

/** Creates a logger. */
export function createLogger(opts: LoggerOptions = {}, base: LogFields = {}): Logger {
  const envLevel = process.env.NEWSDESK_LOG_LEVEL as LogLevel | undefined;
  const level = opts.level ?? (envLevel && envLevel in RANK ? envLevel : 'info');
  const pretty = opts.pretty ?? Boolean(process.stderr.isTTY);
  const write = opts.write ?? ((line: string) => void process.stderr.write(line + '\n'));
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (RANK[lvl] < RANK[level]) return;
    const all = { ...base, ...fields };
    if (pretty) {
      const extra = Object.entries(all)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      write(`${new Date().toISOString().slice(11, 19)} ${lvl.toUpperCase().padEnd(5)} ${message}${extra ? '  ' + extra : ''}`);
    } else {
      write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...all }));
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ level, pretty, write }, { ...base, ...fields }),
  };
}
