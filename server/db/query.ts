import type { Db } from './client.ts';

export type Params = Record<string, unknown>;

/** Runs a SELECT with typed `{name:Type}` parameters and returns its rows. */
export async function rows<T>(db: Db, query: string, params: Params = {}): Promise<T[]> {
  const rs = await db.client.query({ query, query_params: params, format: 'JSONEachRow' });
  const out = await rs.json<T>();
  db.answeredAt = Date.now();
  return out;
}

export async function one<T>(db: Db, query: string, params: Params = {}): Promise<T | undefined> {
  return (await rows<T>(db, query, params))[0];
}

/**
 * Runs a statement that returns no rows (DDL, INSERT ... SELECT). It counts as
 * a change of the data (caches keyed on db.writes drop their answers) unless
 * `scratch` says it only fills or drops a computation's scratch table, or
 * writes a table that no cached answer reads (the stored comrade pairs).
 */
export async function exec(db: Db, query: string, params: Params = {}, opts: { scratch?: boolean } = {}): Promise<void> {
  try {
    await db.client.command({ query, query_params: params });
    db.answeredAt = Date.now();
  } finally {
    if (!opts.scratch) db.writes++;
  }
}

/**
 * Inserts JS objects; used for small control-plane rows only, never for event
 * data. `control` says no API answer is computed from the table (accounts,
 * sessions, tokens), so cached answers stay valid.
 */
export async function insertRows(db: Db, table: string, values: object[], opts: { control?: boolean } = {}): Promise<void> {
  if (values.length === 0) return;
  try {
    await db.client.insert({ table, values, format: 'JSONEachRow' });
  } finally {
    if (!opts.control) db.writes++;
  }
}
