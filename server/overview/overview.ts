import type { Day } from '../../contract/common.ts';
import { STAGES } from '../../contract/enums.ts';
import type { Overview, RangeQuery, StageSummary, StageTrend } from '../../contract/overview.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { dailySeries } from '../queries/overview/daily.ts';
import { windowKpis } from '../queries/overview/windowKpis.ts';
import { stageCountsOn } from '../queries/stages/stageCounts.ts';
import { stageTrend } from '../queries/stages/stageTrend.ts';

/** Where the default range ends: the last day with data, or today (UTC) before there is any. */
export async function lastRangeDay(db: Db): Promise<Day> {
  return (await resolveAsOf(db)) ?? new Date().toISOString().slice(0, 10);
}

/** Folds snapshot rows into the four stages of the active base; lost players are counted apart. */
export function summarizeStages(asOf: string, rows: { stage: string; status: string; players: number; revenue: string }[]): StageSummary {
  const counts = STAGES.map((stage) => {
    const inStage = rows.filter((r) => r.stage === stage && r.status !== 'lost');
    return { stage, players: inStage.reduce((n, r) => n + Number(r.players), 0), revenue: sumDecimals(inStage.map((r) => r.revenue)) };
  });
  const lost = rows.filter((r) => r.status === 'lost').reduce((n, r) => n + Number(r.players), 0);
  return { asOf, counts, lost };
}

/** Adds decimal strings exactly (4 places) without going through floats. */
export function sumDecimals(values: string[]): string {
  const SCALE = 10_000n;
  let total = 0n;
  for (const v of values) {
    const m = /^(-?)(\d*)(?:\.(\d{0,4}))?/.exec(v.trim());
    if (!m) continue;
    const units = BigInt(m[2] || '0') * SCALE + BigInt((m[3] ?? '').padEnd(4, '0') || '0');
    total += m[1] ? -units : units;
  }
  const neg = total < 0n;
  const abs = neg ? -total : total;
  const frac = (abs % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / SCALE}${frac ? `.${frac}` : ''}`;
}

export async function overview(db: Db, f: RangeQuery): Promise<Overview> {
  const [kpis, daily, stageRows] = await Promise.all([windowKpis(db, f), dailySeries(db, f), stageCountsOn(db, f.to, f.server)]);
  const avgDau = daily.length ? Math.round(daily.reduce((n, d) => n + Number(d.dau), 0) / daily.length) : 0;
  const newPlayers = daily.reduce((n, d) => n + Number(d.newPlayers), 0);
  return { ...f, kpis: { ...kpis, avgDau, newPlayers }, stages: summarizeStages(f.to, stageRows), daily };
}

/** Players per stage per day of the range. */
export async function stageTrendOver(db: Db, range: RangeQuery): Promise<StageTrend> {
  return { ...range, days: await stageTrend(db, range) };
}
