import type { Db } from '../db/client.ts';
import { stageSourceOn } from '../lifecycle/stageSource.ts';
import { lastPayDays } from '../queries/value/lastPayDays.ts';
import { VALUE_LIST_WHERE, type ValueList } from '../queries/value/valueLists.ts';
import { valuedPlayers, type ValuedOrder, type ValuedPlayer } from '../queries/value/valuedPlayers.ts';

/** The lists by name; each one's condition is in server/queries/value/valueLists.ts. */
export type { ValueList };
export const VALUE_LIST_NAMES = Object.keys(VALUE_LIST_WHERE) as ValueList[];

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
  const page = await valuedPlayers(db, name, { ...q, source: await stageSourceOn(db, q.asOf) });
  const lastPay = await lastPayDays(
    db,
    page.players.map((p) => p.playerId),
    q.asOf,
  );
  return { total: page.total, players: page.players.map((p) => ({ ...p, lastPayDay: lastPay.get(p.playerId) ?? null })) };
}
