import type { ComradeBasis } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { publishComradeRun } from '../queries/offers/publishComradeRun.ts';
import { storeComradePairs } from '../queries/offers/storeComradePairs.ts';
import { computeComrades } from './comradesRun.ts';

export interface ComradeRefresh {
  asOf: string;
  basis: ComradeBasis;
  lapsed: number;
  chunks: number;
  seconds: number;
}

/** Chunks of lapsed players stored so far and in all; awaited before the next chunk. */
type Progress = (done: number, total: number) => void | Promise<void>;

interface Queue {
  /** The refresh running or queued last. */
  tail: Promise<ComradeRefresh | null>;
  /** Refreshes started or queued and not finished. */
  pending: number;
}
const queues = new WeakMap<Db, Queue>();

/**
 * Computes the comrade pairs as of the latest day with data into
 * comrade_pairs, chunk by chunk, then publishes them at once (readers keep
 * the previous complete result until then) and drops the previous run. Run
 * by the refresh after each ingest, after the stage snapshots it reads the
 * lapsed players from. Calls on one engine run one after the other, so a
 * second ingest's refresh starts when the first is done. Null when there is
 * no data yet.
 */
export function refreshComrades(deps: { db: Db; cfg: Pick<Config, 'gameTz'> }, onProgress: Progress = () => {}): Promise<ComradeRefresh | null> {
  const q = queues.get(deps.db) ?? { tail: Promise.resolve(null), pending: 0 };
  q.pending++;
  const next = q.tail.catch(() => null).then(() => refreshOnce(deps, onProgress));
  q.tail = next;
  queues.set(deps.db, q);
  const done = () => void q.pending--;
  next.then(done, done);
  return next;
}

/** Whether a refresh of this engine's pairs is running or queued in this process. */
export const comradesRefreshing = (db: Db): boolean => (queues.get(db)?.pending ?? 0) > 0;

/**
 * Resolves when no refresh of this engine's pairs runs or waits. Awaited
 * before the engine closes: readers see a run as soon as it is published,
 * while the previous run's rows are still being dropped.
 */
export const comradesSettled = async (db: Db): Promise<void> => {
  await queues.get(db)?.tail.catch(() => null);
};

async function refreshOnce(
  { db, cfg }: { db: Db; cfg: Pick<Config, 'gameTz'> },
  onProgress: (done: number, total: number) => void,
): Promise<ComradeRefresh | null> {
  const t0 = performance.now();
  const asOf = await resolveAsOf(db);
  if (!asOf) return null;
  const run = await computeComrades(db, cfg, asOf, async (basis, chunk, done, total) => {
    await storeComradePairs(db, basis, chunk);
    await onProgress(done + 1, total);
  });
  const seconds = (performance.now() - t0) / 1000;
  await publishComradeRun(db, { runId: run.runId, asOf, stagesAt: run.stagesAt, basis: run.basis, lapsed: run.lapsed, seconds });
  return { asOf, basis: run.basis, lapsed: run.lapsed, chunks: run.chunks, seconds };
}
