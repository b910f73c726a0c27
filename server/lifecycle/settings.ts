import type { Day } from '../../contract/common.ts';
import type { Backtest, LifecycleSettings, RuleError, RulesPreview, RulesVersionWithRules, SavedRules } from '../../contract/settings.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { backtest, BACKTEST_DAYS } from '../queries/settings/backtest.ts';
import { idleReturns } from '../queries/settings/idleReturns.ts';
import { configVersion, listConfigVersions } from '../queries/settings/configVersions.ts';
import { previewMoves } from '../queries/settings/previewMoves.ts';
import { saveConfigVersion } from '../queries/settings/saveConfigVersion.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import type { Rules } from '../../contract/settings.ts';
import { idleEdges } from './idleEdges.ts';
import { THRESHOLDS } from './rules.ts';
import type { Logger } from '../log.ts';
import { rulesRecompute } from './rulesRecompute.ts';
import { invalid, notFound } from '../domainError.ts';

/**
 * The rules in force, every saved version (with its state) and the thresholds'
 * definitions. The recompute's progress is not here but at GET .../recompute:
 * this answer is cached until the next write, and the progress moves between writes.
 */
export async function lifecycleSettings(db: Db): Promise<LifecycleSettings> {
  const [active, versions] = await Promise.all([configVersion(db, 0), listConfigVersions(db)]);
  // sql/005 seeds version 1, so there is always an active version.
  if (!active) throw new Error('no stage rules saved: lifecycle_config is empty');
  return { active, versions, thresholds: THRESHOLDS };
}

/** One saved version with its thresholds. */
export async function rulesVersion(db: Db, version: number): Promise<RulesVersionWithRules> {
  const found = await configVersion(db, version);
  if (!found || found.version !== version) throw notFound(`no version ${version} of the stage rules`);
  return found;
}

/**
 * Where a draft would move players, against the active rules, as of a day
 * (default: the last day with data); an invalid draft moves nobody.
 */
export async function previewRules(db: Db, draft: { rules: Rules; errors: RuleError[] }, asked: Day | undefined): Promise<RulesPreview> {
  const { rules, errors } = draft;
  const asOf = await resolveAsOf(db, asked);
  if (errors.length || !asOf) return { asOf, valid: errors.length === 0, errors, moves: [] };
  return { asOf, valid: true, errors, moves: await previewMoves(db, asOf, rules) };
}

/**
 * Saves rules as a new pending version and starts the background recompute of
 * every stored daily snapshot under them; the version is in force (for every
 * page) once that is done. Refused while another version is being applied.
 */
export async function saveRules(db: Db, log: Logger, rules: Rules, meta: { author: string; note: string; restoredFrom?: number }): Promise<SavedRules> {
  const job = rulesRecompute(db);
  const version = await job.begin(() => saveConfigVersion(db, rules, { ...meta, restoredFrom: meta.restoredFrom ?? 0 }), log);
  // The progress as the job starts, taken before anything else is awaited: a save answers the same every time.
  const started = job.progress;
  return { version, recompute: await job.view(started) };
}

/** Saves a copy of an earlier version as a new one, applied like a save. */
export async function restoreVersion(db: Db, log: Logger, version: number, author: string): Promise<SavedRules> {
  const old = await rulesVersion(db, version);
  return saveRules(db, log, old.rules, { author, note: `restored version ${version}`, restoredFrom: version });
}

/**
 * Back-test on a past day: how the players of each stage behaved in the 28
 * days after it, under the active rules and (when given) a draft, and how
 * often players idle for so long on that day came back.
 */
export async function backtestRules(db: Db, day: Day | undefined, draft: Rules | undefined): Promise<Backtest> {
  const { minDay, maxDay } = await dataDays(db);
  if (!minDay || !maxDay) throw invalid('no data yet: nothing to back-test');
  const latest = addDays(maxDay, -BACKTEST_DAYS);
  const on = day ?? latest;
  if (on > latest)
    throw invalid(`a back-test on ${on} needs data through ${addDays(on, BACKTEST_DAYS)}; the last day with data is ${maxDay}, so pick ${latest} or earlier`);
  if (on < minDay) throw invalid(`${on} is before the first day with data (${minDay})`);
  const inForce = await configVersion(db, 0);
  const [active, drafted, returns] = await Promise.all([
    backtest(db, on),
    draft ? backtest(db, on, draft) : Promise.resolve(null),
    idleReturns(db, { day: on, days: BACKTEST_DAYS, edges: idleEdges([inForce?.rules, draft]) }),
  ]);
  return { day: on, through: addDays(on, BACKTEST_DAYS), days: BACKTEST_DAYS, active, draft: drafted, idleReturns: returns };
}
