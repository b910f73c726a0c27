import type { GroupFigures, LaunchTransition, Uplift, UpliftHeadline } from '../../contract/launches.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { snapshotState } from '../queries/stages/snapshotState.ts';
import { launchGroups, type LaunchGroupRow } from '../queries/launches/launchGroups.ts';
import type { LaunchRow } from '../queries/launches/launches.ts';
import { launchTransitions } from '../queries/launches/launchTransitions.ts';
import { compareMeans, compareProportions } from './stats.ts';

/**
 * Uplift of a launch: treatment against holdout over the window
 * (as_of, as_of + window_days]. Until the window is over the figures cover the
 * days with data so far and the state is 'measuring'.
 */

const EMPTY: LaunchGroupRow = {
  launchId: '',
  group: 'treatment',
  members: 0,
  returned: 0,
  payers: 0,
  revenue: '0',
  revenuePerPlayer: '0',
  revenueMean: 0,
  revenueVariance: 0,
};

const figures = (g: LaunchGroupRow): GroupFigures => ({
  members: g.members,
  returned: g.returned,
  returnRate: g.members ? g.returned / g.members : null,
  payers: g.payers,
  revenue: g.revenue,
  revenuePerPlayer: g.revenuePerPlayer,
});

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** The window of a launch given the last day with data (null = none). */
export function windowOf(launch: Pick<LaunchRow, 'asOf' | 'windowDays'>, lastDay: string | null) {
  const fullEnd = addDays(launch.asOf, launch.windowDays);
  const end = !lastDay || lastDay < launch.asOf ? launch.asOf : lastDay < fullEnd ? lastDay : fullEnd;
  const daysElapsed = daysBetween(launch.asOf, end);
  return { end, daysElapsed, state: daysElapsed >= launch.windowDays ? ('complete' as const) : ('measuring' as const) };
}

/** The statistics of a launch from its two groups' rows (pure: the list and the detail share it). */
export function headline(launch: Pick<LaunchRow, 'asOf' | 'windowDays'>, lastDay: string | null, groups: LaunchGroupRow[]): UpliftHeadline {
  const w = windowOf(launch, lastDay);
  const t = groups.find((g) => g.group === 'treatment') ?? EMPTY;
  const h = groups.find((g) => g.group === 'holdout') ?? { ...EMPTY, group: 'holdout' };
  const returnRate = compareProportions(t.returned, t.members, h.returned, h.members);
  const revenuePerPlayer = compareMeans(
    { n: t.members, mean: t.revenueMean, variance: t.revenueVariance },
    { n: h.members, mean: h.revenueMean, variance: h.revenueVariance },
  );
  return {
    state: w.state,
    daysElapsed: w.daysElapsed,
    windowDays: launch.windowDays,
    windowEnd: w.end,
    treatment: figures(t),
    holdout: figures(h),
    returnRate,
    revenuePerPlayer,
    reading: returnRate.p === null ? 'no_test' : returnRate.p < 0.05 ? 'significant' : 'not_significant',
  };
}

export async function upliftOf(db: Db, launch: LaunchRow, lastDay: string | null): Promise<Uplift> {
  const groups = lastDay ? await launchGroups(db, { launch: launch.launchId, last: lastDay }) : [];
  const head = headline(launch, lastDay, groups);
  let stageSource: Uplift['stageSource'] = 'none';
  let transitions: LaunchTransition[] = [];
  if (head.daysElapsed > 0) {
    stageSource = (await snapshotState(db, head.windowEnd)) === 'none' ? 'view' : 'snapshot';
    transitions = await launchTransitions(db, { launch: launch.launchId, end: head.windowEnd, source: stageSource });
  }
  return { launchId: launch.launchId, ...head, transitions, stageSource };
}

/** Headlines of many launches from one query over all their members. */
export async function upliftHeadlines(db: Db, list: LaunchRow[], lastDay: string | null): Promise<Map<string, UpliftHeadline>> {
  const groups = lastDay && list.length ? await launchGroups(db, { launch: '', last: lastDay }) : [];
  return new Map(
    list.map((l) => [
      l.launchId,
      headline(
        l,
        lastDay,
        groups.filter((g) => g.launchId === l.launchId),
      ),
    ]),
  );
}
