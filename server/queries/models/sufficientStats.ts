/**
 * Sufficient statistics for the lifetime models (DESIGN section 7), computed
 * in ClickHouse so a fit reads one row per distinct summary instead of one
 * per player. A transaction is a game-zone calendar day with activity:
 * engagement = at least one session (`player_daily.day`), monetary = a
 * purchase day, at least one payment that is not a refund (amount >= 0, raw
 * `payments.day`). A player's first transaction day f starts their clock; x
 * counts the transaction days after f. Times are whole days;
 * server/models/units.ts converts them. `server` ('' or absent = all) keeps only the activity on that
 * server, so f is then the first transaction there.
 */
import type { ModelKind } from '../../../contract/models.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { ACTIVE_DAY, PURCHASE_DAY } from '../metrics/activity.ts';

/**
 * A player's transaction days up to {upTo:Date} on {server:String}, as rows
 * of (player_id, day), a day possibly repeated: the summaries count distinct
 * days.
 *
 * Engagement reads the rollup: player_daily holds several rows per player,
 * day and server until parts merge (and one per server). A session adds a
 * positive count to its row and nothing subtracts one, so a day is active
 * when any of its rows is an active day; testing the rows as they are instead
 * of summing each day first makes the 1M-player statistics take about a
 * second instead of ten.
 *
 * Monetary reads the raw payments, not the rollup's `payments` counter: that
 * counter (a paying day for the stage rules and KPIs) counts positive
 * payments only, so a $0.00 purchase (a free bundle, a 100% coupon; 8 CDNOW
 * customers whose one purchase is $0.00) would vanish and the BG/NBD fit
 * would miss the published CDNOW estimates. For the models a purchase is any
 * payment with amount >= 0; a refund lowers the day's revenue but does not
 * make a day a purchase day. Payments are few beside sessions, so grouping
 * them by day (one row per purchase day, with the day's revenue) stays cheap.
 */
function transactionDaysSql(kind: ModelKind): string {
  if (kind === 'engagement') {
    return `SELECT player_id, day
    FROM player_daily
    WHERE ${ACTIVE_DAY} AND day <= {upTo:Date} AND ({server:String} = '' OR server_id = {server:String})`;
  }
  if (kind === 'monetary') {
    return `SELECT player_id, day, sum(amount) AS day_revenue
    FROM payments
    WHERE day <= {upTo:Date} AND ({server:String} = '' OR server_id = {server:String})
    GROUP BY player_id, day
    HAVING ${PURCHASE_DAY}`;
  }
  throw new RangeError(`unknown transaction kind: ${String(kind)}`);
}

/** Per player, over their transaction days up to {calibrationEnd:Date}: x, t_x and T in days. */
const CALIBRATION_SUMMARY = `toUInt32(uniqExact(day) - 1) AS x,
  toUInt32(dateDiff('day', min(day), max(day))) AS t_x_days,
  toUInt32(dateDiff('day', min(day), {calibrationEnd:Date})) AS T_days`;

/**
 * One row per player with a transaction day up to {calibrationEnd:Date}:
 * player_id, x, t_x_days, T_days. Parameters as `calibrationParams` gives
 * them; for the scoring queries, which join every player to the scores of
 * their summary.
 */
export function playerSummarySql(kind: ModelKind): string {
  return `SELECT player_id, ${CALIBRATION_SUMMARY} FROM (${transactionDaysSql(kind)}) GROUP BY player_id`;
}

/** The parameters of the calibration summaries: transaction days up to the calibration end, on one server or all. */
export const calibrationParams = (q: { calibrationEnd: string; server?: string }) => ({
  calibrationEnd: q.calibrationEnd,
  upTo: q.calibrationEnd,
  server: q.server ?? '',
});

/**
 * Per payer with a purchase day up to {calibrationEnd:Date}: the calibration
 * summary and repeat_mean, the mean revenue of the repeat purchase days (all
 * but the first) as Decimal rounded to 4 places, NULL when x = 0. The scale
 * is widened before dividing because Decimal division keeps the dividend's
 * scale and would truncate, not round.
 */
export const PAYER_SUMMARY = `SELECT player_id, x, t_x_days, T_days, round(repeat_revenue / nullIf(x, 0), 4) AS repeat_mean
  FROM (
    SELECT player_id, ${CALIBRATION_SUMMARY},
           toDecimal128(sum(day_revenue) - argMin(day_revenue, day), 10) AS repeat_revenue
    FROM (${transactionDaysSql('monetary')})
    GROUP BY player_id
  )`;

