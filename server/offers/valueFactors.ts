import { STAGES } from '../../contract/enums.ts';
import type { StageOutcome, ValueFactors } from '../../contract/offers.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { stageSourceOn } from '../lifecycle/stageSource.ts';
import { scaleMoney } from '../money.ts';
import type { AudienceQueryOptions, StageValueParams } from '../queries/offers/audienceSql.ts';
import { newPayerValue } from '../queries/offers/newPayerValue.ts';
import { stageOutcomes, type StageOutcomeRow } from '../queries/offers/stageOutcomes.ts';

/**
 * The game-level factors of the offer economics (economics.ts), measured on
 * the game's own data over the MEASURE_DAYS before the as-of day:
 * - churn by stage: of the players in a stage on the window's first day, the
 *   share not seen again by the as-of day. Prices P(churn) of a player the
 *   engagement model has not scored (a stage without players takes all
 *   stages' share; with nothing measured, UNMEASURED_CHURN);
 * - conversion by stage: of the non-payers of the stage who were seen again,
 *   the share who paid by the as-of day (among the kept, so that being alive
 *   is not counted again: it is P(convert | kept));
 * - the value of a new payer: the mean value if kept, on the as-of day, of the
 *   players who became payers in the window.
 * A non-payer's value if kept = P(convert | stage) x that mean.
 */

export const MEASURE_DAYS = 30;
export const UNMEASURED_CHURN = 0.5;

/** No stage factors (every unscored player's churn and every non-payer's value 0): the base for reading payers only. */
export const NO_STAGE_VALUES: StageValueParams = { stages: [], churn: [], nonPayer: [] };

/** Folds the measured rows into the factors shown and the parameters the audience query takes. Pure. */
export function foldFactors(
  rows: readonly StageOutcomeRow[],
  newPayers: { payers: number; mean: string },
  from: string,
): { factors: ValueFactors; params: StageValueParams } {
  const players = rows.reduce((n, r) => n + r.players, 0);
  const kept = rows.reduce((n, r) => n + r.kept, 0);
  const pChurnAll = players ? 1 - kept / players : null;
  const stages: StageOutcome[] = STAGES.map((stage) => {
    const r = rows.find((x) => x.stage === stage) ?? { stage, players: 0, kept: 0, nonPayersKept: 0, converted: 0 };
    const pConvert = r.nonPayersKept ? r.converted / r.nonPayersKept : null;
    return {
      stage,
      players: r.players,
      kept: r.kept,
      pChurn: r.players ? 1 - r.kept / r.players : null,
      nonPayersKept: r.nonPayersKept,
      converted: r.converted,
      pConvert,
      nonPayerValue: scaleMoney(newPayers.mean, pConvert ?? 0),
    };
  });
  return {
    factors: { from, windowDays: MEASURE_DAYS, stages, pChurnAll, newPayers: newPayers.payers, newPayerValue: scaleMoney(newPayers.mean, 1) },
    params: {
      stages: [...STAGES],
      churn: stages.map((s) => s.pChurn ?? pChurnAll ?? UNMEASURED_CHURN),
      nonPayer: stages.map((s) => s.nonPayerValue),
    },
  };
}

/** Measures the factors for an audience evaluated with `base` (its day, stage source and horizon). */
export async function measureFactors(db: Db, base: Omit<AudienceQueryOptions, 'value'>): Promise<{ factors: ValueFactors; params: StageValueParams }> {
  const from = addDays(base.asOf, -MEASURE_DAYS);
  const fromSource = await stageSourceOn(db, from);
  const [rows, newPayers] = await Promise.all([
    stageOutcomes(db, { from, fromSource, asOf: base.asOf, asOfSource: base.source }),
    newPayerValue(db, { ...base, value: NO_STAGE_VALUES }, { day: from, source: fromSource }),
  ]);
  return foldFactors(rows, newPayers, from);
}
