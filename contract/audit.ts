// The audit trail as the API answers it: GET /api/audit, /api/audit.csv and /api/audit/verify (admin only).
import type { Day } from './common.ts';

/** The filters of GET /api/audit and /api/audit.csv; every one optional. */
export interface AuditQuery {
  /** Exact actor name (a user, a token name, `anonymous`, `cli:<user>`). */
  user?: string;
  /** Exact action, e.g. `offer.save`, or a prefix ending in a dot, e.g. `offer.`. */
  action?: string;
  /** First and last UTC day, inclusive. */
  from?: Day;
  to?: Day;
  limit?: string;
  offset?: string;
}

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** One entry as the Audit page shows it; detail, before and after are JSON text ('' when absent). */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  /** session | token | local | cli | anonymous */
  via: string;
  ip: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  detail: string;
  before: string;
  after: string;
}

/** GET /api/audit: the matching entries, newest first. */
export interface AuditPage {
  total: number;
  entries: AuditEntry[];
  /** Every action the trail holds, for the filter. */
  actions: string[];
}

/** Why verification stopped at an entry. */
export type AuditBreak =
  /** The entry's fields do not give its stored hash: it was edited. */
  | 'edited'
  /** One or more entries before this sequence number are gone. */
  | 'missing'
  /** The entry's link to the one before does not match: an entry was deleted, inserted or reordered. */
  | 'relinked'
  /** A sequence number appears twice or goes backwards: an entry was inserted or reordered. */
  | 'out_of_order'
  /** The head anchor names an entry the table no longer ends with: the latest entries were deleted. */
  | 'head_missing'
  /** Entries exist but the head anchor file is gone, or the anchor's hash differs from the entry it names. */
  | 'head_mismatch';

/** GET /api/audit/verify */
export interface AuditVerify {
  intact: boolean;
  /** Entries read (up to the break when broken). */
  entries: number;
  brokenAt?: { seq: number; reason: AuditBreak; message: string };
}
