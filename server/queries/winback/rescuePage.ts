import type { RescueSort } from '../../../contract/winback.ts';
import type { Db } from '../../db/client.ts';
import { rows, type Params } from '../../db/query.ts';
import { MEMBER_COLUMNS } from '../offers/audienceSql.ts';
import type { MemberRow } from '../offers/audienceMembers.ts';

/** Largest first by the sort, then by player id: the order the list has always had. An allow-list of fixed text. */
const ORDER: Record<RescueSort, string> = {
  return: 'ret_u DESC, player_id',
  clv: 'clv_u DESC, player_id',
  chance: 'p_win_back DESC, player_id',
  cost: 'cost_u DESC, player_id',
  idle: 'idle_days DESC, player_id',
};

/** One page of decidedSql's rows with a decision ('all' = any), as audience members. */
export function rescuePage(
  db: Db,
  decided: { sql: string; params: Params },
  q: { decision: string; sort: RescueSort; limit: number; offset: number },
): Promise<MemberRow[]> {
  return rows<MemberRow>(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM (${decided.sql})
     WHERE {decision:String} = 'all' OR decision = {decision:String}
     ORDER BY ${ORDER[q.sort]} LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    { ...decided.params, ...q },
  );
}
