/**
 * The server's log: a level, the time, a message and optional fields. One JSON
 * object per line when stdout is a file or a pipe (for a log collector), a
 * readable line on a terminal. The logger does not look for secrets in what it
 * is given: callers pass URLs that may hold credentials through redactUrl.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;
export type LogMethod = (message: string, fields?: LogFields) => void;

/**
 * Calling the logger itself logs at info, so code written against a bare
 * `(message) => void` callback keeps working.
 */
export interface Logger extends LogMethod {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

export interface LoggerOptions {
  /** Lines below this level are dropped; LOG_LEVEL in the configuration. */
  level?: LogLevel;
  /** JSON lines; by default when stdout is not a terminal. */
  json?: boolean;
  /** Where a finished line goes; stdout by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const { level = 'info', json = !process.stdout.isTTY, write = (line: string) => void process.stdout.write(`${line}\n`), now = () => new Date() } = opts;
  const lowest = LOG_LEVELS.indexOf(level);
  const format = json ? jsonLine : textLine;
  const method =
    (at: LogLevel): LogMethod =>
    (message, fields = {}) => {
      if (LOG_LEVELS.indexOf(at) >= lowest) write(format(now(), at, message, fields));
    };
  return Object.assign(method('info'), { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') });
}

const ignore: LogMethod = () => {};
/** Drops everything: for tests and tools that have no use for the log. */
export const silentLogger: Logger = Object.assign(() => {}, { debug: ignore, info: ignore, warn: ignore, error: ignore });

/** Errors keep their message and stack (JSON.stringify would write `{}`); bigints become strings. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return typeof value === 'bigint' ? value.toString() : value;
}

function jsonLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const head = { time: time.toISOString(), level, msg };
  // The head keys come first and a field cannot overwrite them.
  return JSON.stringify({ ...head, ...fields, ...head }, plain);
}

function textLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const rest = Object.entries(fields).map(([k, v]) => ` ${k}=${typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v, plain)}`);
  return `[${time.toISOString()}] ${level.toUpperCase().padEnd(5)} ${msg}${rest.join('')}`;
}

/** Hides the user and password of every URL in `text`: smtp://user:pass@host becomes smtp://***@host. */
export function redactUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1***@');
}
