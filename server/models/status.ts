/** What the Models page shows first: the runs per kind, the recent ones and the settings they used. */
import { MODEL_KINDS, type ModelKind, type ModelRun, type ModelsStatus } from '../../contract/models.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { currentModelRuns, recentModelRuns } from '../queries/models/modelRuns.ts';
import { RISK_TIERS } from './riskTier.ts';

/** Runs listed beside the current ones. */
const RECENT_RUNS = 20;

const byKind = (runs: ModelRun[]) =>
  Object.fromEntries(MODEL_KINDS.map((k) => [k, runs.find((r) => r.kind === k) ?? null])) as Record<ModelKind, ModelRun | null>;

export async function modelsStatus(db: Db, cfg: Config): Promise<ModelsStatus> {
  const [current, recent] = await Promise.all([currentModelRuns(db), recentModelRuns(db, RECENT_RUNS)]);
  // current: the runs whose scores are served; latest: the last attempt of each kind, whatever its status.
  return { current: byKind(current), latest: byKind(recent), recent, riskTiers: RISK_TIERS, clv: cfg.clv, currency: cfg.baseCurrency };
}
