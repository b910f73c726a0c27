import type { Router } from 'express';
import type { PlayerEvents, PlayerProfile, PlayerSearch } from '../../contract/players.ts';
import { auditor } from '../audit/audited.ts';
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

export function playerRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
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
    handle(async (req) => {
      const id = playerId(req.params.id as string);
      const profile = await playerProfile(db, id);
      await audited.record(req, { action: 'player.read', target: audited.player(id) });
      return profile satisfies PlayerProfile;
    }),
  );
  r.get(
    '/players/:id/events',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const limit = parseWhole(q, 'limit', 50, 1, 200);
      const offset = parseWhole(q, 'offset', 0, 0, 10_000_000);
      const id = playerId(req.params.id as string);
      const page = await playerEventPage(db, id, limit, offset);
      await audited.record(req, { action: 'player.events.read', target: audited.player(id), detail: { offset } });
      return page satisfies PlayerEvents;
    }),
  );
  return r;
}
