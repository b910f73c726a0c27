import type { Router } from 'express';
import type { PlayerEvents, PlayerProfile, PlayerSearch } from '../../contract/players.ts';
import { auditor } from '../audit/audited.ts';
import { findPlayers, playerEventPage, playerEventsCsv } from '../players/events.ts';
import { playerProfile } from '../players/profile.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function playerRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/players',
    handle(async (req) => {
      const { q, limit } = inputOf(req, 'GET /api/players').query;
      return (await findPlayers(db, q, limit)) satisfies PlayerSearch;
    }),
  );
  r.get(
    '/players/:id',
    handle(async (req) => {
      const { id } = inputOf(req, 'GET /api/players/:id').path;
      const profile = await playerProfile(db, id);
      await audited.record(req, { action: 'player.read', target: audited.player(id) });
      return profile satisfies PlayerProfile;
    }),
  );
  r.get(
    '/players/:id/events',
    handle(async (req) => {
      const { path, query } = inputOf(req, 'GET /api/players/:id/events');
      const { id } = path;
      const { limit, offset } = query;
      const page = await playerEventPage(db, id, limit, offset);
      await audited.record(req, { action: 'player.events.read', target: audited.player(id), detail: { offset } });
      return page satisfies PlayerEvents;
    }),
  );
  r.get(
    '/players/:id/events.csv',
    handle(async (req, res) => {
      const { path, query } = inputOf(req, 'GET /api/players/:id/events.csv');
      const csv = await playerEventsCsv(db, path.id, query);
      await audited.record(req, { action: 'export.player_events', target: audited.player(path.id) });
      await streamCsv(res, csv);
    }),
  );
  return r;
}
