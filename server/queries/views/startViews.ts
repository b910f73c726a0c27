import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { activePlayers, payingPlayers } from '../metrics/windows.ts';
import { activeRef, draftRef, playerStageSql } from '../stages/playerStageSql.ts';

/**
 * Daily activity and revenue, all servers or one (server = ''): DAU, paying
 * players and revenue per day with rows.
 * Usage: SELECT * FROM daily_kpi(from = '2026-01-01', to = '2026-01-31', server = '')
 */
const DAILY_KPI = `SELECT day, ${activePlayers()} AS dau, ${payingPlayers()} AS payers, sum(revenue) AS revenue
FROM player_daily
WHERE day BETWEEN {from:Date} AND {to:Date}
  AND ({server:String} = '' OR server_id = {server:String})
GROUP BY day`;

/**
 * The views whose bodies are built in code, from the metric fragments and the
 * stage rules, and replaced at every start after the migrations: the one
 * place that defines them. sql/006_lifecycle_views.sql created their first
 * versions, which are replaced here (sql/README.md says so).
 * player_stage(as_of): every player's lifecycle features and stage as of a day.
 * player_stage_under(as_of, <every threshold>): the same under thresholds given
 * as parameters (the snapshot refresh and a pending version's recompute pass a
 * version's values, read once: about twice as fast as a scalar subquery per
 * threshold reference, and the rules are the same SQL).
 */
export const START_VIEWS: readonly { name: string; select: string }[] = [
  { name: 'player_stage', select: playerStageSql(activeRef) },
  { name: 'player_stage_under', select: playerStageSql(draftRef) },
  { name: 'daily_kpi', select: DAILY_KPI },
];

/** (Re)creates every start view from its current definition. */
export async function createStartViews(db: Db): Promise<void> {
  for (const view of START_VIEWS) await exec(db, `CREATE OR REPLACE VIEW ${view.name} AS ${view.select}`);
}
