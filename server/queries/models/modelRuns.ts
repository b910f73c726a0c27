/** The model_runs table (sql/012_model_scores.sql) as the API and the refresh see it. */
import type { ModelKind, ModelNote, ModelRun, TrustResult } from '../../../contract/models.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, rows } from '../../db/query.ts';

/** A model_runs row as selected: JSON columns as text, the timings flat; the note is kept in the details (no column of its own). */
type Row = Omit<ModelRun, 'params' | 'details' | 'seconds' | 'note'> & { params: string; details: string; statsS: number; fitS: number; scoreS: number };

const SELECT = `SELECT run_id AS runId, kind, unit, toString(as_of) AS asOf, started_at AS startedAt, finished_at AS finishedAt,
  status, message, params, log_likelihood AS logLikelihood, players, triples, iterations, scored_players AS scoredPlayers,
  stats_s AS statsS, fit_s AS fitS, score_s AS scoreS, details
  FROM model_runs`;

const toRun = ({ statsS, fitS, scoreS, params, details, ...r }: Row): ModelRun => {
  const { note = null, ...rest } = JSON.parse(details) as ModelRun['details'] & { note?: ModelNote };
  return { ...r, note, params: JSON.parse(params) as Record<string, number>, seconds: { stats: statsS, fit: fitS, score: scoreS }, details: rest };
};

export async function recordModelRun(db: Db, run: ModelRun): Promise<void> {
  await insertRows(db, 'model_runs', [
    {
      run_id: run.runId,
      kind: run.kind,
      unit: run.unit,
      as_of: run.asOf,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      status: run.status,
      message: run.message,
      params: JSON.stringify(run.params),
      log_likelihood: run.logLikelihood,
      players: run.players,
      triples: run.triples,
      iterations: run.iterations,
      scored_players: run.scoredPlayers,
      stats_s: run.seconds.stats,
      fit_s: run.seconds.fit,
      score_s: run.seconds.score,
      details: JSON.stringify({ ...run.details, note: run.note }),
    },
  ]);
}

/** The latest runs, newest first, any status. */
export async function recentModelRuns(db: Db, limit: number): Promise<ModelRun[]> {
  return (await rows<Row>(db, `${SELECT} ORDER BY started_at DESC, run_id LIMIT {limit:UInt32}`, { limit })).map(toRun);
}

/** The latest successful run of each kind: the runs whose scores readers see. */
export async function currentModelRuns(db: Db): Promise<ModelRun[]> {
  return (await rows<Row>(db, `${SELECT} WHERE status = 'ok' ORDER BY finished_at DESC, run_id LIMIT 1 BY kind`)).map(toRun);
}

/** The holdout check that the newest refresh of a kind made with its fit, if any. */
export async function latestHoldoutCheck(db: Db, kind: ModelKind): Promise<TrustResult | null> {
  const [row] = await rows<{ details: string }>(
    db,
    `SELECT details FROM model_runs WHERE kind = {kind:String} AND JSONHas(details, 'holdout')
     ORDER BY started_at DESC, run_id LIMIT 1`,
    { kind },
  );
  return row ? ((JSON.parse(row.details) as ModelRun['details']).holdout ?? null) : null;
}
