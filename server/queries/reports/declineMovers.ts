import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import { TRANSITION_ROWS } from '../lifecycle/snapshotSql.ts';
import { latestScoresSql } from '../models/latestScoresSql.ts';

/**
 * Players who moved into decline between two snapshot days: on the "to" day
 * their transition key is decline (leaving or lapsed; lost is its own key) and
 * on the "from" day it was anything else, 'new' included. Same rows as the
 * transition matrix (TRANSITION_ROWS), joined to the latest model scores for
 * the value they are expected to carry.
 */
const MOVERS = `FROM (${TRANSITION_ROWS}) AS t
  LEFT JOIN (${latestScoresSql()}) AS s ON s.player_id = t.player_id
  WHERE t.to_stage = 'decline' AND t.from_stage != 'decline'`;

export interface DeclineMoverRow {
  playerId: string;
  serverId: string;
  tier: string;
  from: string;
  idleDays: number;
  lifetimeSpend: string;
  recentSpend: string;
  expectedClv: string | null;
}

export interface DeclineMoverTotals {
  players: number;
  lifetimeSpend: string;
  recentSpend: string;
  expectedClv: string;
  scoredPlayers: number;
}

type Pair = { from: string; to: string; server: string };

/** The movers carrying the most lifetime spend first (player id breaks ties), at most `limit`. */
export async function declineMovers(db: Db, q: Pair & { limit: number }): Promise<DeclineMoverRow[]> {
  return rows<DeclineMoverRow>(
    db,
    `SELECT t.player_id AS playerId, t.server_id AS serverId, t.tier AS tier, t.from_stage AS from, t.idle_days AS idleDays,
            toString(t.lifetime_spend) AS lifetimeSpend, toString(t.spend_r) AS recentSpend, toString(s.clv) AS expectedClv
     ${MOVERS}
     ORDER BY t.lifetime_spend DESC, t.player_id LIMIT {limit:UInt32}`,
    q,
  );
}

/** How many moved into decline and the value they carry: lifetime and recent spend, expected CLV of the scored ones. */
export async function declineMoverTotals(db: Db, q: Pair): Promise<DeclineMoverTotals> {
  const r = await one<DeclineMoverTotals>(
    db,
    `SELECT count() AS players, toString(sum(t.lifetime_spend)) AS lifetimeSpend, toString(sum(t.spend_r)) AS recentSpend,
            toString(sum(ifNull(s.clv, 0))) AS expectedClv, countIf(s.clv IS NOT NULL) AS scoredPlayers
     ${MOVERS}`,
    q,
  );
  return {
    players: Number(r?.players ?? 0),
    lifetimeSpend: r?.lifetimeSpend ?? '0',
    recentSpend: r?.recentSpend ?? '0',
    expectedClv: r?.expectedClv ?? '0',
    scoredPlayers: Number(r?.scoredPlayers ?? 0),
  };
}
