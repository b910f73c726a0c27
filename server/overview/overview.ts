import type { Day } from '../../contract/common.ts';
import { STAGES } from '../../contract/enums.ts';
import type { Overview, RangeQuery, StageSummary, StageTrend } from '../../contract/overview.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { sumDecimals } from '../money.ts';
import { foldStageMix } from '../queries/metrics/stageMix.ts';
import { windowKpis } from '../queries/overview/windowKpis.ts';
import { stageCountsOn } from '../queries/stages/stageCounts.ts';
import { stageTrend } from '../queries/stages/stageTrend.ts';
import { overviewDailySeries } from '../retention/overviewDaily.ts';

/** Where the default range ends: the last day with data, or today (UTC) before there is any. */
export async function lastRangeDay(db: Db): Promise<Day> {
  return (await resolveAsOf(db)) ?? new Date().toISOString().slice(0, 10);
}

/** Folds snapshot rows into the four stages of the active base; lost players are counted apart. */
export function summarizeStages(asOf: string, rows: { stage: string; status: string; players: number; revenue: string }[]): StageSummary {
  const { cells, lost } = foldStageMix(rows, 'stage');
  const counts = STAGES.map((stage) => ({ stage, players: cells.get(stage)?.players ?? 0, revenue: sumDecimals(cells.get(stage)?.spend ?? []) }));
  return { asOf, counts, lost };
}

export async function overview(db: Db, f: RangeQuery): Promise<Overview> {
  const [kpis, daily, stageRows] = await Promise.all([windowKpis(db, f), overviewDailySeries(db, f), stageCountsOn(db, f.to, f.server)]);
  const avgDau = daily.length ? Math.round(daily.reduce((n, d) => n + Number(d.dau), 0) / daily.length) : 0;
  const newPlayers = daily.reduce((n, d) => n + Number(d.newPlayers), 0);
  return { ...f, kpis: { ...kpis, avgDau, newPlayers }, stages: summarizeStages(f.to, stageRows), daily };
}

/** Players per stage per day of the range. */
export async function stageTrendOver(db: Db, range: RangeQuery): Promise<StageTrend> {
  return { ...range, days: await stageTrend(db, range) };
}
