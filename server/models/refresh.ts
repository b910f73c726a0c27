/**
 * The model refresh (DESIGN section 7): sufficient statistics in SQL, the fits
 * in TypeScript, scores back into ClickHouse, each attempt recorded in
 * model_runs. Two kinds, each on its own:
 * - engagement: BG/NBD on active days, for every player;
 * - monetary: BG/NBD on purchase days and Gamma-Gamma on their spend, for
 *   payers; gives the expected CLV.
 * A kind whose fit is unusable (too few players, not converged, a parameter
 * running off: failed) or that has nobody to fit (no player, or no payer,
 * with a transaction by the day: skipped) writes no scores, so readers keep
 * the previous run's. A run's scores are complete before its ok row is written,
 * and older scores are dropped only after that.
 */
import { writingData } from '../readiness/dataWork.ts';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { dropRunScores, dropScoresExcept } from '../queries/models/dropScores.ts';
import { insertPlayerScores } from '../queries/models/insertPlayerScores.ts';
import { recordModelRun } from '../queries/models/modelRuns.ts';
import { dropScoreInputs, insertSpendScores, insertTripleScores } from '../queries/models/scoreInputs.ts';
import { spendKeys } from '../queries/models/spendKeys.ts';
import { bgnbdStats, gammaGammaStats } from '../queries/models/sufficientStats.ts';
import { fitBgNbd, type BgNbdFit } from './bgnbd.ts';
import { fitGammaGamma, type GammaGammaFit } from './gammaGamma.ts';
import { scoreSpend, scoreTriples } from './scoring.ts';
import { holdoutCheck } from './trust.ts';
import { toModelUnit } from './units.ts';
import { noted } from './notes.ts';
import {
  DEFAULT_HOLDOUT_DAYS,
  MODEL_KINDS,
  type ClvSettings,
  type FitAnswer,
  type FitSummary,
  type ModelKind,
  type ModelNote,
  type ModelRun,
  type ModelUnit,
} from '../../contract/models.ts';
import { DomainError } from '../domainError.ts';
import { lastCompleteDay, resolveAsOf } from '../asOf.ts';
import { addDays } from '../days.ts';

export class ModelsBusyError extends DomainError {
  constructor() {
    super('busy', 'a model refresh is already running; try again when it has finished');
  }
}

/** A refresh asked for a day the data cannot support. */
export class ModelsInputError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export interface RefreshOptions {
  /** Calibration end (default: the last complete day with data, see lastCompleteDay). */
  asOf?: string;
  unit?: ModelUnit;
  onStep?: (message: string) => void;
}

const seconds = (t0: number) => Math.round(performance.now() - t0) / 1000;

/** Why a fit is not usable (the model, its status and the fit's own note), or null when it is. */
function unusable(model: string, fit: BgNbdFit | GammaGammaFit): { note: ModelNote; message: string } | null {
  return fit.status === 'ok' ? null : noted('fit_unusable', { model, status: fit.status }, fit.note);
}

function fitSummary(fit: BgNbdFit | GammaGammaFit): FitSummary {
  if (fit.status === 'too_few_players') return { status: fit.status, message: fit.message, note: fit.note, players: fit.players };
  const { status, message, note, players, params, logLikelihood, iterations } = fit;
  return { status, message, note, players, params, logLikelihood, iterations };
}

let running = false;

/** Fits and scores both kinds as of one day; one refresh at a time per process. */
export async function refreshModels(deps: { db: Db; cfg: Config }, opts: RefreshOptions = {}): Promise<FitAnswer> {
  if (running) throw new ModelsBusyError();
  running = true;
  try {
    const unit = opts.unit ?? 'day';
    const maxDay = await resolveAsOf(deps.db);
    if (!maxDay) return { asOf: null, unit, runs: [] };
    if (opts.asOf && opts.asOf > maxDay) throw new ModelsInputError(`asOf ${opts.asOf} is after the last day with data (${maxDay})`);
    const asOf = opts.asOf ?? lastCompleteDay(maxDay, deps.cfg.gameTz);
    const runs: ModelRun[] = [];
    await writingData(deps.db, async () => {
      for (const kind of MODEL_KINDS) runs.push(await refreshKind(deps.db, { kind, asOf, unit, clv: deps.cfg.clv, onStep: opts.onStep ?? (() => {}) }));
    });
    return { asOf, unit, runs };
  } finally {
    running = false;
  }
}

interface KindRequest {
  kind: ModelKind;
  asOf: string;
  unit: ModelUnit;
  clv: ClvSettings;
  onStep: (message: string) => void;
}

