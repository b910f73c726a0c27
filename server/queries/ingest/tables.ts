import type { EventKind } from '../../ingest/fileKind.ts';

/**
 * Allow-listed identifiers for the per-kind ingest tables. Event kinds are a
 * closed set, so each statement below picks its table from here, never from input.
 */
export const RAW_COLUMNS: Record<EventKind, readonly string[]> = {
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'duration_s', 'day', 'level', 'platform', 'channel'],
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'day', 'amount', 'amount_orig', 'currency', 'sku', 'channel'],
};

export const TABLES: Record<EventKind, { raw: string; stage: string; fresh: string }> = {
  sessions: { raw: 'sessions', stage: 'stage_sessions', fresh: 'fresh_sessions' },
  payments: { raw: 'payments', stage: 'stage_payments', fresh: 'fresh_payments' },
};
