import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileOutcome, IngestRunSummary, IngestSource } from '../../contract/ingest.ts';
import type { Db } from '../db/client.ts';
import { markStagesDirty } from '../lifecycle/snapshots.ts';
import { recordRun } from '../queries/ingest/runs.ts';
import { deniedHashes } from '../queries/erasure/denyList.ts';
import { erasedRowsOf } from '../queries/erasure/erasedRowsOf.ts';
import { playerKeyHash } from '../erasure/playerKey.ts';
import { redactArchivedFile } from '../erasure/redactFiles.ts';
import { ACTIVITY_KINDS, classifyFile, type EventKind } from './fileKind.ts';
import { ingestFile, type IngestProgress, type IngestSettings } from './ingestFile.ts';
import { settledFiles } from './settledFiles.ts';
import { DomainError } from '../domainError.ts';

export interface RunRequest {
  /** Files or directories; directories are scanned (not recursively) for payments, sessions and friends files. */
  paths: string[];
  source: IngestSource;
  /** Move each finished file into this folder (the inbox's archive); leave files in place when unset. */
  archiveDir?: string;
  /** Take only files whose size and modification time hold still this long (the cron's inbox scan); unset or 0 takes them at once. */
  settleSeconds?: number;
  onProgress?: (p: IngestProgress) => void;
}

export class IngestBusyError extends DomainError {
  constructor(message = 'an ingest run is already in progress; runs never overlap, try again when it finishes') {
    super('busy', message);
  }
}

/** Lists ingestible files in name order (game servers name them by time). */
export function collectFiles(paths: string[]): { files: string[]; ignored: string[] } {
  const files: string[] = [];
  const ignored: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new Error(`no such file or directory: ${p}`);
    const entries = statSync(p).isDirectory()
      ? readdirSync(p)
          .sort()
          .map((f) => path.join(p, f))
      : [p];
    for (const f of entries) {
      if (!statSync(f).isFile()) continue;
      (classifyFile(f) ? files : ignored).push(path.resolve(f));
    }
  }
  return { files, ignored };
}

function archive(file: string, archiveDir: string, state: string): string {
  const dir = path.join(archiveDir, state === 'rejected' ? 'rejected' : new Date().toISOString().slice(0, 10));
  mkdirSync(dir, { recursive: true });
  let target = path.join(dir, path.basename(file));
  if (existsSync(target)) target = path.join(dir, `${Date.now()}-${path.basename(file)}`);
  renameSync(file, target);
  return target;
}

/**
 * The archived copy of a file keeps no row of an erased player: the archive
 * must not bring back what an erasure took out. A loaded file is checked when
 * the ingest quarantined such rows; a rejected or skipped one (its rows never
 * checked this time) whenever the deny list holds anyone.
 */
async function redactArchivedCopy(db: Db, key: string, outcome: FileOutcome, target: string): Promise<void> {
  if (outcome.state === 'done' && (await erasedRowsOf(db, outcome.fileHash)) === 0) return;
  const denied = new Set(await deniedHashes(db));
  if (denied.size > 0) redactArchivedFile(target, (v) => denied.has(playerKeyHash(key, v)));
}

/**
 * The ingester. One instance per process owns the lock that keeps runs from
 * overlapping. It marks the stage snapshots it made stale; the stages job
 * refreshes them (server/lifecycle/snapshots.ts).
 */
export class Ingester {
  private running = false;
  /** The lock is held by an erasure, not a run (for the busy message). */
  private erasing = false;

  constructor(
    private readonly db: Db,
    private readonly settings: IngestSettings,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  /**
   * Runs `fn` while no ingest can start: an erasure must not race a run that
   * stages or archives rows of the players it removes. Refuses while a run is going.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running) throw new IngestBusyError('an ingest run is in progress; try again when it finishes');
    this.running = true;
    this.erasing = true;
    try {
      return await fn();
    } finally {
      this.running = false;
      this.erasing = false;
    }
  }

  async run(req: RunRequest): Promise<IngestRunSummary> {
    if (this.running) throw new IngestBusyError(this.erasing ? 'an erasure of players is in progress; ingest waits until it finishes' : undefined);
    this.running = true;
    try {
      return await this.runLocked(req);
    } finally {
      this.running = false;
    }
  }

  private async runLocked(req: RunRequest): Promise<IngestRunSummary> {
    const { files: candidates, ignored } = collectFiles(req.paths);
    // Before the clock starts: a run's time is its loading, not the wait for writers.
    const { settled: files, growing } = await settledFiles(candidates, req.settleSeconds ?? 0);
    const t0 = performance.now();
    const runId = randomUUID();
    const startedAt = new Date().toISOString();
    const summary: IngestRunSummary = {
      runId,
      files: [],
      ignored,
      growing: growing.map((f) => path.basename(f)),
      rowsLoaded: 0,
      rowsQuarantined: 0,
      rowsDuplicate: 0,
      seconds: 0,
    };
    if (files.length === 0) return summary; // an empty inbox is not worth a run record every minute
    const record = (error: string, finished: boolean) =>
      recordRun(this.db, {
        run_id: runId,
        source: req.source,
        started_at: startedAt,
        finished_at: finished ? new Date().toISOString() : null,
        files: summary.files.length,
        rows_loaded: summary.rowsLoaded,
        rows_quarantined: summary.rowsQuarantined,
        rows_duplicate: summary.rowsDuplicate,
        error,
      });
    await record('', false);
    try {
      for (const file of files) {
        const outcome = await ingestFile(this.db, file, classifyFile(file)!, this.settings, runId, req.onProgress);
        summary.files.push(outcome);
        summary.rowsLoaded += outcome.rowsLoaded;
        summary.rowsQuarantined += outcome.rowsQuarantined;
        summary.rowsDuplicate += outcome.rowsDuplicate;
        if (ACTIVITY_KINDS.has(outcome.kind as EventKind) && outcome.minDay && (outcome.rowsLoaded > 0 || outcome.recovered))
          await markStagesDirty(this.db, outcome.minDay);
        if (req.archiveDir) await redactArchivedCopy(this.db, this.settings.erasureKey, outcome, archive(file, req.archiveDir, outcome.state));
      }
    } catch (err) {
      await record((err as Error).message, true);
      throw err;
    }
    summary.seconds = (performance.now() - t0) / 1000;
    await record('', true);
    return summary;
  }
}
