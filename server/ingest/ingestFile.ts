import { statSync } from 'node:fs';
import path from 'node:path';
import type { FileOutcome } from '../../contract/ingest.ts';
import type { IngestLimits } from '../config.ts';
import type { Db } from '../db/client.ts';
import { clearDedupToken, countStoredFromFile, freshCount, insertChunk, selectFreshRows } from '../queries/ingest/fresh.ts';
import { ledgerEntry, recordLedger, type LedgerRow } from '../queries/ingest/ledger.ts';
import { repairDailyRollup } from '../queries/ingest/rollupRepair.ts';
import { stageRawFile } from '../queries/ingest/stageRawFile.ts';
import { clearWorkTables, quarantineStagedRows, stageCounts } from '../queries/ingest/stage.ts';
import { findConflictingDuplicates } from '../queries/ingest/conflicts.ts';
import { ACTIVITY_KINDS, type InboxFile } from './fileKind.ts';
import { hashFile } from './hashFile.ts';

export interface IngestSettings {
  gameTz: string;
  baseCurrency: string;
  currencyRates: Record<string, string>;
  maxBadShare: number;
  chunkRows: number;
  /** The erasure key: rows of players on the deny list are quarantined as "erased player", without their text. */
  erasureKey: string;
  /** The game's plausibility limits (largest payment, longest session, highest level). */
  limits: IngestLimits;
}

export type IngestPhase = 'hash' | 'parse' | 'dedupe' | 'insert' | 'done';

export interface IngestProgress {
  file: string;
  phase: IngestPhase;
  /** Chunks stored so far and in all, during `insert`. */
  chunk?: number;
  chunks?: number;
}

export class FileRejected extends Error {}

const nowIso = () => new Date().toISOString();

async function stageFile(db: Db, filePath: string, info: InboxFile, s: IngestSettings): Promise<void> {
  const params = {
    tz: s.gameTz,
    // Epoch seconds, which carry no zone: a 'YYYY-MM-DD hh:mm:ss' text is read in the engine's own time zone.
    now: (Date.now() / 1000).toFixed(3),
    base: s.baseCurrency,
    currencies: [s.baseCurrency, ...Object.keys(s.currencyRates)],
    rates: ['1', ...Object.values(s.currencyRates)],
    erasure_key: s.erasureKey,
    max_payment: s.limits.maxPayment,
    max_session_s: s.limits.maxSessionSeconds,
    max_level: s.limits.maxLevel,
  };
  try {
    await stageRawFile(db, filePath, info, params);
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0];
    throw new FileRejected(
      /inflate|gzip|zlib|unexpected end/i.test(msg) ? `truncated or corrupt gzip: ${msg.slice(0, 300)}` : `unreadable file: ${msg.slice(0, 300)}`,
    );
  }
}

/**
 * Loads one file: parse and validate in the engine, quarantine bad rows, drop
 * events already stored, insert the rest in chunks, and keep the ledger. Safe
 * to re-run at any point: a file left `loading` by a crash is finished, never doubled.
 */
export async function ingestFile(
  db: Db,
  filePath: string,
  info: InboxFile,
  s: IngestSettings,
  runId: string,
  onProgress: (p: IngestProgress) => void = () => {},
): Promise<FileOutcome> {
  const file = path.basename(filePath);
  onProgress({ file, phase: 'hash' });
  const fileHash = await hashFile(filePath);
  const before = await ledgerEntry(db, fileHash);
  const base: FileOutcome = {
    file,
    fileHash,
    kind: info.kind,
    state: 'skipped',
    rowsTotal: 0,
    rowsLoaded: 0,
    rowsQuarantined: 0,
    rowsDuplicate: 0,
    minDay: null,
    maxDay: null,
    error: '',
    recovered: false,
  };
  if (before && before.state !== 'loading') return { ...base, rowsTotal: Number(before.rows_total) };

  const recovered = before?.state === 'loading';
  const entry: LedgerRow = {
    file_hash: fileHash,
    file_name: file,
    kind: info.kind,
    size_bytes: statSync(filePath).size,
    state: 'loading',
    rows_total: 0,
    rows_loaded: 0,
    rows_quarantined: 0,
    rows_duplicate: 0,
    min_day: null,
    max_day: null,
    error: '',
    run_id: runId,
    started_at: nowIso(),
    finished_at: null,
  };
  await recordLedger(db, entry);

  onProgress({ file, phase: 'parse' });
  await clearWorkTables(db, info.kind);
  try {
    await stageFile(db, filePath, info, s);
  } catch (err) {
    if (!(err instanceof FileRejected)) throw err;
    await recordLedger(db, { ...entry, state: 'rejected', error: err.message, finished_at: nowIso() });
    return { ...base, state: 'rejected', error: err.message, recovered };
  }
  // Before counting: a conflicting duplicate is a bad row like any other.
  if (info.kind !== 'friends') await findConflictingDuplicates(db, info.kind);
  const counts = await stageCounts(db, info.kind);
  const total = Number(counts.total);
  const bad = Number(counts.bad);
  // Erased players' rows are withheld, not bad data: they never tip a file into rejection.
  if (total === 0 || (bad - Number(counts.erased)) / total > s.maxBadShare) {
    const error =
      total === 0 ? 'file holds no rows' : `${bad} of ${total} rows are bad (over the ${Math.round(s.maxBadShare * 100)}% limit): file rejected whole`;
    await recordLedger(db, { ...entry, state: 'rejected', rows_total: total, rows_quarantined: 0, error, finished_at: nowIso() });
    await clearWorkTables(db, info.kind);
    return { ...base, state: 'rejected', rowsTotal: total, error, recovered };
  }
  await quarantineStagedRows(db, info.kind, fileHash, file);

  onProgress({ file, phase: 'dedupe' });
  await selectFreshRows(db, info.kind);
  const fresh = await freshCount(db, info.kind);
  const chunks = Math.max(1, Math.ceil(Number(counts.maxLine) / s.chunkRows));
  onProgress({ file, phase: 'insert', chunk: 0, chunks });
  for (let i = 0; i < chunks; i++) {
    await insertChunk(db, info.kind, fileHash, i * s.chunkRows + 1, (i + 1) * s.chunkRows);
    onProgress({ file, phase: 'insert', chunk: i + 1, chunks });
  }
  await clearDedupToken(db);

  if (recovered && ACTIVITY_KINDS.has(info.kind) && counts.minDay && counts.maxDay) await repairDailyRollup(db, info.kind, counts.minDay, counts.maxDay);
  // A recovered file's rows stored before the crash are its own, not duplicates.
  const loaded = recovered ? await countStoredFromFile(db, info.kind, fileHash) : fresh;
  const good = total - bad;
  const outcome: FileOutcome = {
    ...base,
    state: 'done',
    rowsTotal: total,
    rowsLoaded: loaded,
    rowsQuarantined: bad,
    rowsDuplicate: Math.max(0, good - loaded),
    minDay: counts.minDay,
    maxDay: counts.maxDay,
    recovered,
  };
  await recordLedger(db, {
    ...entry,
    state: 'done',
    rows_total: total,
    rows_loaded: loaded,
    rows_quarantined: bad,
    rows_duplicate: outcome.rowsDuplicate,
    min_day: counts.minDay,
    max_day: counts.maxDay,
    finished_at: nowIso(),
  });
  await clearWorkTables(db, info.kind);
  onProgress({ file, phase: 'done' });
  return outcome;
}
