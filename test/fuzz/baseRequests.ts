import type { ParamPlace, ParamSpec, RequestSpec } from '../../contract/params.ts';
import { REQUESTS, type RouteKey } from '../../contract/requests.ts';
import { LAST_DAY, type GameIds } from './fuzzGame.ts';

/** A request's valid values: path and query as text, the body as JSON values. */
export interface Base {
  path: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  /**
   * Values the other parameters hold while one holds a hostile value, where
   * an accepted request would be too costly to repeat for every hostile text
   * (saving stage rules recomputes the whole stage history): still through
   * the whole parameter layer, then refused by the domain. The valid request
   * itself is sent with the values above.
   */
  whileFuzzing?: Partial<Omit<Base, 'whileFuzzing'>>;
}

/** A valid value for a parameter from its declaration alone: its default, its first choice, the game's last day, the smallest number. */
function valid(spec: ParamSpec): unknown {
  if ('default' in spec && spec.default !== undefined && spec.default !== '') return spec.default;
  switch (spec.type) {
    case 'day':
      return LAST_DAY;
    case 'whole':
    case 'number':
      return spec.min;
    case 'choice':
      return spec.choices[0];
    case 'flag':
      return false;
    case 'textList':
    case 'list':
      return [];
    case 'object':
      return {};
    default:
      return 'fuzz';
  }
}

/**
 * Base values per route where the declaration alone is not enough: real ids
 * from the seeded game, and values that keep an accepted request cheap and
 * harmless while one of the others holds a hostile value.
 */
function overrides(ids: GameIds): Partial<Record<RouteKey, Partial<Base>>> {
  const rules = { rules: ids.rules };
  const offer = { path: { id: ids.offerId }, body: { author: 'fuzz' } };
  const schedule = ids.schedule;
  const strong = 'fuzz-Another-Horse-5817';
  return {
    'GET /api/players': { query: { q: 'p' } },
    'GET /api/players/:id': { path: { id: ids.playerId } },
    'GET /api/players/:id/events': { path: { id: ids.playerId } },
    // The game's own inbox: already loaded, so an accepted run finds nothing new (a hostile absolute path is what the suite tries).
    'POST /api/ingest': { body: { paths: [ids.inbox] } },
    // One day: an accepted backfill (a hostile bound that parses) is clamped to the days with data anyway.
    'POST /api/lifecycle/backfill': { body: { from: LAST_DAY, to: LAST_DAY } },
    // The model trust holdout must end before the data does.
    'GET /api/models/trust': { query: { calibrationEnd: '2026-02-28' } },
    'POST /api/settings/lifecycle/preview': { body: rules },
    'POST /api/settings/lifecycle/backtest': { body: rules },
    // The active rules again: the valid save is a new version of the same rules. Each accepted save recomputes every
    // stored stage snapshot, so while author or note holds a hostile value the rules are ones the rule check refuses,
    // and while the rules do, author and note are valid.
    'POST /api/settings/lifecycle': { body: { ...rules, author: 'fuzz' }, whileFuzzing: { body: { rules: { decline_share: 7 } } } },
    'GET /api/settings/lifecycle/versions/:v': { path: { v: '1' } },
    // Restoring recomputes as saving does: while author holds a hostile value, the version is one that does not exist.
    'POST /api/settings/lifecycle/versions/:v/restore': { path: { v: '1' }, body: { author: 'fuzz' }, whileFuzzing: { path: { v: '999' } } },
    'POST /api/offers/what-if': { body: { offer: ids.offer } },
    'GET /api/offers/:id': offer,
    'POST /api/offers': { body: { offer: { ...ids.offer, offerId: 'fuzz-offer' }, author: 'fuzz' } },
    'PUT /api/offers/:id': { path: offer.path, body: { offer: ids.offer, author: 'fuzz' } },
    'POST /api/offers/:id/archive': offer,
    'POST /api/offers/:id/restore': offer,
    'GET /api/offers/:id/audience': offer,
    // The launch the suite made: an accepted one is refused as already running unless forced, and webhooks stay off.
    'POST /api/offers/:id/launch': { path: offer.path, body: { author: 'fuzz', asOf: LAST_DAY, webhook: false, force: false } },
    // The seeded offers again: an accepted save is a new version of the same choice.
    'PUT /api/winback/choices': {
      body: { rescueOfferId: 'returning-reward', newServerOfferId: 'new-server', comradesOfferId: 'comrades-referral', author: 'fuzz' },
    },
    'POST /api/reports/schedules': { body: schedule },
    'PUT /api/reports/schedules/:id': { path: { id: ids.scheduleId }, body: schedule },
    // No delivery: an accepted run only writes its files.
    'POST /api/reports/schedules/:id/run': { path: { id: ids.scheduleId }, body: { window: '2026-03-25', lang: 'en', deliver: false } },
    'GET /api/reports/runs': { query: { schedule: ids.scheduleId } },
    'GET /api/reports/runs/:id': { path: { id: ids.runId } },
    'GET /api/reports/runs/:id/deliveries': { path: { id: ids.runId } },
    'GET /api/reports/runs/:id/:file': { path: { id: ids.runId, file: ids.runFile } },
    'GET /api/launches/:id': { path: { id: ids.launchId } },
    'GET /api/launches/:id/uplift': { path: { id: ids.launchId } },
    'GET /api/launches/:id/audience.csv': { path: { id: ids.launchId } },
    'POST /api/session': { body: { user: ids.userName, password: ids.userPassword } },
    'POST /api/session/password': { body: { current: ids.userPassword, password: strong } },
    'POST /api/users': { body: { name: 'fuzz-new', role: 'viewer', password: strong } },
    // The second user, never the admin the suite signs in as.
    'PUT /api/users/:name': { path: { name: ids.userName }, body: { role: 'viewer' } },
    'POST /api/users/:name/password': { path: { name: ids.userName }, body: { password: strong } },
    'POST /api/tokens': { body: { name: 'fuzz-new-token', role: 'viewer' } },
    // The spare token, never the suite's own.
    'DELETE /api/tokens/:name': { path: { name: ids.spareToken } },
    // Nobody with rows: an accepted erasure has nothing to remove, so it does not wait for the engine's cleanup.
    'POST /api/erasure': { body: { players: ['fuzz-nobody'] } },
  };
}

/**
 * The valid request of every route: path and query parameters all present;
 * body fields present when required, defaulted or overridden (an optional
 * field left out is valid, and avoids e.g. a stale baseVersion).
 */
export function baseRequests(ids: GameIds): Record<RouteKey, Base> {
  const extra = overrides(ids);
  const out = {} as Record<RouteKey, Base>;
  for (const [key, spec] of Object.entries(REQUESTS) as [RouteKey, RequestSpec][]) {
    const base: Base = { path: {}, query: {}, body: {} };
    for (const place of ['path', 'query', 'body'] as ParamPlace[])
      for (const [name, p] of Object.entries(spec[place] ?? {})) {
        const wanted = place !== 'body' || ('required' in p && p.required) || ('default' in p && p.default !== undefined);
        if (wanted) (base[place] as Record<string, unknown>)[name] = place === 'body' ? valid(p) : String(valid(p));
      }
    const o = extra[key] ?? {};
    out[key] = { path: { ...base.path, ...o.path }, query: { ...base.query, ...o.query }, body: { ...base.body, ...o.body }, whileFuzzing: o.whileFuzzing };
  }
  return out;
}
