import { writingData } from '../readiness/dataWork.ts';
import path from 'node:path';
import {
  ERASURE_MAX_PLAYERS,
  PLAYER_ID_PROBLEMS,
  playerIdProblem,
  type ErasureFileChange,
  type ErasureRefusal,
  type ErasureResult,
  type ErasureStep,
  type ErasureStepName,
  type ErasureTableCount,
} from '../../contract/erasure.ts';
import type { RunFile } from '../../contract/reports.ts';
import { audit, type AuditWho } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { busy, invalid } from '../domainError.ts';
import type { Ingester } from '../ingest/ingestRun.ts';
import { applyDeletedMask } from '../queries/erasure/applyDeletedMask.ts';
import { countPlayerRows } from '../queries/erasure/countPlayerRows.ts';
import { deletePlayerRows } from '../queries/erasure/deletePlayerRows.ts';
import { clearErasureBatch, fillErasureBatch } from '../queries/erasure/erasureBatch.ts';
import { addToDenyList } from '../queries/erasure/denyList.ts';
import { oldParts } from '../queries/erasure/oldParts.ts';
import { playerWhere, QUARANTINE_WHERE } from '../queries/erasure/playerMatchSql.ts';
import { rekeyLedger } from '../queries/erasure/rekeyLedger.ts';
import { clearWorkTables } from '../queries/ingest/stage.ts';
import { listRuns } from '../queries/reportRuns/listRuns.ts';
import { writeRun } from '../queries/reportRuns/writeRun.ts';
import { erasureKey, playerKeyHash } from './playerKey.ts';
import { fileFacts, redactArchive, redactReports } from './redactFiles.ts';
import { INGEST_WORK_TABLES, PLAYER_TABLES, QUARANTINE_TABLE } from './tables.ts';

