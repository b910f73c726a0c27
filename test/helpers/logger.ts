import type { Logger, LogMethod } from '../../server/log.ts';

/** A logger that keeps each message, at any level and without its fields, for tests that check what a job said. */
export function capturingLogger(messages: string[]): Logger {
  const keep: LogMethod = (message) => void messages.push(message);
  return Object.assign(keep, { debug: keep, info: keep, warn: keep, error: keep });
}
