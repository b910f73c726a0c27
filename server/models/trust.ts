/**
 * The calibration/holdout check (DESIGN section 7) that lets users judge the
 * BG/NBD model on their own data: fit on the days up to a calibration end,
 * predict each player's transactions in the holdout days that follow, and
 * compare with what they did, per calibration frequency (the check Fader,
 * Hardie & Lee show for CDNOW). Nothing is saved.
 */
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import {
  bgnbdStats,
  DAYS_PER_UNIT,
  HOLDOUT_TOP_BUCKET,
  holdoutActuals,
  toModelUnit,
  type ModelUnit,
  type TransactionKind,
} from '../queries/models/sufficientStats.ts';
import { expectedTransactions, fitBgNbd, type BgNbdParams } from './bgnbd.ts';
import type { FitStatus } from './mle.ts';

export interface TrustQuery {
  kind: TransactionKind;
  unit: ModelUnit;
  calibrationEnd: string;
  holdoutDays: number;
  server: string;
}

export interface TrustBucket {
  /** Calibration repeat transactions x; the last bucket holds x >= HOLDOUT_TOP_BUCKET. */
  bucket: number;
  label: string;
  players: number;
  /** Sum over the bucket's players of E[Y(holdout) | x, t_x, T]; null when the fit is unusable. */
  predicted: number | null;
  actual: number;
}

export interface TrustResult extends TrustQuery {
  holdoutEnd: string;
  status: FitStatus;
  message: string;
  params: BgNbdParams | null;
  logLikelihood: number | null;
  players: number;
  iterations: number | null;
  buckets: TrustBucket[];
}

export async function holdoutCheck(db: Db, q: TrustQuery): Promise<TrustResult> {
  const holdoutEnd = addDays(q.calibrationEnd, q.holdoutDays);
  const [dayStats, actuals] = await Promise.all([
    bgnbdStats(db, { kind: q.kind, calibrationEnd: q.calibrationEnd, server: q.server }),
    holdoutActuals(db, { kind: q.kind, calibrationEnd: q.calibrationEnd, holdoutEnd, server: q.server }),
  ]);
  const fit = fitBgNbd(toModelUnit(dayStats, q.unit));
  const usable = fit.status === 'ok' ? fit.params : null;
  const days = DAYS_PER_UNIT[q.unit];
  const buckets: TrustBucket[] = Array.from({ length: HOLDOUT_TOP_BUCKET + 1 }, (_, bucket) => ({
    bucket,
    label: bucket === HOLDOUT_TOP_BUCKET ? `${bucket}+` : String(bucket),
    players: 0,
    predicted: usable ? 0 : null,
    actual: 0,
  }));
  for (const s of dayStats) {
    const b = buckets[Math.min(s.x, HOLDOUT_TOP_BUCKET)];
    b.players += s.n;
    if (usable) b.predicted! += s.n * expectedTransactions(usable, q.holdoutDays / days, s.x, s.t_x_days / days, s.T_days / days);
  }
  for (const a of actuals) buckets[a.bucket].actual = a.actual;
  const fitted = fit.status === 'too_few_players' ? null : fit;
  return {
    ...q,
    holdoutEnd,
    status: fit.status,
    message: fit.message,
    params: fitted?.params ?? null,
    logLikelihood: fitted?.logLikelihood ?? null,
    players: fit.players,
    iterations: fitted?.iterations ?? null,
    buckets,
  };
}
