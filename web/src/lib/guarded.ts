// The routes behind the app's role-aware controls and the pure rule deciding them (access.ts applies it to the
// signed-in user).
import { ROLES, type Access, type Me, type Role } from '../../../contract/auth.ts';

/** The routes behind the app's controls, by their key in the server's permission table (server/routes/permissions.ts). */
export const GUARDED = [
  'POST /api/settings/lifecycle',
  'POST /api/settings/lifecycle/versions/:v/restore',
  'POST /api/settings/lifecycle/preview',
  'POST /api/settings/lifecycle/backtest',
  'POST /api/offers',
  'PUT /api/offers/:id',
  'POST /api/offers/:id/archive',
  'POST /api/offers/:id/launch',
  'PUT /api/winback/choices',
  'POST /api/reports/schedules',
  'PUT /api/reports/schedules/:id',
  'POST /api/reports/schedules/:id/run',
  'POST /api/models/fit',
  'GET /api/players/:id',
  'GET /api/launches/:id/audience.csv',
  'GET /api/value/lists/:name.csv',
  'GET /api/lifecycle/flow.csv',
  'GET /api/offers/:id/audience.csv',
  'GET /api/winback/rescue.csv',
  'GET /api/winback/comrades.csv',
  'GET /api/players/:id/events.csv',
  'GET /api/ingest/quarantine.csv',
  'GET /api/launches.csv',
  'GET /api/users',
  'GET /api/audit',
  'POST /api/erasure',
  'POST /api/alerts/:id/ack',
  'PUT /api/alerts/rules',
] as const;
export type Guarded = (typeof GUARDED)[number];

const rank = (a: Access) => (a === 'public' ? -1 : ROLES.indexOf(a));

/**
 * The least role `route` needs when `me`'s role is below it, else null (also when nobody is signed in: then
 * no page shows). A route the table does not name (a server without it) counts as admin-only.
 */
export function roleNeeded(me: Pick<Me, 'role' | 'access'> | null, route: Guarded): Role | null {
  return me ? roleShort(me, me.access[route] ?? 'admin') : null;
}

/** `access` when `me`'s role is below it, else null: for rules inside one route (a report's player-id files). */
export function roleShort(me: Pick<Me, 'role'> | null, access: Access): Role | null {
  return me && access !== 'public' && rank(me.role) < rank(access) ? access : null;
}
