import type { RangeQuery, WindowKpis } from '../../../contract/overview.ts';
import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';
import { ACTIVE_WINDOWS, activeInWindow, activePlayers, payingPlayers } from '../metrics/windows.ts';

/**
 * DESIGN section 5 (paying rate, ARPU and ARPPU over the same range): DAU / WAU / MAU are distinct active players in the 1 / 7 / 30
 * days ending on `to`; active and paying players and revenue cover the whole range.
 */
export async function windowKpis(db: Db, f: RangeQuery): Promise<WindowKpis> {
  const r = await one<WindowKpis>(
    db,
    `SELECT dau, wau, mau, activePlayers, payingPlayers, toString(rev) AS revenue,
            if(activePlayers = 0, 0, payingPlayers / activePlayers) AS payingRate,
            toString(if(activePlayers = 0, toDecimal128(0, 4), round(rev / activePlayers, 4))) AS arpu,
            toString(if(payingPlayers = 0, toDecimal128(0, 4), round(rev / payingPlayers, 4))) AS arppu
     FROM (
       SELECT
         ${activeInWindow('dau', 'to')} AS dau,
         ${activeInWindow('wau', 'to')} AS wau,
         ${activeInWindow('mau', 'to')} AS mau,
         ${activePlayers('day >= {from:Date}')} AS activePlayers,
         ${payingPlayers('day >= {from:Date}')} AS payingPlayers,
         sumIf(revenue, day >= {from:Date}) AS rev
       FROM player_daily
       WHERE day >= least({from:Date}, {to:Date} - ${ACTIVE_WINDOWS.mau - 1}) AND day <= {to:Date}
         AND ({server:String} = '' OR server_id = {server:String})
     )`,
    { ...f },
  );
  return r!;
}
