/**
 * Decimal money in JS without floats, the one home for it: amounts as BigInt
 * ten-thousandths (the Decimal(18, 4) scale of the tables). Ratios (uplift,
 * shares) are floats by convention and enter as millionths, so "15% of 48,200"
 * is exact. Amounts come from SQL or from validated input, so anything that is
 * not a decimal with at most 4 places is refused rather than guessed at.
 */
export const SCALE = 10_000n;
export const RATIO_SCALE = 1_000_000n;
const MONEY = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;

/** Parses a decimal string with at most 4 places; throws on anything else (the callers pass SQL output). */
export function toUnits(value: string): bigint {
  const m = MONEY.exec(value.trim());
  if (!m) throw new Error(`not a decimal amount: "${value}"`);
  const units = BigInt(m[2]) * SCALE + BigInt((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -units : units;
}

/** Formats ten-thousandths as a decimal string with 4 places ("7230.0000"). */
export function fromUnits(units: bigint): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  return `${neg ? '-' : ''}${abs / SCALE}.${(abs % SCALE).toString().padStart(4, '0')}`;
}

/** A decimal as SQL prints it (trailing zeros dropped), with all four places. */
export const fourPlaces = (value: string): string => fromUnits(toUnits(value));

/** Half away from zero, like ClickHouse's round() on Decimal. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** amount x ratio, rounded to 4 places; the ratio is taken to 6 places. */
export function scaleMoney(amount: string, ratio: number): string {
  const r = BigInt(Math.round(ratio * Number(RATIO_SCALE)));
  return fromUnits(divRound(toUnits(amount) * r, RATIO_SCALE));
}

/** Adds amounts exactly; the total in its shortest form, as SQL prints a Decimal ("10.75", "0"). */
export function sumDecimals(values: readonly string[]): string {
  const total = values.reduce((sum, v) => sum + toUnits(v), 0n);
  return fromUnits(total).replace(/\.?0+$/, '');
}

export function subMoney(a: string, b: string): string {
  return fromUnits(toUnits(a) - toUnits(b));
}

/** a / b as a float (a ratio such as ROI); null when b is 0. */
export function moneyRatio(a: string, b: string): number | null {
  const d = toUnits(b);
  if (d === 0n) return null;
  return Number(toUnits(a)) / Number(d);
}

export function isZero(amount: string): boolean {
  return toUnits(amount) === 0n;
}
