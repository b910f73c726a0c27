/**
 * SQL fragments that keep the stored stage snapshots to the stage rules in
 * force: a pending version's rows (being written by its recompute) stay
 * invisible until it is published, so a snapshot reader and the player_stage
 * view always agree on "the stage of a player on a day".
 */

/** The published version of the stage rules (sql/025). */
export const VERSION_IN_FORCE = '(SELECT version FROM active_lifecycle_config)';

/** The Date parameters a snapshot reader may name (an allow-list: the name is written into the SQL). */
export type DayParam = 'day' | 'from' | 'to' | 'end' | 'asOf' | 'as_of';

/** Rows of a day's latest computation under the version in force; `param` names the query's Date parameter. */
export function latestInForce(table: 'player_stage_daily' | 'stage_daily', param: DayParam): string {
  return `config_version = ${VERSION_IN_FORCE}
            AND computed_at = (SELECT max(computed_at) FROM ${table} WHERE day = {${param}:Date} AND config_version = ${VERSION_IN_FORCE})`;
}
