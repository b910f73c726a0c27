import type { Db } from '../db/client.ts';
import { lastPayDays } from '../queries/value/lastPayDays.ts';
import { valuedPlayers, type ValuedOrder, type ValuedPlayer } from '../queries/value/valuedPlayers.ts';

/**
 * The player lists live-ops asks for, as conditions on the stage view's
 * columns (player_stage). Fixed text, never user input.
 */
export const LOYAL_MIN_TENURE_DAYS = 60;
/**
 * Loyal players were active on at least this share of the days of the recent
 * and prior stage windows together (the last 28 days with the default 14-day
 * windows: 14 active days).
 */
export const LOYAL_MIN_ACTIVE_SHARE = 0.5;

export const VALUE_LISTS = {
  top_spenders: `lifetime_spend > 0`,
  big_spenders: `tier IN ('whale', 'dolphin')`,
  loyal: `stage = 'stable' AND tenure_days >= ${LOYAL_MIN_TENURE_DAYS}
          AND active_r + active_p >= ${LOYAL_MIN_ACTIVE_SHARE} * 2 * (SELECT window_days FROM active_lifecycle_config)`,
  growth_potential: `stage = 'growth' AND spend_r > spend_p`,
  at_risk_high_value: `tier IN ('whale', 'dolphin') AND stage = 'decline' AND status != 'lost'`,
} as const;

export type ValueList = keyof typeof VALUE_LISTS;
export const VALUE_LIST_NAMES = Object.keys(VALUE_LISTS) as ValueList[];

export interface ListedPlayer extends ValuedPlayer {
  /** Last day with a payment up to the as-of day; null for non-payers. */
  lastPayDay: string | null;
}

/** One page of a list in the chosen order (biggest spenders first by default), with each player's last paying day. */
export async function valueListPage(
  db: Db,
  name: ValueList,
  q: { asOf: string; server: string; limit: number; offset: number; sort: ValuedOrder },
): Promise<{ total: number; players: ListedPlayer[] }> {
  const page = await valuedPlayers(db, VALUE_LISTS[name], q);
  const lastPay = await lastPayDays(db, page.players.map((p) => p.playerId), q.asOf);
  return { total: page.total, players: page.players.map((p) => ({ ...p, lastPayDay: lastPay.get(p.playerId) ?? null })) };
}
