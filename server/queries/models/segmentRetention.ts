import type { Stage, ValueTier } from '../../../contract/enums.ts';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';
import { snapshotOf } from '../lifecycle/snapshotSql.ts';
import { latestInForce } from '../stages/inForce.ts';

export interface SegmentPeriod {
  stage: Stage;
  tier: ValueTier;
  /** Players of the segment on the "from" day (those already lost are out of the base and left out). */
  players: number;
  /** Of them, those neither lapsed nor lost on the "to" day. */
  retained: number;
  /** Their revenue over the days after "from" up to "to" (decimal string). */
  revenue: string;
}

/**
 * The inputs of a Dwyer segment CLV, per segment = stage x value tier on the
 * {from:Date} stage snapshot: how many of its players are still in the active
 * base on the {to:Date} snapshot, and what they paid in between: the growth of
 * their lifetime spend from one snapshot to the other (each is every revenue
 * up to its day, refunds netted), so the rollup is not grouped again. Every
 * player of "from" is on "to", which holds every player seen by then. Server
 * {server:String} ('' = all) picks players by their server on "from".
 */
export async function segmentRetention(db: Db, q: { from: string; to: string; server: string }): Promise<SegmentPeriod[]> {
  return rows<SegmentPeriod>(
    db,
    `SELECT a.key AS stage, a.tier AS tier, count() AS players,
            countIf(b.player_id != '' AND b.status NOT IN ('lapsed', 'lost')) AS retained,
            toString(sum(b.lifetime_spend - a.lifetime_spend)) AS revenue
     FROM (${snapshotOf('from')}) AS a
     LEFT JOIN (
       SELECT player_id, status, lifetime_spend FROM player_stage_daily
       WHERE day = {to:Date} AND ${latestInForce('player_stage_daily', 'to')}
     ) AS b ON b.player_id = a.player_id
     WHERE a.key != 'lost' AND ({server:String} = '' OR a.server_id = {server:String})
     GROUP BY stage, tier
     ORDER BY stage, tier
     SETTINGS join_use_nulls = 0`,
    q,
  );
}
