import type { Request } from 'express';
import type { Deps } from '../deps.ts';
import { DomainError } from '../domainError.ts';
import { erasureKey, playerKeyHash } from '../erasure/playerKey.ts';
import { audit, whoOf, type AuditEvent } from './audit.ts';

/** The trail could not take an entry: the request answers 500, never a success without its entry. */
export class AuditWriteError extends Error {
  constructor(cause: unknown) {
    super('the audit trail could not record this request; ask an administrator to check the server log', { cause });
    this.name = 'AuditWriteError';
  }
}

/** What a change's entry says, computed from its result once it is done. */
export interface ChangeEntry<T> {
  action: string;
  /** Known before (an id from the request), or read from the result (a new launch's id). */
  target?: string | ((result: T) => string);
  /** The object as it was, read just before the change. */
  before?: () => Promise<unknown>;
  /** The object as it is now (may be read back); defaults to nothing. */
  after?: (result: T) => unknown;
  /** Small facts (audience size, counts); never a password, a token or a raw player id. */
  detail?: (result: T) => Record<string, unknown>;
}

export interface Auditor {
  /**
   * Runs a change and then appends its entry. After, not before: the entry
   * then holds what happened (the version saved, the audience size, the
   * launch id) and never an `ok` for a change that a conflict or a busy
   * engine stopped. The trail and the changed tables share no transaction, so
   * no order is atomic; this one never records a change that did not happen,
   * and when the append fails the caller gets a 500 (and the log the whole
   * entry), so nobody is told a change succeeded while the trail lacks it.
   * A change that fails leaves an entry with outcome `failed` and the error's kind.
   */
  change<T>(req: Request, entry: ChangeEntry<T>, run: () => Promise<T>): Promise<T>;
  /** Appends the entry of a sensitive read or export, before its data leaves: no entry, no data. */
  record(req: Request, event: AuditEvent): Promise<void>;
  /** A player as the trail names one: `player:<keyed hash>`, never the raw id. */
  player(id: string): string;
}

export function auditor({ db, cfg, log }: Pick<Deps, 'db' | 'cfg' | 'log'>): Auditor {
  const append = async (req: Request, event: AuditEvent) => {
    try {
      await audit(db, whoOf(req), event);
    } catch (err) {
      // The log is then the only record of the event: it gets all of it.
      log.error('audit entry not written', { ...event, actor: req.actor?.name ?? 'anonymous', error: String((err as Error)?.message ?? err) });
      throw new AuditWriteError(err);
    }
  };
  return {
    async change(req, entry, run) {
      const before = entry.before ? await entry.before() : undefined;
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result = await run();
      } catch (err) {
        const target = typeof entry.target === 'string' ? entry.target : undefined;
        const kind = err instanceof DomainError ? err.kind : 'internal';
        await append(req, { action: entry.action, target, outcome: 'failed', detail: { error: kind }, before });
        throw err;
      }
      const target = typeof entry.target === 'function' ? entry.target(result) : entry.target;
      await append(req, { action: entry.action, target, before, after: await entry.after?.(result), detail: entry.detail?.(result) });
      return result;
    },
    record: append,
    player: (id) => `player:${playerKeyHash(erasureKey(cfg), id)}`,
  };
}