/** The ids of a request, checked with the ingester's id rule; any malformed id refuses the whole list (400, nothing erased). */
export function parseErasureList(players: unknown): string[] {
  const refuse = (code: ErasureRefusal['code'], message: string, bad: ErasureRefusal['bad'] = []) => invalid(message, { code, bad });
  if (!Array.isArray(players)) throw refuse('erasure_empty', 'players must be a list of player ids');
  if (players.length === 0) throw refuse('erasure_empty', 'the list of players to erase is empty: nothing erased');
  if (players.length > ERASURE_MAX_PLAYERS) throw refuse('erasure_too_many', `at most ${ERASURE_MAX_PLAYERS} players per erasure: nothing erased`);
  const bad = players.flatMap((id, index) => {
    const problem = playerIdProblem(id);
    return problem ? [{ index, id: typeof id === 'string' ? id.slice(0, 80) : String(id).slice(0, 80), problem }] : [];
  });
  if (bad.length > 0)
    throw refuse(
      'erasure_bad_ids',
      `${bad.length} malformed player id${bad.length === 1 ? '' : 's'}: nothing erased (${bad
        .slice(0, 5)
        .map((b) => `#${b.index + 1} ${PLAYER_ID_PROBLEMS[b.problem]}`)
        .join('; ')})`,
      bad,
    );
  return [...new Set(players as string[])];
}

export interface EraseDeps {
  db: Db;
  cfg: Config;
  /** The process's ingester: an erasure refuses to start during an ingest run, and no run starts during an erasure. */
  ingester?: Ingester;
}

export interface EraseOptions {
  who: AuditWho;
  /** Each step as it finishes, for the command line. */
  onStep?: (step: ErasureStep) => void;
  /** Longest wait for the engine to remove replaced parts from disk. */
  cleanupWaitMs?: number;
}

type Counted = { table: string; where: string };

const TABLES: Counted[] = [...PLAYER_TABLES.map((t) => ({ table: t.table, where: playerWhere(t) })), { table: QUARANTINE_TABLE, where: QUARANTINE_WHERE }];
const WORK_TABLES: Counted[] = INGEST_WORK_TABLES.map((table) => ({
  table,
  where: playerWhere({ table, columns: table.endsWith('friends') ? ['player_id', 'friend_id'] : ['player_id'] }),
}));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Erases players: onto the deny list first (so a concurrent ingest already
 * quarantines them), then out of every table at once for readers, then out of
 * the parts on disk, then out of the stored report files and the ingest
 * archive. Audited as `player.erase` with the count and keyed hashes only.
 */
export async function erasePlayers(deps: EraseDeps, players: unknown, opts: EraseOptions): Promise<ErasureResult> {
  const ids = parseErasureList(players);
  // One erasure at a time per engine: the batch table holds one list of ids.
  if (running.has(deps.db)) throw busy('another erasure is in progress; try again when it finishes (nothing erased)');
  const locked = async () => {
    running.add(deps.db);
    try {
      await fillErasureBatch(deps.db, ids);
      return await writingData(deps.db, () => eraseBatch(deps, ids, opts));
    } finally {
      await clearErasureBatch(deps.db);
      running.delete(deps.db);
    }
  };
  // No ingest starts meanwhile (the process's ingester; a command-line erasure holds the engine alone).
  return deps.ingester ? deps.ingester.exclusive(locked) : locked();
}

const running = new WeakSet<Db>();

async function eraseBatch(deps: EraseDeps, ids: string[], opts: EraseOptions): Promise<ErasureResult> {
  const { db, cfg } = deps;
  const t0 = performance.now();
  const steps: ErasureStep[] = [];
  let mark = t0;
  const step = (name: ErasureStepName) => {
    const now = performance.now();
    const s = { step: name, seconds: (now - mark) / 1000 };
    mark = now;
    steps.push(s);
    opts.onStep?.(s);
  };

  const key = erasureKey(cfg);
  const hashes = ids.map((id) => playerKeyHash(key, id));
  const all = [...TABLES, ...WORK_TABLES];
  const before = new Map<string, number>();
  for (const t of all) before.set(t.table, await countPlayerRows(db, t.table, t.where));
  step('counted');

  await addToDenyList(db, hashes);
  step('deny_list');

  const touched = TABLES.filter((t) => (before.get(t.table) ?? 0) > 0);
  for (const t of touched) await deletePlayerRows(db, t.table, t.where);
  // No ingest runs (see erasePlayers), so the ingester's work tables hold nothing of use: emptied.
  for (const kind of ['sessions', 'payments', 'friends'] as const) await clearWorkTables(db, kind);
  step('deleted');

  for (const t of touched) await applyDeletedMask(db, t.table);
  step('merged');

  const files: ErasureFileChange[] = [...(await redactReportFiles(db, cfg, ids))];
  step('reports');
  const set = new Set(ids);
  for (const c of redactArchive(cfg.archiveDir, (v) => set.has(v), ids)) {
    await rekeyLedger(db, c.hashBefore, c.hashAfter);
    files.push({ kind: c.kind, path: c.path, removed: c.removed });
  }
  step('archive');

  // Replaced parts stay on disk until the engine's cleanup removes them: it backs off when a table is
  // quiet, up to max_cleanup_delay_period (30 s on these tables: sql/024), and a busy machine delays it
  // further. The wait stays under 300 s, the default time an HTTP client waits for the answer's headers.
  const names = touched.map((t) => t.table);
  const deadline = performance.now() + (opts.cleanupWaitMs ?? 280_000);
  let parts = await oldParts(db, names);
  while ((parts.inactive > 0 || parts.masked > 0) && performance.now() < deadline) {
    await sleep(250);
    parts = await oldParts(db, names);
  }
  const tables: ErasureTableCount[] = [];
  for (const t of all)
    tables.push({
      table: t.table,
      before: before.get(t.table) ?? 0,
      after: await countPlayerRows(db, t.table, t.where),
      onDisk: t.table.startsWith('stage_') || t.table.startsWith('fresh_') ? 0 : await countPlayerRows(db, t.table, t.where, true),
    });
  const physicallyRemoved = parts.inactive === 0 && parts.masked === 0 && tables.every((t) => t.after === 0 && t.onDisk === 0);
  step(physicallyRemoved ? 'physically_removed' : 'cleanup_pending');

  const result: ErasureResult = { players: ids.length, tables, files, physicallyRemoved, steps, seconds: (performance.now() - t0) / 1000 };
  await audit(db, opts.who, {
    action: 'player.erase',
    target: `players:${ids.length}`,
    detail: {
      players: ids.length,
      keyHashes: hashes,
      rows: tables.reduce((n, t) => n + t.before, 0),
      files: files.length,
      physicallyRemoved,
    },
  });
  return result;
}

/** Report files rewritten without the players, and each affected run's record given the files' new sizes and sha256. */
async function redactReportFiles(db: Db, cfg: Config, ids: string[]): Promise<ErasureFileChange[]> {
  const changes = redactReports(cfg.reports.dir, ids);
  if (changes.length === 0) return changes;
  const dirs = new Set(changes.map((c) => path.resolve(cfg.reports.dir, path.dirname(c.path))));
  for (const { total: _total, ...run } of await listRuns(db, { state: 'done', limit: 1_000_000, offset: 0 })) {
    if (!dirs.has(path.resolve(run.outputDir))) continue;
    const files = (JSON.parse(run.files) as RunFile[]).map((f) => ({ ...f, ...(fileFacts(path.join(run.outputDir, f.name)) ?? {}) }));
    await writeRun(db, { ...run, files: JSON.stringify(files) });
  }
  return changes;
}
