import type { FileOutcome } from '../../contract/ingest.ts';
import type { Db } from '../../server/db/client.ts';
import { one, rows } from '../../server/db/query.ts';
import type { Ingester } from '../../server/ingest/ingestRun.ts';

/** What every ingest test compares: raw tables, quarantine, the daily rollup and the ledger, as exact numbers. */
export interface Totals {
  sessions: number;
  payments: number;
  quarantine: number;
  /** sum(sessions), sum(payments) and sum(revenue) (a decimal string) over player_daily. */
  dailySessions: number;
  dailyPayments: number;
  dailyRevenue: string;
  dailyPlaytime: number;
  ledgerFiles: number;
}

export async function totals(db: Db): Promise<Totals> {
  const r = await one<Record<string, string | number>>(
    db,
    `SELECT
       (SELECT toUInt64(count()) FROM sessions) AS sessions,
       (SELECT toUInt64(count()) FROM payments) AS payments,
       (SELECT toUInt64(count()) FROM quarantine FINAL) AS quarantine,
       (SELECT toUInt64(sum(sessions)) FROM player_daily) AS dailySessions,
       (SELECT toUInt64(sum(payments)) FROM player_daily) AS dailyPayments,
       (SELECT toString(sum(revenue)) FROM player_daily) AS dailyRevenue,
       (SELECT toUInt64(sum(playtime_s)) FROM player_daily) AS dailyPlaytime,
       (SELECT toUInt64(count()) FROM ingest_files FINAL) AS ledgerFiles`,
  );
  if (!r) throw new Error('no totals');
  return {
    sessions: Number(r.sessions),
    payments: Number(r.payments),
    quarantine: Number(r.quarantine),
    dailySessions: Number(r.dailySessions),
    dailyPayments: Number(r.dailyPayments),
    dailyRevenue: String(r.dailyRevenue),
    dailyPlaytime: Number(r.dailyPlaytime),
    ledgerFiles: Number(r.ledgerFiles),
  };
}

export interface LedgerFile {
  file_name: string;
  state: string;
  rows_total: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
  min_day: string | null;
  max_day: string | null;
  error: string;
}

/** The ledger (latest state per content hash), by file name. */
export async function ledger(db: Db): Promise<Record<string, LedgerFile>> {
  const list = await rows<LedgerFile>(
    db,
    `SELECT file_name, state, toUInt64(rows_total) AS rows_total, toUInt64(rows_loaded) AS rows_loaded,
            toUInt64(rows_quarantined) AS rows_quarantined, toUInt64(rows_duplicate) AS rows_duplicate,
            toString(min_day) AS min_day, toString(max_day) AS max_day, error
     FROM ingest_files FINAL ORDER BY file_name`,
  );
  return Object.fromEntries(list.map((l) => [l.file_name, l]));
}

export interface QuarantineRow {
  file_name: string;
  line: number;
  raw: string;
  reason: string;
}

export async function quarantined(db: Db, fileName?: string): Promise<QuarantineRow[]> {
  return rows<QuarantineRow>(
    db,
    `SELECT file_name, toUInt64(line) AS line, raw, toString(reason) AS reason FROM quarantine FINAL
     WHERE {name:String} = '' OR file_name = {name:String} ORDER BY file_name, line`,
    { name: fileName ?? '' },
  );
}

/** One file's quarantined lines as [line, reason], in line order. */
export async function quarantineReasons(db: Db, fileName: string): Promise<[number, string][]> {
  return (await quarantined(db, fileName)).map((r) => [r.line, r.reason]);
}

/** Ingests one file by hand and returns its outcome. */
export async function ingestOne(ingester: Ingester, file: string): Promise<FileOutcome> {
  return (await ingester.run({ paths: [file], source: 'cli' })).files[0];
}

/** player_daily per day (sum of sessions, payments and revenue), days with any row only. */
export async function dailyByDay(db: Db): Promise<Record<string, { sessions: number; payments: number; revenue: string }>> {
  const list = await rows<{ day: string; sessions: number; payments: number; revenue: string }>(
    db,
    `SELECT toString(day) AS day, toUInt64(sum(sessions)) AS sessions, toUInt64(sum(payments)) AS payments, toString(sum(revenue)) AS revenue
     FROM player_daily GROUP BY day ORDER BY day`,
  );
  return Object.fromEntries(list.map(({ day, ...rest }) => [day, { ...rest, sessions: Number(rest.sessions), payments: Number(rest.payments) }]));
}

/** Days stored on raw events, by event_id. */
export async function eventDays(db: Db, kind: 'sessions' | 'payments'): Promise<Record<string, string>> {
  const list = await rows<{ event_id: string; day: string }>(db, `SELECT event_id, toString(day) AS day FROM ${kind} ORDER BY event_id`);
  return Object.fromEntries(list.map((r) => [r.event_id, r.day]));
}

/** One file's outcome in the short names the ingest tests compare. */
export const outcomeCounts = (o: FileOutcome) => ({
  file: o.file,
  state: o.state,
  total: o.rowsTotal,
  loaded: o.rowsLoaded,
  quarantined: o.rowsQuarantined,
  duplicate: o.rowsDuplicate,
});
