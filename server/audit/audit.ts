import type { Request } from 'express';
import type { Db } from '../db/client.ts';
import { appendAuditRecord, lastAuditEntry } from '../queries/audit/appendAudit.ts';
import { entryHash } from './chain.ts';
import { writeHead } from './head.ts';

/** Who did it and from where; from a request (whoOf) or a command-line tool (cliWho). */
export interface AuditWho {
  actor: string;
  role: string;
  /** session | token | local | cli | anonymous */
  via: string;
  ip: string;
}

export interface AuditEvent {
  /** Dotted verb, e.g. `offer.save`, `session.sign_in`, `player.erase`, `request.refused`. */
  action: string;
  /** What it acted on, e.g. an offer id or a user name. */
  target?: string;
  outcome?: 'ok' | 'refused' | 'failed';
  /** Small facts about the event (audience size, reason); never a password, token or erased player's data. */
  detail?: Record<string, unknown>;
  before?: unknown;
  after?: unknown;
}

export const whoOf = (req: Request): AuditWho => ({
  actor: req.actor?.name ?? 'anonymous',
  role: req.actor?.role ?? '',
  via: req.actor?.kind ?? 'anonymous',
  ip: req.ip ?? '',
});

/** A command-line tool run on the server's machine without the server. */
export const cliWho = (): AuditWho => ({ actor: `cli:${process.env.USER ?? 'unknown'}`, role: 'admin', via: 'cli', ip: 'local' });

const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

// Entries of one process are appended one at a time, so each links to the one before it.
const queues = new WeakMap<Db, Promise<unknown>>();

/** Appends one entry to the audit trail, hash-chained to the one before it. */
export function audit(db: Db, who: AuditWho, event: AuditEvent): Promise<void> {
  const append = async () => {
    const last = await lastAuditEntry(db);
    const entry = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      ...who,
      action: event.action,
      target: event.target ?? '',
      outcome: event.outcome ?? 'ok',
      detail: json(event.detail),
      before: json(event.before),
      after: json(event.after),
      prev_hash: last?.hash ?? '',
    };
    const hash = entryHash(entry);
    await appendAuditRecord(db, { ...entry, hash });
    // After the row is stored: an anchor never names an entry that is not there.
    writeHead(db.dataDir, { seq: entry.seq, hash });
  };
  const next = (queues.get(db) ?? Promise.resolve()).then(append, append);
  queues.set(db, next);
  return next;
}
