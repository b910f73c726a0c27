import type { Router } from 'express';
import type { PlayerEvents, PlayerProfile, PlayerSearch } from '../../contract/players.ts';
import { invalid } from '../domainError.ts';
import { findPlayers, playerEventPage } from '../players/events.ts';
import { playerProfile } from '../players/profile.ts';
import { handle } from './http.ts';
import { parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

const PLAYER_ID = /^[\w.:@-]{1,128}$/;

function playerId(raw: string | undefined): string {
  if (!raw || !PLAYER_ID.test(raw)) throw invalid('a player id is 1 to 128 letters, digits or _ . : @ -');
  return raw;
}

export function playerRoutes({ db, router }: RouteDeps): Router {
  const r = router();
  r.get(
    '/players',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const text = queryString(q, 'q');
      if (!text) throw invalid('q (the start of a player id) is required');
      return (await findPlayers(db, playerId(text), parseWhole(q, 'limit', 20, 1, 100))) satisfies PlayerSearch;
    }),
  );
  r.get(
    '/players/:id',
    handle(async (req) => (await playerProfile(db, playerId(req.params.id as string))) satisfies PlayerProfile),
  );
  r.get(
    '/players/:id/events',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const limit = parseWhole(q, 'limit', 50, 1, 200);
      const offset = parseWhole(q, 'offset', 0, 0, 10_000_000);
      return (await playerEventPage(db, playerId(req.params.id as string), limit, offset)) satisfies PlayerEvents;
    }),
  );
  return r;
}
