import type { Day } from '../../contract/common.ts';
import { STAGES } from '../../contract/enums.ts';
import type { DailyRow, Kpis, Overview, RangeQuery, StageSummary, StageTrend, WindowKpis } from '../../contract/overview.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { sumDecimals } from '../money.ts';
import { foldStageMix } from '../queries/metrics/stageMix.ts';
import { windowKpis } from '../queries/overview/windowKpis.ts';
import { stageCountsOn } from '../queries/stages/stageCounts.ts';
import { stageTrend } from '../queries/stages/stageTrend.ts';
import { overviewDailySeries } from '../retention/overviewDaily.ts';
import { cohortRates } from './cohortRates.ts';
import { cohortRatesOf, previousPeriod, previousRange, stageComparisonDay, withStageChange } from './comparison.ts';

/** Where the default range ends: the last day with data, or today (UTC) before there is any. */
export async function lastRangeDay(db: Db): Promise<Day> {
  return (await resolveAsOf(db)) ?? new Date().toISOString().slice(0, 10);
}

/** Folds snapshot rows into the four stages of the active base; lost players are counted apart. */
export function summarizeStages(asOf: string, rows: { stage: string; status: string; players: number; revenue: string }[]): StageSummary {
  const { cells, lost } = foldStageMix(rows, 'stage');
  const counts = STAGES.map((stage) => ({
    stage,
    players: cells.get(stage)?.players ?? 0,
    recentSpend: sumDecimals(cells.get(stage)?.spend ?? []),
    playersBefore: null,
    change: null,
  }));
  return { asOf, comparedTo: stageComparisonDay(asOf), counts, lost, lostBefore: null };
}

/** The range's KPIs: the window figures, and those of its daily series. */
function kpisOf(window: WindowKpis, daily: DailyRow[]): Kpis {
  const avgDau = daily.length ? Math.round(daily.reduce((n, d) => n + Number(d.dau), 0) / daily.length) : 0;
  const newPlayers = daily.reduce((n, d) => n + Number(d.newPlayers), 0);
  return { ...window, avgDau, newPlayers };
}

/** A day's stage summary, or null when that day has no snapshot. */
async function stagesOn(db: Db, day: Day, server: string): Promise<StageSummary | null> {
  const rows = await stageCountsOn(db, day, server);
  return rows.length ? summarizeStages(day, rows) : null;
}

/** The range's figures beside those of the previous period of the same length, and the stages against a week before. */
export async function overview(db: Db, f: RangeQuery): Promise<Overview> {
  const prev = previousRange(f);
  const [window, daily, cohorts, prevWindow, prevDaily, prevCohorts, stageRows, stagesBefore] = await Promise.all([
    windowKpis(db, f),
    overviewDailySeries(db, f),
    cohortRates(db, f),
    windowKpis(db, prev),
    overviewDailySeries(db, prev),
    cohortRates(db, prev),
    stageCountsOn(db, f.to, f.server),
    stagesOn(db, stageComparisonDay(f.to), f.server),
  ]);
  const kpis = kpisOf(window, daily);
  const rates = cohortRatesOf(cohorts);
  return {
    ...f,
    kpis,
    cohorts: rates,
    previous: previousPeriod(prev, { ...kpis, ...rates }, kpisOf(prevWindow, prevDaily), cohortRatesOf(prevCohorts), prevDaily),
    stages: withStageChange(summarizeStages(f.to, stageRows), stagesBefore),
    daily,
  };
}

/** Players per stage per day of the range. */
export async function stageTrendOver(db: Db, range: RangeQuery): Promise<StageTrend> {
  return { ...range, days: await stageTrend(db, range) };
}
