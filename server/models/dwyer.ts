/**
 * Dwyer's customer-migration CLV, the course-book method for a segment:
 * CLV = sum over t = 1..T of M_t r^(t-1) / (1 + i)^t, with M_t the margin in
 * period t, r the share of the segment retained from one period to the next
 * and i the discount rate per period. The first period's margin is earned by
 * everyone (r^0) and discounted once, as if received at the period's end. The
 * inputs come back beside the result so a report can show how it was reached.
 */

export interface DwyerInput {
  /** Margin per period: one number for every period, or one per period (then its length is the horizon). */
  margin: number | readonly number[];
  retention: number;
  discount: number;
  /** Periods; optional when margin is an array. */
  horizon?: number;
}

export interface DwyerResult {
  margins: number[];
  retention: number;
  discount: number;
  horizon: number;
  /** Each period's discounted expected margin, M_t r^(t-1) / (1 + i)^t. */
  contributions: number[];
  clv: number;
}

export function dwyerClv(input: DwyerInput): DwyerResult {
  const { margin, retention, discount } = input;
  const horizon = input.horizon ?? (typeof margin === 'number' ? undefined : margin.length);
  if (horizon === undefined || !(Number.isInteger(horizon) && horizon >= 1))
    throw new RangeError(`the horizon must be a whole number of periods >= 1, got ${horizon}`);
  if (typeof margin !== 'number' && margin.length !== horizon) throw new RangeError(`${margin.length} margins for a horizon of ${horizon} periods`);
  if (!(retention >= 0 && retention <= 1)) throw new RangeError(`retention must be in [0, 1], got ${retention}`);
  if (!(discount > -1)) throw new RangeError(`the discount rate must be above -1, got ${discount}`);
  const margins = Array.from({ length: horizon }, (_, k) => (typeof margin === 'number' ? margin : margin[k]));
  if (!margins.every(Number.isFinite)) throw new RangeError('margins must be finite numbers');
  const contributions = margins.map((m, k) => (m * retention ** k) / (1 + discount) ** (k + 1));
  return { margins, retention, discount, horizon, contributions, clv: contributions.reduce((s, c) => s + c, 0) };
}
