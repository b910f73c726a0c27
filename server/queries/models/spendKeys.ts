import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { calibrationParams, PAYER_SUMMARY } from './sufficientStats.ts';

/** A payer's spend key: repeat purchase days and their mean spend (a 4-place decimal string; '0' without repeats). */
export interface SpendKey {
  x: number;
  zbar: string;
}

/**
 * A payer's spend key as the scoring joins on it: the repeat mean as
 * Decimal(18, 4), 0 without a repeat purchase day.
 */
export const SPEND_KEY = `CAST(ifNull(repeat_mean, 0) AS Decimal(18, 4))`;

/** The distinct (x, zbar) of every payer in calibration, each scored once for expected spend. */
export async function spendKeys(db: Db, q: { calibrationEnd: string; server?: string }): Promise<SpendKey[]> {
  return rows<SpendKey>(
    db,
    `SELECT x, toString(zbar) AS zbar
     FROM (SELECT x, ${SPEND_KEY} AS zbar FROM (${PAYER_SUMMARY}))
     GROUP BY x, zbar
     ORDER BY x, zbar`,
    calibrationParams(q),
  );
}
