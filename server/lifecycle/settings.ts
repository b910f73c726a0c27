import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { backtest, BACKTEST_DAYS } from '../queries/settings/backtest.ts';
import { configVersion } from '../queries/settings/configVersions.ts';
import { saveConfigVersion } from '../queries/settings/saveConfigVersion.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import type { Rules } from './rules.ts';
import { markStagesDirty, refreshDirtyStages } from './snapshots.ts';
import { invalid, notFound } from '../domainError.ts';


/**
 * Saves rules as the new active version, then recomputes every stored daily
 * snapshot under them (history and transitions follow the rules in force).
 */
export async function saveRules(db: Db, rules: Rules, meta: { author: string; note: string; restoredFrom?: number }) {
  const version = await saveConfigVersion(db, rules, { ...meta, restoredFrom: meta.restoredFrom ?? 0 });
  const { minDay } = await dataDays(db);
  if (minDay) await markStagesDirty(db, minDay);
  const stageDaysRefreshed = await refreshDirtyStages(db);
  return { version, stageDaysRefreshed };
}

/** Saves a copy of an earlier version as the new active one. */
export async function restoreVersion(db: Db, version: number, author: string) {
  const old = await configVersion(db, version);
  if (!old || old.version !== version) throw notFound(`no version ${version} of the stage rules`);
  return saveRules(db, old.rules, { author, note: `restored version ${version}`, restoredFrom: version });
}

/**
 * Back-test on a past day: how the players of each stage behaved in the 28
 * days after it, under the active rules and (when given) a draft.
 */
export async function backtestRules(db: Db, day: string | undefined, draft: Rules | undefined) {
  const { minDay, maxDay } = await dataDays(db);
  if (!minDay || !maxDay) throw invalid('no data yet: nothing to back-test');
  const latest = addDays(maxDay, -BACKTEST_DAYS);
  const on = day ?? latest;
  if (on > latest) throw invalid(`a back-test on ${on} needs data through ${addDays(on, BACKTEST_DAYS)}; the last day with data is ${maxDay}, so pick ${latest} or earlier`);
  if (on < minDay) throw invalid(`${on} is before the first day with data (${minDay})`);
  const [active, drafted] = await Promise.all([backtest(db, on), draft ? backtest(db, on, draft) : Promise.resolve(null)]);
  return { day: on, through: addDays(on, BACKTEST_DAYS), days: BACKTEST_DAYS, active, draft: drafted };
}
