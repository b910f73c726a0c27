import type { PlayerEvents, PlayerSearch } from '../../contract/players.ts';
import type { Db } from '../db/client.ts';
import { playerEvents } from '../queries/players/playerEvents.ts';
import { playerSummary } from '../queries/players/playerSummary.ts';
import { searchPlayers } from '../queries/players/searchPlayers.ts';
import { unknownPlayer } from './profile.ts';

/** Players whose id starts with the text. */
export async function findPlayers(db: Db, prefix: string, limit: number): Promise<PlayerSearch> {
  return { players: await searchPlayers(db, prefix, limit) };
}

/** One page of a player's sessions and payments, latest first. */
export async function playerEventPage(db: Db, playerId: string, limit: number, offset: number): Promise<PlayerEvents> {
  const events = await playerEvents(db, playerId, limit, offset);
  // Every known player has an event, so only an empty page can mean an unknown id.
  if (events.length === 0 && !(await playerSummary(db, playerId))) throw unknownPlayer(playerId);
  return { limit, offset, events };
}
