import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { playerProfile } from '../players/profile.ts';
import { playerEvents } from '../queries/players/playerEvents.ts';
import { playerSummary } from '../queries/players/playerSummary.ts';
import { searchPlayers } from '../queries/players/searchPlayers.ts';
import { handle } from './http.ts';
import { parseWhole, queryString } from './params.ts';
import { invalid, notFound } from '../domainError.ts';

const PLAYER_ID = /^[\w.:@-]{1,128}$/;

function playerId(raw: string | undefined): string {
  if (!raw || !PLAYER_ID.test(raw)) throw invalid('a player id is 1 to 128 letters, digits or _ . : @ -');
  return raw;
}

const unknownPlayer = (id: string) => notFound(`no player "${id}" in the data`);

export function playerRoutes({ db }: Deps): Router {
  const r = Router();
  r.get(
    '/players',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const text = queryString(q, 'q');
      if (!text) throw invalid('q (the start of a player id) is required');
      return { players: await searchPlayers(db, playerId(text), parseWhole(q, 'limit', 20, 1, 100)) };
    }),
  );
  r.get(
    '/players/:id',
    handle(async (req) => {
      const id = playerId(req.params.id as string);
      const profile = await playerProfile(db, id);
      if (!profile) throw unknownPlayer(id);
      return profile;
    }),
  );
  r.get(
    '/players/:id/events',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const limit = parseWhole(q, 'limit', 50, 1, 200);
      const offset = parseWhole(q, 'offset', 0, 0, 10_000_000);
      const id = playerId(req.params.id as string);
      const events = await playerEvents(db, id, limit, offset);
      // Every known player has an event, so only an empty page can mean an unknown id.
      if (events.length === 0 && !(await playerSummary(db, id))) throw unknownPlayer(id);
      return { limit, offset, events };
    }),
  );
  return r;
}
