/**
 * Expected customer lifetime value of one player from a BG/NBD fit (how many
 * transactions) and an expected spend per transaction (Gamma-Gamma).
 *
 * Convention: CLV = sum over months m = 1..H of
 *   spend * (E[Y(m k) | x, t_x, T] - E[Y((m-1) k) | x, t_x, T]) / (1 + d)^m
 * with k the model's time units per month and d the monthly discount rate.
 * The month's expected transactions are the difference of the cumulative
 * expectation, and the whole month is discounted as if paid at its end (the
 * convention of the lifetimes library's customer_lifetime_value).
 */
import { expectedTransactions, type BgNbdParams } from './bgnbd.ts';

/** A mean calendar month in weeks, for models fitted with t_x and T in weeks. */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

export interface ClvHorizon {
  months: number;
  monthlyDiscount: number;
  /** Model time units per month: WEEKS_PER_MONTH when t_x and T are in weeks. */
  periodsPerMonth: number;
}

export interface ClvPlayer {
  x: number;
  t_x: number;
  T: number;
}

export function expectedClv(params: BgNbdParams, player: ClvPlayer, spend: number, horizon: ClvHorizon): number {
  const { months, monthlyDiscount, periodsPerMonth } = horizon;
  if (!(Number.isInteger(months) && months >= 0)) throw new RangeError(`months must be a whole number >= 0, got ${months}`);
  if (!(monthlyDiscount > -1)) throw new RangeError(`the monthly discount rate must be above -1, got ${monthlyDiscount}`);
  if (!(periodsPerMonth > 0)) throw new RangeError(`periods per month must be positive, got ${periodsPerMonth}`);
  const { x, t_x, T } = player;
  let clv = 0;
  let before = 0;
  for (let m = 1; m <= months; m++) {
    const upTo = expectedTransactions(params, m * periodsPerMonth, x, t_x, T);
    clv += (spend * (upTo - before)) / (1 + monthlyDiscount) ** m;
    before = upTo;
  }
  return clv;
}
