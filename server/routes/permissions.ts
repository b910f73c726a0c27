import type { Access } from '../../contract/auth.ts';

/**
 * The permission of every API route, in one table: the least role that may
 * call it (roles include the ones before them: viewer < analyst < designer <
 * operator < admin), or `public`. Keys are "METHOD /api/path" exactly as the
 * route is registered. A route missing here cannot be registered
 * (guardedRouter.ts throws at start-up), and test/integration/permissions.test.ts
 * walks Express's router and tries every route with every role.
 *
 * viewer: every page, read only. analyst: + player profiles and player-level
 * exports. designer: + stage rules, offer catalog, report schedules, model
 * fits. operator: + ingest and anything that sends to players (launches).
 * admin: + users, tokens, audit, erasure, instance settings.
 */
export const PERMISSIONS = {
  'GET /api/health': 'public',
  'GET /api/preparing': 'viewer',
  'GET /api/meta': 'viewer',
  'GET /api/readiness': 'viewer',
  'GET /api/overview': 'viewer',
  'GET /api/stages/trend': 'viewer',

  'GET /api/ingest/status': 'viewer',
  'GET /api/ingest/quarantine.csv': 'analyst',
  'POST /api/ingest': 'operator',

  'GET /api/lifecycle/transitions': 'viewer',
  'GET /api/lifecycle/flow': 'viewer',
  'GET /api/lifecycle/flow.csv': 'analyst',
  'POST /api/lifecycle/backfill': 'designer',

  'GET /api/retention': 'viewer',
  'GET /api/retention/ltv': 'viewer',
  'GET /api/retention/filters': 'viewer',
  'GET /api/retention.csv': 'viewer',

  'GET /api/players': 'viewer',
  'GET /api/players/:id': 'analyst',
  'GET /api/players/:id/events': 'analyst',
  'GET /api/players/:id/events.csv': 'analyst',

  'GET /api/value': 'viewer',
  'GET /api/value/lists': 'viewer',
  'GET /api/value/lists/:name': 'viewer',
  'GET /api/value/lists/:name.csv': 'analyst',

  'GET /api/settings/lifecycle': 'viewer',
  'GET /api/settings/lifecycle/versions/:v': 'viewer',
  'GET /api/settings/lifecycle/recompute': 'viewer',
  'POST /api/settings/lifecycle/preview': 'designer',
  'POST /api/settings/lifecycle/backtest': 'designer',
  'POST /api/settings/lifecycle': 'designer',
  'POST /api/settings/lifecycle/versions/:v/restore': 'designer',

  'GET /api/models': 'viewer',
  'POST /api/models/fit': 'designer',
  'GET /api/models/trust': 'viewer',
  'GET /api/models/segments': 'viewer',
  'GET /api/models/cohorts': 'viewer',

  'GET /api/offers': 'viewer',
  'GET /api/offers/proposals': 'viewer',
  'POST /api/offers/what-if': 'designer',
  'GET /api/offers/:id': 'viewer',
  'POST /api/offers': 'designer',
  'PUT /api/offers/:id': 'designer',
  'POST /api/offers/:id/archive': 'designer',
  'POST /api/offers/:id/restore': 'designer',
  'GET /api/offers/:id/audience': 'viewer',
  'GET /api/offers/:id/audience.csv': 'analyst',
  'POST /api/offers/:id/launch': 'operator',

  'GET /api/winback/rescue': 'viewer',
  'GET /api/winback/servers': 'viewer',
  'GET /api/winback/comrades': 'viewer',
  'GET /api/winback/rescue.csv': 'analyst',
  'GET /api/winback/comrades.csv': 'analyst',
  'GET /api/winback/choices': 'viewer',
  'PUT /api/winback/choices': 'designer',

  'GET /api/reports/schedules': 'viewer',
  'POST /api/reports/schedules': 'designer',
  'PUT /api/reports/schedules/:id': 'designer',
  'POST /api/reports/schedules/:id/run': 'designer',
  'GET /api/reports/runs': 'viewer',
  'GET /api/reports/runs/:id': 'viewer',
  'GET /api/reports/runs/:id/deliveries': 'viewer',
  'GET /api/reports/runs/:id/:file': 'viewer',

  // Alerts: everyone sees them; acknowledging is the data operators' (who run the ingest); the rules and recipients are the admin's.
  'GET /api/alerts': 'viewer',
  'POST /api/alerts/:id/ack': 'operator',
  'GET /api/alerts/rules': 'viewer',
  'PUT /api/alerts/rules': 'admin',

  'GET /api/launches': 'viewer',
  'GET /api/launches.csv': 'viewer',
  'GET /api/launches/:id': 'viewer',
  'GET /api/launches/:id/uplift': 'viewer',
  'GET /api/launches/:id/audience.csv': 'analyst',

  // Accounts: sign-in, one's own session and password; users and API tokens (admin).
  'GET /api/session': 'viewer',
  'POST /api/session': 'public',
  'POST /api/session/link': 'public',
  'DELETE /api/session': 'viewer',
  'POST /api/session/password': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PUT /api/users/:name': 'admin',
  'POST /api/users/:name/password': 'admin',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/:name': 'admin',

  // audit trail
  'GET /api/audit': 'admin',
  'GET /api/audit.csv': 'admin',
  'GET /api/audit/verify': 'admin',

  // Erasure of players on request (issue 12): admin only.
  'POST /api/erasure': 'admin',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof PERMISSIONS;

/** GET routes whose answers come from tables that change without moving db.writes (accounts, audit): never served from the response cache. */
export const UNCACHED: ReadonlySet<string> = new Set<string>([
  'GET /api/health',
  'GET /api/preparing',
  'GET /api/readiness',
  // the progress of a stage-rules recompute moves without writes between its batches
  'GET /api/settings/lifecycle/recompute',
  // read from the stored pairs (cheap); their refresh runs beside the page warmer without retiring other answers
  'GET /api/winback/comrades',
  // Accounts
  'GET /api/session',
  'GET /api/users',
  'GET /api/tokens',

  // audit: the trail's own reads, and the sensitive reads each of which must reach its handler to leave an entry
  'GET /api/audit',
  'GET /api/audit.csv',
  'GET /api/audit/verify',
  // alerts: written by the checks and acknowledgements, which leave the data (db.writes) as it is
  'GET /api/alerts',
  'GET /api/alerts/rules',
  'GET /api/players/:id',
  'GET /api/players/:id/events',
  'GET /api/launches/:id/audience.csv',
  'GET /api/reports/runs/:id/:file',
]);

/**
 * Routes that read no game data, so they answer while the demo game is being
 * prepared on a first start (sign-in, accounts, the audit trail, the progress
 * itself); every other route answers 503 `preparing` until it is loaded.
 */
export const DURING_PREPARATION: ReadonlySet<string> = new Set<string>([
  'GET /api/health',
  'GET /api/preparing',
  'GET /api/readiness',
  'GET /api/session',
  'POST /api/session',
  'POST /api/session/link',
  'DELETE /api/session',
  'POST /api/session/password',
  'GET /api/users',
  'POST /api/users',
  'PUT /api/users/:name',
  'POST /api/users/:name/password',
  'GET /api/tokens',
  'POST /api/tokens',
  'DELETE /api/tokens/:name',
  'GET /api/audit',
  'GET /api/audit.csv',
  'GET /api/audit/verify',
]);
