// The ingest endpoints: GET /api/ingest/status (the Health page) and POST /api/ingest (`npm run ingest`).
import type { Day } from './common.ts';

/** One ingest run as recorded (cron, CLI, API or demo). */
/** Who started an ingest run: the schedule, the command line, the API or the first start's demo. */
export const INGEST_SOURCES = ['cron', 'cli', 'api', 'demo'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

export interface IngestRun {
  runId: string;
  source: IngestSource;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
}

export type EventFileKind = 'sessions' | 'payments' | 'friends';

/** A ledger file's state: `loading` while a run reads it (or when that run died). */
export type FileState = 'loading' | 'done' | 'rejected';

/** One file of the ingest ledger. */
export interface LedgerEntry {
  fileHash: string;
  fileName: string;
  kind: EventFileKind;
  state: FileState;
  rowsTotal: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  error: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface QuarantineReason {
  reason: string;
  rows: number;
}

export interface QuarantinedRow {
  fileName: string;
  line: number;
  reason: string;
  raw: string;
  at: string;
}

/** GET /api/ingest/status */
export interface IngestStatus {
  ledger: LedgerEntry[];
  quarantine: {
    total: number;
    byReason: QuarantineReason[];
    recent: QuarantinedRow[];
  };
  lastRun: IngestRun | null;
}

/** POST /api/ingest: files or directories on the server's disk, as absolute paths. */
export interface IngestRequest {
  paths: string[];
}

/** What a run did with one file. */
export interface FileOutcome {
  file: string;
  fileHash: string;
  kind: EventFileKind;
  /** `skipped`: these bytes were ingested before (same file, renamed copy). */
  state: 'done' | 'rejected' | 'skipped';
  rowsTotal: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  minDay: Day | null;
  maxDay: Day | null;
  error: string;
  recovered: boolean;
}

/** The totals of one ingest run. */
export interface IngestRunSummary {
  runId: string;
  files: FileOutcome[];
  ignored: string[];
  /** Names of inbox files that changed while the scheduled run watched them (INGEST_SETTLE_SECONDS): left in the inbox for its next run. */
  growing: string[];
  rowsLoaded: number;
  rowsQuarantined: number;
  rowsDuplicate: number;
  seconds: number;
}

/** POST /api/ingest: the run and the stage-snapshot refresh it made necessary. */
export interface IngestResult extends IngestRunSummary {
  stageDaysRefreshed: number;
}
