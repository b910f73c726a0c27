import type { PlayerTable } from '../../erasure/tables.ts';

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Allow-listed identifiers only: tables and columns come from server/erasure/tables.ts, never from input. */
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return name;
}

/**
 * The ids being erased, read from the in-memory erasure_batch table
 * (sql/021_erasure.sql): a DELETE's text is kept on disk by the engine, so it
 * must not carry the ids themselves.
 */
const BATCH = '(SELECT id FROM erasure_batch)';

/** Rows of the players in the batch: any of the table's player columns. */
export const playerWhere = (t: PlayerTable) => t.columns.map((c) => `${ident(c)} IN ${BATCH}`).join(' OR ');

/**
 * Quarantined rows naming one of the players in their raw text: the id as a
 * JSON string anywhere in the line (parsed or not), or as a whole CSV field
 * (the raw text of a CSV row is its fields joined by commas).
 */
export const QUARANTINE_WHERE = `raw != '' AND (
  multiSearchAny(raw, (SELECT groupArray(concat('"', id, '"')) FROM erasure_batch))
  OR arrayExists(x -> trimBoth(x) IN ${BATCH}, splitByChar(',', raw)))`;
