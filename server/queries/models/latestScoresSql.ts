/**
 * Every scored player's current scores, one row per player, as an SQL
 * fragment for the readers (profile, value lists, stage summary): the scores
 * of the latest successful run of each kind. Engagement gives P(alive), the
 * repeat active days it was computed from (x), the expected active days and the churn-risk tier; monetary (payers only) the
 * paying P(alive), expected spend and CLV. Columns a player has no score for
 * are NULL; output names differ from the columns they aggregate, which
 * ClickHouse would otherwise resolve to the alias. `where` narrows the rows before grouping (e.g. to one player, so
 * the primary key is used); fixed text, never input.
 */
export function latestScoresSql(where = '1'): string {
  return `SELECT player_id,
         anyIf(toNullable(p_alive), kind = 'engagement') AS engagement_p_alive,
         anyIf(toNullable(x), kind = 'engagement') AS engagement_x,
         anyIf(toNullable(expected_30), kind = 'engagement') AS expected_days_30,
         anyIf(toNullable(expected_90), kind = 'engagement') AS expected_days_90,
         anyIf(toNullable(toString(risk_tier)), kind = 'engagement') AS churn_risk,
         anyIf(toNullable(p_alive), kind = 'monetary') AS monetary_p_alive,
         anyIf(toNullable(expected_90), kind = 'monetary') AS expected_purchases_90,
         anyIf(expected_spend, kind = 'monetary') AS spend_per_purchase,
         anyIf(expected_clv, kind = 'monetary') AS clv,
         anyIf(toNullable(as_of), kind = 'engagement') AS engagement_as_of,
         anyIf(toNullable(as_of), kind = 'monetary') AS monetary_as_of
       FROM player_scores
       WHERE run_id IN (SELECT argMax(run_id, finished_at) FROM model_runs WHERE status = 'ok' GROUP BY kind) AND (${where})
       GROUP BY player_id`;
}
