/**
 * Scores of each distinct calibration summary, computed once here and joined
 * to every player sharing it in SQL (DESIGN section 2: Node never loops over
 * players). A summary's scores depend only on (x, t_x, T), and a payer's
 * expected spend only on (x, zbar), so a million players need a few hundred
 * thousand evaluations at most.
 */
import { expectedTransactions, probabilityAlive, type BgNbdParams } from './bgnbd.ts';
import { expectedClv } from './clv.ts';
import { expectedSpend, type GammaGammaParams } from './gammaGamma.ts';
import { riskTier } from './riskTier.ts';
import { DAYS_PER_UNIT } from './units.ts';
import type { ClvSettings, ModelKind, ModelUnit } from '../../contract/models.ts';
import type { SpendScore, TripleScore } from '../queries/models/scoreInputs.ts';
import type { SpendKey } from '../queries/models/spendKeys.ts';
import type { BgNbdDayStats } from '../queries/models/sufficientStats.ts';

/** A mean calendar month in days. */
export const DAYS_PER_MONTH = 365.25 / 12;

function finite(name: string, v: number, s: BgNbdDayStats): number {
  if (!Number.isFinite(v)) throw new RangeError(`${name} is ${v} for x = ${s.x}, t_x = ${s.t_x_days} d, T = ${s.T_days} d: the parameters are unusable`);
  return v;
}

/**
 * P(alive), expected transactions in the next 30 and 90 days and, for the
 * monetary model, the discounted expected transactions over the CLV horizon
 * (CLV is linear in the spend per transaction, so the spend is applied in SQL).
 */
export function scoreTriples(kind: ModelKind, params: BgNbdParams, triples: readonly BgNbdDayStats[], unit: ModelUnit, clv: ClvSettings): TripleScore[] {
  const days = DAYS_PER_UNIT[unit];
  const horizon = { months: clv.horizonMonths, monthlyDiscount: clv.monthlyDiscount, periodsPerMonth: DAYS_PER_MONTH / days };
  return triples.map((s) => {
    const t_x = s.t_x_days / days;
    const T = s.T_days / days;
    const pAlive = finite('P(alive)', probabilityAlive(params, s.x, t_x, T), s);
    const e30 = finite('E[Y(30)]', expectedTransactions(params, 30 / days, s.x, t_x, T), s);
    const e90 = finite('E[Y(90)]', expectedTransactions(params, 90 / days, s.x, t_x, T), s);
    return {
      x: s.x,
      t_x_days: s.t_x_days,
      T_days: s.T_days,
      p_alive: pAlive,
      expected_30: e30,
      expected_90: e90,
      risk_tier: kind === 'engagement' ? riskTier(pAlive, e30) : '',
      discounted_transactions: kind === 'monetary' ? finite('discounted E[Y]', expectedClv(params, { x: s.x, t_x, T }, 1, horizon), s) : 0,
    };
  });
}

/**
 * Gamma-Gamma expected spend per purchase day for each key. Without a repeat
 * purchase (x = 0) it is the population mean; a mean netted to zero or below
 * by refunds counts as zero, the nearest spend the model allows, which shrinks
 * the payer towards the population mean by the weight of their x days.
 */
export function scoreSpend(params: GammaGammaParams, keys: readonly SpendKey[]): SpendScore[] {
  return keys.map(({ x, zbar }) => {
    const spend = expectedSpend(params, x, Math.max(0, Number(zbar)));
    if (!(Number.isFinite(spend) && spend >= 0)) throw new RangeError(`expected spend is ${spend} for x = ${x}, zbar = ${zbar}: the parameters are unusable`);
    return { x, zbar, expected_spend: spend.toFixed(4) };
  });
}
