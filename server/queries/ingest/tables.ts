import type { EventKind } from '../../ingest/fileKind.ts';

/**
 * Allow-listed identifiers for the per-kind ingest tables. Event kinds are a
 * closed set, so each statement below picks its table from here, never from input.
 */
export const RAW_COLUMNS: Record<EventKind, readonly string[]> = {
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'duration_s', 'day', 'level', 'platform', 'channel'],
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'day', 'amount', 'amount_orig', 'currency', 'sku', 'channel'],
  friends: ['player_id', 'friend_id', 'since'],
};

/** What makes a row the same row when delivered twice: the event id, or the link's two ends. */
export const ROW_KEY: Record<EventKind, string> = {
  sessions: 'event_id',
  payments: 'event_id',
  friends: '(player_id, friend_id)',
};

export const TABLES: Record<EventKind, { raw: string; stage: string; fresh: string }> = {
  sessions: { raw: 'sessions', stage: 'stage_sessions', fresh: 'fresh_sessions' },
  payments: { raw: 'payments', stage: 'stage_payments', fresh: 'fresh_payments' },
  friends: { raw: 'friend_links', stage: 'stage_friends', fresh: 'fresh_friends' },
};

/** Conflicting duplicates found after staging (sql/023_stage_conflicts.sql), by line of the file. */
export const CONFLICTS_TABLE = 'stage_conflicts';

/** A staged row that passed every check and is no conflicting duplicate: one to store, or an exact re-delivery. */
export const GOOD_STAGED = `reason = '' AND line NOT IN (SELECT line FROM ${CONFLICTS_TABLE})`;
