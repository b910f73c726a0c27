/**
 * The Overview daily series over one row per day of {from:Date}..{to:Date}
 * (days without activity as zeros): `joins` LEFT JOINs the day's figures as
 * k (dau, payers, revenue) and `newPlayers` names their new players column.
 * Constant SQL only.
 */
export function dailyRowsSql(newPlayers: 'n.new_players' | 'k.new_players', joins: string): string {
  return `SELECT d.day AS day, ifNull(k.dau, 0) AS dau, ifNull(${newPlayers}, 0) AS newPlayers,
            ifNull(k.payers, 0) AS payers, toString(ifNull(k.revenue, toDecimal128(0, 4))) AS revenue
     FROM (SELECT {from:Date} + number AS day FROM numbers(dateDiff('day', {from:Date}, {to:Date}) + 1)) AS d
     ${joins}
     ORDER BY d.day`;
}