async function refreshKind(db: Db, req: KindRequest): Promise<ModelRun> {
  const { kind, asOf, unit, clv } = req;
  const run: ModelRun = {
    runId: randomUUID(),
    kind,
    unit,
    asOf,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    status: 'failed',
    message: '',
    note: null,
    params: {},
    logLikelihood: null,
    players: 0,
    triples: 0,
    iterations: 0,
    scoredPlayers: 0,
    seconds: { stats: 0, fit: 0, score: 0 },
    details: { clv: kind === 'monetary' ? clv : null },
  };
  try {
    await fitAndScore(db, req, run);
  } catch (err) {
    run.status = 'failed';
    Object.assign(run, noted('error', { error: firstLine(err) }));
  }
  await checkOnHoldout(db, req, run);
  return finish(db, run, req.onStep);
}

const firstLine = (err: unknown) => (err as Error).message.split('\n')[0].slice(0, 500);

/**
 * The Models page's default holdout check, made now and kept with the run so
 * that the page never refits on its first load after new data. It fits its own
 * calibration window, so it is made whatever became of the full fit.
 */
async function checkOnHoldout(db: Db, { kind, asOf, unit, onStep }: KindRequest, run: ModelRun): Promise<void> {
  const calibrationEnd = addDays(asOf, -DEFAULT_HOLDOUT_DAYS);
  onStep(`${kind}: holdout check, calibration to ${calibrationEnd}, ${DEFAULT_HOLDOUT_DAYS} holdout days`);
  try {
    const check = await holdoutCheck(db, { kind, unit, calibrationEnd, holdoutDays: DEFAULT_HOLDOUT_DAYS, server: '' });
    run.details.holdout = { ...check, withFit: asOf };
  } catch (err) {
    onStep(`${kind}: holdout check not made: ${firstLine(err)}`);
  }
}

/** Fills in the run: its statistics, fits and timings, and status ok once every player's scores are written. */
async function fitAndScore(db: Db, { kind, asOf, unit, clv, onStep }: KindRequest, run: ModelRun): Promise<void> {
  const calibration = { calibrationEnd: asOf };
  onStep(`${kind}: sufficient statistics as of ${asOf}`);
  let t0 = performance.now();
  const dayStats = await bgnbdStats(db, { kind, ...calibration });
  const spendStats = kind === 'monetary' ? await gammaGammaStats(db, calibration) : [];
  run.seconds.stats = seconds(t0);
  run.triples = dayStats.length;
  if (dayStats.length === 0) {
    run.status = 'skipped';
    Object.assign(run, noted(kind === 'monetary' ? 'no_payers' : 'no_players', { asOf }));
    return;
  }

  onStep(`${kind}: fitting BG/NBD on ${dayStats.length.toLocaleString('en')} distinct (x, t_x, T)`);
  t0 = performance.now();
  const fit = fitBgNbd(toModelUnit(dayStats, unit));
  const spendFit = kind === 'monetary' ? fitGammaGamma(spendStats) : null;
  run.seconds.fit = seconds(t0);
  run.players = fit.players;
  run.details.fits = { bgnbd: fitSummary(fit), ...(spendFit ? { gammaGamma: fitSummary(spendFit) } : {}) };
  if (fit.status !== 'too_few_players') {
    run.params = { ...fit.params };
    run.logLikelihood = fit.logLikelihood;
    run.iterations = fit.iterations;
  }
  if (spendFit && spendFit.status !== 'too_few_players') Object.assign(run.params, spendFit.params);
  const problem = unusable('BG/NBD', fit) ?? (spendFit && unusable('Gamma-Gamma', spendFit));
  if (problem || fit.status !== 'ok') {
    Object.assign(run, problem);
    return;
  }

  onStep(`${kind}: scoring every player`);
  t0 = performance.now();
  await insertTripleScores(db, run.runId, scoreTriples(kind, fit.params, dayStats, unit, clv));
  if (spendFit?.status === 'ok') await insertSpendScores(db, run.runId, scoreSpend(spendFit.params, await spendKeys(db, calibration)));
  run.scoredPlayers = await insertPlayerScores(db, { runId: run.runId, kind, calibrationEnd: asOf });
  run.seconds.score = seconds(t0);
  run.status = 'ok';
  Object.assign(run, noted('scored', { players: run.scoredPlayers }));
}

/** Records the run; on success retires the older scores, otherwise removes whatever this run wrote. */
async function finish(db: Db, run: ModelRun, onStep: (message: string) => void): Promise<ModelRun> {
  run.finishedAt = new Date().toISOString();
  await dropScoreInputs(db, run.runId);
  if (run.status !== 'ok') await dropRunScores(db, run.runId);
  await recordModelRun(db, run);
  if (run.status === 'ok') await dropScoresExcept(db, run.kind, run.runId);
  onStep(`${run.kind}: ${run.status}: ${run.message}`);
  return run;
}
