/**
 * The calibration/holdout check (DESIGN section 7) that lets users judge the
 * BG/NBD model on their own data: fit on the days up to a calibration end,
 * predict each player's transactions in the holdout days that follow, and
 * compare with what they did, per calibration frequency (the check Fader,
 * Hardie & Lee show for CDNOW). The model refresh makes the default check with
 * each fit and keeps it with the run, so opening the Models page after new data
 * does not refit (the fit takes seconds at a million players); any other
 * check is made on request and not saved.
 */
import type { ModelKind, ModelUnit, TrustAnswer, TrustBucket, TrustResult } from '../../contract/models.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';
import { latestHoldoutCheck } from '../queries/models/modelRuns.ts';
import { holdoutStats } from '../queries/models/sufficientStats.ts';
import { expectedTransactions, fitBgNbd } from './bgnbd.ts';
import { DAYS_PER_UNIT, toModelUnit } from './units.ts';
import { noted } from './notes.ts';

/** Calibration frequencies at or above this share the last bucket of the holdout check. */
export const HOLDOUT_TOP_BUCKET = 7;

export interface HoldoutQuery {
  kind: ModelKind;
  unit: ModelUnit;
  calibrationEnd: string;
  holdoutDays: number;
  server: string;
}

/**
 * The check as the Models page asks for it. Without a calibration end it is the
 * check the newest model refresh made, when that one had the same unit and
 * holdout for the whole game; otherwise the calibration end defaults to
 * holdoutDays before the last day with data. The holdout may not run past that day.
 */
export async function trustCheck(db: Db, q: Omit<HoldoutQuery, 'calibrationEnd'> & { calibrationEnd?: string }): Promise<TrustAnswer> {
  if (q.calibrationEnd === undefined && q.server === '') {
    const stored = await latestHoldoutCheck(db, q.kind);
    if (stored && stored.unit === q.unit && stored.holdoutDays === q.holdoutDays) return stored;
  }
  const maxDay = await resolveAsOf(db);
  if (!maxDay) return { status: 'too_few_players', ...noted('no_data'), buckets: [] };
  const end = q.calibrationEnd ?? addDays(maxDay, -q.holdoutDays);
  if (addDays(end, q.holdoutDays) > maxDay) {
    throw invalid(
      `the holdout would end on ${addDays(end, q.holdoutDays)}, after the last day with data (${maxDay}): choose an earlier calibrationEnd or fewer holdoutDays`,
    );
  }
  return holdoutCheck(db, { kind: q.kind, unit: q.unit, calibrationEnd: end, holdoutDays: q.holdoutDays, server: q.server });
}

export async function holdoutCheck(db: Db, q: HoldoutQuery): Promise<TrustResult> {
  const holdoutEnd = addDays(q.calibrationEnd, q.holdoutDays);
  const dayStats = await holdoutStats(db, { kind: q.kind, calibrationEnd: q.calibrationEnd, holdoutEnd, server: q.server });
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
    b.actual += s.holdout;
    if (usable) b.predicted! += s.n * expectedTransactions(usable, q.holdoutDays / days, s.x, s.t_x_days / days, s.T_days / days);
  }
  const fitted = fit.status === 'too_few_players' ? null : fit;
  return {
    ...q,
    holdoutEnd,
    status: fit.status,
    message: fit.message,
    note: fit.note,
    params: fitted?.params ?? null,
    logLikelihood: fitted?.logLikelihood ?? null,
    players: fit.players,
    iterations: fitted?.iterations ?? null,
    buckets,
    withFit: null,
  };
}
