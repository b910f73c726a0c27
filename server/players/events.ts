import type { CsvOptions } from '../../contract/csv.ts';
import type { PlayerEvent, PlayerEvents, PlayerSearch } from '../../contract/players.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
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

const eventColumns = [
  column<PlayerEvent>('kind', (e) => e.kind),
  column<PlayerEvent>('at', (e) => e.at),
  column<PlayerEvent>('day', (e) => e.day),
  column<PlayerEvent>('server_id', (e) => e.serverId),
  column<PlayerEvent>('duration_s', (e) => (e.kind === 'session' ? e.durationS : null)),
  column<PlayerEvent>('level', (e) => e.level),
  column<PlayerEvent>('amount', (e) => (e.kind === 'payment' ? e.amount : null)),
  column<PlayerEvent>('sku', (e) => e.sku),
];

/** GET /api/players/:id/events.csv: all of a player's sessions and payments, latest first; an unknown id is a 404 before the file starts. */
export async function playerEventsCsv(db: Db, playerId: string, o: CsvOptions): Promise<CsvStream> {
  if (!(await playerSummary(db, playerId))) throw unknownPlayer(playerId);
  const pages = offsetPages((limit, offset) => playerEvents(db, playerId, limit, offset));
  return csvFile({ subject: 'events', filters: { player: playerId }, columns: eventColumns, pages }, o);
}
