import type { RangeQuery, WindowKpis } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { ACTIVE_WINDOWS, hasPaid, lastDays, wasActive } from '../metrics/windows.ts';

/**
 * DESIGN section 5 (paying rate, ARPU and ARPPU over the same range): DAU / WAU / MAU are distinct active players in the 1 / 7 / 30
 * days ending on `to`; active and paying players and revenue cover the whole range. Each player's rows are grouped once and
 * flagged per window: five distinct counts from one grouping, where a set of ids per count took about five times as long.
 */
export async function windowKpis(db: Db, f: RangeQuery): Promise<WindowKpis> {
  const r = await one<WindowKpis>(
    db,
    `SELECT dau, wau, mau, activePlayers, payingPlayers, toString(rev) AS revenue,
            if(activePlayers = 0, 0, payingPlayers / activePlayers) AS payingRate,
            toString(if(activePlayers = 0, toDecimal128(0, 4), round(rev / activePlayers, 4))) AS arpu,
            toString(if(payingPlayers = 0, toDecimal128(0, 4), round(rev / payingPlayers, 4))) AS arppu
     FROM (
       SELECT sum(in_dau) AS dau, sum(in_wau) AS wau, sum(in_mau) AS mau,
              sum(in_range) AS activePlayers, sum(paid_in_range) AS payingPlayers, sum(player_rev) AS rev
       FROM (
         SELECT player_id,
                ${wasActive(lastDays('to', ACTIVE_WINDOWS.dau))} AS in_dau,
                ${wasActive(lastDays('to', ACTIVE_WINDOWS.wau))} AS in_wau,
                ${wasActive(lastDays('to', ACTIVE_WINDOWS.mau))} AS in_mau,
                ${wasActive('day >= {from:Date}')} AS in_range,
                ${hasPaid('day >= {from:Date}')} AS paid_in_range,
                sumIf(revenue, day >= {from:Date}) AS player_rev
         FROM player_daily
         WHERE day >= least({from:Date}, {to:Date} - ${ACTIVE_WINDOWS.mau - 1}) AND day <= {to:Date}
           AND ({server:String} = '' OR server_id = {server:String})
         GROUP BY player_id
       )
     )`,
    { ...f },
  );
  return r!;
}
