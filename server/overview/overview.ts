import type { Db } from '../db/client.ts';
import { foldStageMix } from '../queries/metrics/stageMix.ts';
import { dailySeries, type DailyRow, type RangeFilter } from '../queries/overview/daily.ts';
import { windowKpis, type WindowKpis } from '../queries/overview/windowKpis.ts';
import { stageCountsOn } from '../queries/stages/stageCounts.ts';
import { sumDecimals } from '../money.ts';

export const STAGES = ['exploration', 'growth', 'stable', 'decline'] as const;

export interface StageSummary {
  asOf: string;
  counts: { stage: string; players: number; revenue: string }[];
  lost: number;
}

/** Folds snapshot rows into the four stages of the active base; lost players are counted apart. */
export function summarizeStages(asOf: string, rows: { stage: string; status: string; players: number; revenue: string }[]): StageSummary {
  const { cells, lost } = foldStageMix(rows, 'stage');
  const counts = STAGES.map((stage) => ({ stage, players: cells.get(stage)?.players ?? 0, revenue: sumDecimals(cells.get(stage)?.spend ?? []) }));
  return { asOf, counts, lost };
}

export interface Overview extends RangeFilter {
  kpis: WindowKpis & { avgDau: number; newPlayers: number };
  stages: StageSummary;
  daily: DailyRow[];
}

export async function overview(db: Db, f: RangeFilter): Promise<Overview> {
  const [kpis, daily, stageRows] = await Promise.all([windowKpis(db, f), dailySeries(db, f), stageCountsOn(db, f.to, f.server)]);
  const avgDau = daily.length ? Math.round(daily.reduce((n, d) => n + Number(d.dau), 0) / daily.length) : 0;
  const newPlayers = daily.reduce((n, d) => n + Number(d.newPlayers), 0);
  return { ...f, kpis: { ...kpis, avgDau, newPlayers }, stages: summarizeStages(f.to, stageRows), daily };
}
