import { type DayParam, latestInForce } from './inForce.ts';
import { FEATURES } from './refreshStageDaily.ts';

/**
 * Where the readers of "every player's stage and features on a day" read it
 * (value tiers and lists, offer audiences, win-back): the day's stored
 * snapshot (its latest computation under the rules in force, written by the
 * refresh after each ingest), or the stage view evaluated for a day the
 * snapshot does not cover. Both give the same columns; so every page shows
 * the one stage a player has on a day.
 */
export type StageSource = 'snapshot' | 'view';

const COLUMNS = `player_id, server_id, stage, status, tier, ${FEATURES}`;

/**
 * The rows as a table expression over the query's Date parameter `param`. The
 * view is named as it is, not wrapped in a subquery: ClickHouse's join-order
 * optimizer (chDB 26.7) fails with "Left and right columns have same names"
 * when a wrapped multi-join view is joined. Readers use COLUMNS only.
 */
export function stagesOn(source: StageSource, param: DayParam): string {
  return source === 'snapshot'
    ? `(SELECT ${COLUMNS} FROM player_stage_daily WHERE day = {${param}:Date} AND ${latestInForce('player_stage_daily', param)})`
    : `player_stage(as_of = {${param}:Date})`;
}