/** Players sharing one calibration summary, in days. */
export interface BgNbdDayStats {
  x: number;
  t_x_days: number;
  T_days: number;
  n: number;
}

/** BG/NBD inputs: players per (x, t_x, T) in days, calibration ending on calibrationEnd (inclusive). */
export async function bgnbdStats(db: Db, q: { kind: ModelKind; calibrationEnd: string; server?: string }): Promise<BgNbdDayStats[]> {
  return rows(
    db,
    `SELECT x, t_x_days, T_days, count() AS n
     FROM (${playerSummarySql(q.kind)})
     GROUP BY x, t_x_days, T_days
     ORDER BY x, t_x_days, T_days`,
    calibrationParams(q),
  );
}

/** Payers sharing one (x, zbar); zbar is the 4-place Decimal mean, turned into a number for the model only here. */
export interface GammaGammaStats {
  x: number;
  zbar: number;
  n: number;
}

/**
 * Gamma-Gamma inputs: payers with a repeat purchase day in calibration, per
 * (x, zbar). Payers whose zbar is zero or below ($0.00 purchases, or refunds
 * netting their purchase days to nothing) are left out: the model is defined
 * for positive spend only.
 */
export async function gammaGammaStats(db: Db, q: { calibrationEnd: string; server?: string }): Promise<GammaGammaStats[]> {
  const found = await rows<{ x: number; zbar: string; n: number }>(
    db,
    `SELECT x, toString(repeat_mean) AS zbar, count() AS n
     FROM (${PAYER_SUMMARY})
     WHERE x > 0 AND repeat_mean > 0
     GROUP BY x, repeat_mean
     ORDER BY x, repeat_mean`,
    calibrationParams(q),
  );
  return found.map((r) => ({ x: r.x, zbar: Number(r.zbar), n: r.n }));
}

/** One payer's monetary calibration summary; zbar is an exact decimal string (4 places), null without a repeat purchase day. */
export interface MonetaryPlayerSummary {
  player_id: string;
  x: number;
  t_x_days: number;
  T_days: number;
  zbar: string | null;
}

/**
 * Every payer's monetary summary, for checking the grouped statistics against
 * published per-customer data (CDNOW). Lists every payer: use it on
 * validation data sets, not on a live game.
 */
export async function monetarySummaryPerPlayer(db: Db, q: { calibrationEnd: string; server?: string }): Promise<MonetaryPlayerSummary[]> {
  return rows(
    db,
    `SELECT player_id, x, t_x_days, T_days, toString(repeat_mean) AS zbar
     FROM (${PAYER_SUMMARY})
     ORDER BY player_id`,
    calibrationParams(q),
  );
}

/** Players sharing one calibration summary, and the transaction days they made in the holdout period. */
export interface HoldoutDayStats extends BgNbdDayStats {
  holdout: number;
}

/**
 * Both sides of the predicted-vs-actual model check in one pass over the
 * transaction days up to {holdoutEnd}: per calibration summary (x, t_x, T in
 * days, as bgnbdStats gives them for the calibration end) of the players whose
 * first transaction is in calibration, how many they are and their transaction
 * days in the holdout period (calibrationEnd, holdoutEnd]. Same order as bgnbdStats.
 */
export async function holdoutStats(db: Db, q: { kind: ModelKind; calibrationEnd: string; holdoutEnd: string; server?: string }): Promise<HoldoutDayStats[]> {
  return rows(
    db,
    `SELECT x, t_x_days, T_days, count() AS n, sum(holdout_days) AS holdout
     FROM (
       SELECT player_id, toUInt32(uniqExactIf(day, day <= {calibrationEnd:Date}) - 1) AS x,
              toUInt32(dateDiff('day', min(day), maxIf(day, day <= {calibrationEnd:Date}))) AS t_x_days,
              toUInt32(dateDiff('day', min(day), {calibrationEnd:Date})) AS T_days,
              uniqExactIf(day, day > {calibrationEnd:Date}) AS holdout_days
       FROM (${transactionDaysSql(q.kind)})
       GROUP BY player_id
       HAVING min(day) <= {calibrationEnd:Date}
     )
     GROUP BY x, t_x_days, T_days
     ORDER BY x, t_x_days, T_days`,
    { calibrationEnd: q.calibrationEnd, upTo: q.holdoutEnd, server: q.server ?? '' },
  );
}
