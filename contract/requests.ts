import { ROLES } from './auth.ts';
import { CSV_HEADER_STYLES } from './csv.ts';
import { ERASURE_MAX_PLAYERS } from './erasure.ts';
import { FROM_KEYS, REPORT_LANGS, STAGES, TO_KEYS } from './enums.ts';
import { FLOW_ORDERS } from './lifecycle.ts';
import { DEFAULT_HOLDOUT_DAYS, MODEL_KINDS, MODEL_UNITS, PROJECTION_GRAINS } from './models.ts';
import { AUDIENCE_SORTS, PROPOSAL_SORTS } from './offers.ts';
import { MAX_WHOLE, P, page, type RequestSpec } from './params.ts';
import { GRAINS, RETENTION_MODES } from './retention.ts';
import { VALUE_LIST_NAMES, VALUE_LIST_SORTS } from './value.ts';
import { DECISIONS, RESCUE_SORTS } from './winback.ts';

/**
 * What every API route takes, in one table keyed "METHOD /api/path" like the
 * permission table. The server parses each request against its entry before
 * the handler runs (server/routes/input.ts) and refuses anything else with a
 * 400 that names the parameter; a route missing here cannot be registered.
 * Bounds here are the outer ones; a domain validator (an offer, a schedule,
 * a password) may refuse more, with its own field messages.
 */

const range = { from: P.day, to: P.day, server: P.server } as const;
const asOf = { asOf: P.day } as const;
const saveMeta = { author: P.author, note: P.note } as const;
// Platform and channel names come from the game's logs (often not ASCII, e.g. 应用宝): any printable text.
const attribute = { type: 'text', maxLength: 64, pattern: '^[^\\p{Cc}]*$', hint: 'printable characters' } as const;
const offerId = { type: 'text', maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$', hint: 'lower-case letters, digits, _ -', required: true } as const;
const playerId = { type: 'text', maxLength: 128, pattern: '^[\\w.:@-]+$', hint: 'letters, digits, _ . : @ -', required: true } as const;
const userName = { type: 'text', maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', hint: 'letters, digits, . _ -', required: true } as const;
const tokenName = { type: 'text', maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$', hint: 'letters, digits, space . _ -', required: true } as const;
const password = { type: 'text', maxLength: 1024, exact: true, required: true } as const;
const role = { type: 'choice', choices: ROLES } as const;
const rules = { type: 'object', required: true } as const;
const offer = { offer: { type: 'object', required: true } } as const;
const cohorts = {
  query: {
    ...range,
    grain: { type: 'choice', choices: GRAINS, default: 'day' },
    mode: { type: 'choice', choices: RETENTION_MODES, default: 'classic' },
    platform: attribute,
    channel: attribute,
  },
} as const;
const auditFilter = {
  user: { type: 'text', maxLength: 128 },
  action: { type: 'text', maxLength: 64, pattern: '^[a-z_.]+$', hint: 'an action such as offer.save, or a prefix such as offer.' },
  from: P.day,
  to: P.day,
} as const;
const byId = { path: { id: P.id } } as const;
// The players of one stage flow, and the rescue decisions: the page and its CSV take the same filters.
const flow = {
  ...range,
  fromStage: { type: 'choice', choices: FROM_KEYS, required: true },
  toStage: { type: 'choice', choices: TO_KEYS, required: true },
  order: { type: 'choice', choices: FLOW_ORDERS, default: 'desc' },
} as const;
const rescue = {
  ...asOf,
  decision: { type: 'choice', choices: ['all', ...DECISIONS], default: 'all' },
  sort: { type: 'choice', choices: RESCUE_SORTS, default: 'return' },
} as const;
// Every *.csv route: the language of its headers and comment line, or the stable machine headers (?header=keys).
const csv = {
  lang: { type: 'choice', choices: REPORT_LANGS, default: 'en' },
  header: { type: 'choice', choices: CSV_HEADER_STYLES, default: 'labels' },
} as const;
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const launchId = {
  path: {
    id: {
      type: 'text',
      maxLength: 36,
      pattern: UUID,
      hint: 'a launch id (a UUID)',
      required: true,
    },
  },
} as const;
const textList = (maxItems: number, maxLength: number) => ({ type: 'textList', maxItems, maxLength }) as const;

export const REQUESTS = {
  'GET /api/health': {},
  'GET /api/preparing': {},
  'GET /api/readiness': {},
  'GET /api/meta': {},
  'GET /api/overview': { query: range },
  'GET /api/stages/trend': { query: range },

  'GET /api/ingest/status': {},
  'GET /api/ingest/quarantine.csv': { query: csv },
  'POST /api/ingest': { body: { paths: { ...textList(1000, 4096), required: true } } },

  'GET /api/lifecycle/transitions': { query: range },
  'GET /api/lifecycle/flow': { query: { ...flow, ...page(50, 500) } },
  'GET /api/lifecycle/flow.csv': { query: { ...flow, ...csv } },
  'POST /api/lifecycle/backfill': { body: { from: P.day, to: P.day } },

  'GET /api/retention': cohorts,
  'GET /api/retention/ltv': cohorts,
  'GET /api/retention/filters': {},
  'GET /api/retention.csv': { query: { ...cohorts.query, ...csv } },

  'GET /api/players': {
    query: { q: { ...playerId, hint: 'the start of a player id: letters, digits, _ . : @ -' }, limit: { type: 'whole', min: 1, max: 100, default: 20 } },
  },
  'GET /api/players/:id': { path: { id: playerId } },
  'GET /api/players/:id/events': { path: { id: playerId }, query: page(50, 200) },
  'GET /api/players/:id/events.csv': { path: { id: playerId }, query: csv },

  'GET /api/value': { query: { ...asOf, server: P.server } },
  'GET /api/value/lists': {},
  'GET /api/value/lists/:name': {
    path: { name: { type: 'choice', choices: VALUE_LIST_NAMES, required: true } },
    query: {
      ...asOf,
      server: P.server,
      limit: { type: 'whole', min: 1, max: 500 },
      offset: P.offset,
      sort: { type: 'choice', choices: VALUE_LIST_SORTS, default: 'spend' },
    },
  },

  'GET /api/value/lists/:name.csv': {
    path: { name: { type: 'choice', choices: VALUE_LIST_NAMES, required: true } },
    query: { ...asOf, server: P.server, sort: { type: 'choice', choices: VALUE_LIST_SORTS, default: 'spend' }, ...csv },
  },

  'GET /api/settings/lifecycle': {},
  'GET /api/settings/lifecycle/versions/:v': { path: { v: P.version } },
  'GET /api/settings/lifecycle/recompute': {},
  'POST /api/settings/lifecycle/preview': { body: { rules, asOf: P.day } },
  'POST /api/settings/lifecycle/backtest': { body: { rules: { type: 'object' }, day: P.day } },
  'POST /api/settings/lifecycle': { body: { rules, ...saveMeta } },
  'POST /api/settings/lifecycle/versions/:v/restore': { path: { v: P.version }, body: { author: P.author } },

  'GET /api/models': {},
  'POST /api/models/fit': { body: { ...asOf, unit: { type: 'choice', choices: MODEL_UNITS, default: 'day' } } },
  'GET /api/models/trust': {
    query: {
      kind: { type: 'choice', choices: MODEL_KINDS, default: 'engagement' },
      unit: { type: 'choice', choices: MODEL_UNITS, default: 'day' },
      holdoutDays: { type: 'whole', min: 1, max: 365, default: DEFAULT_HOLDOUT_DAYS },
      calibrationEnd: P.day,
      server: P.server,
    },
  },
  'GET /api/models/segments': { query: { ...asOf, server: P.server } },
  'GET /api/models/cohorts': {
    query: {
      grain: { type: 'choice', choices: PROJECTION_GRAINS, default: 'month' },
      cohorts: { type: 'whole', min: 1, max: 24, default: 6 },
      periods: { type: 'whole', min: 1, max: 104 },
      server: P.server,
    },
  },

  'GET /api/offers': { query: { archived: { type: 'choice', choices: ['0', '1'], default: '0' } } },
  'GET /api/offers/proposals': {
    query: { ...asOf, sort: { type: 'choice', choices: PROPOSAL_SORTS, default: 'roi' }, stage: { type: 'choice', choices: STAGES } },
  },
  'POST /api/offers/what-if': { body: { ...offer, ...asOf } },
  'GET /api/offers/:id': { path: { id: offerId } },
  'POST /api/offers': { body: { ...offer, ...saveMeta, baseVersion: { type: 'whole', min: 1, max: MAX_WHOLE } } },
  'PUT /api/offers/:id': { path: { id: offerId }, body: { ...offer, ...saveMeta, baseVersion: { type: 'whole', min: 1, max: MAX_WHOLE } } },
  'POST /api/offers/:id/archive': { path: { id: offerId }, body: saveMeta },
  'POST /api/offers/:id/restore': { path: { id: offerId }, body: saveMeta },
  'GET /api/offers/:id/audience': {
    path: { id: offerId },
    query: { ...asOf, ...page(50, 1000), sort: { type: 'choice', choices: AUDIENCE_SORTS, default: 'clv' } },
  },
  'GET /api/offers/:id/audience.csv': {
    path: { id: offerId },
    query: { ...asOf, sort: { type: 'choice', choices: AUDIENCE_SORTS, default: 'clv' }, ...csv },
  },
  'POST /api/offers/:id/launch': {
    path: { id: offerId },
    body: {
      ...asOf,
      seed: { type: 'whole', min: 0, max: Number.MAX_SAFE_INTEGER },
      windowDays: { type: 'whole', min: 1, max: 90, default: 14 },
      holdoutShare: { type: 'number', min: 0, max: 0.5 },
      webhook: { type: 'flag', default: false },
      force: { type: 'flag', default: false },
      ...saveMeta,
    },
  },

  'GET /api/winback/rescue': { query: { ...rescue, ...page(50, 500) } },
  'GET /api/winback/rescue.csv': { query: { ...rescue, ...csv } },
  'GET /api/winback/comrades.csv': { query: { ...asOf, ...csv } },
  'GET /api/winback/servers': { query: asOf },
  'GET /api/winback/comrades': { query: { ...asOf, ...page(50, 500) } },
  'GET /api/winback/choices': {},
  'PUT /api/winback/choices': {
    body: { rescueOfferId: offerId, newServerOfferId: offerId, comradesOfferId: offerId, ...saveMeta, baseVersion: { type: 'whole', min: 0, max: MAX_WHOLE } },
  },

  'GET /api/reports/schedules': { query: { archived: { type: 'flag', default: false } } },
  'POST /api/reports/schedules': { body: scheduleBody() },
  'PUT /api/reports/schedules/:id': { ...byId, body: scheduleBody() },
  'POST /api/reports/schedules/:id/run': {
    ...byId,
    body: {
      window: { ...P.day, required: true },
      lang: { type: 'choice', choices: REPORT_LANGS },
      deliver: { type: 'flag', default: true },
      trigger: { type: 'choice', choices: ['manual', 'cli'], default: 'manual' },
    },
  },
  'GET /api/reports/runs': { query: { schedule: { ...P.id, required: undefined }, ...page(50, 500) } },
  'GET /api/reports/runs/:id': byId,
  'GET /api/reports/runs/:id/deliveries': byId,
  'GET /api/reports/runs/:id/:file': { path: { id: P.id, file: P.id } },

  'GET /api/alerts': { query: { limit: { type: 'whole', min: 1, max: 500, default: 50 } } },
  'POST /api/alerts/:id/ack': {
    path: { id: { type: 'text', maxLength: 36, pattern: UUID, hint: 'an alert id (a UUID)', required: true } },
  },
  'GET /api/alerts/rules': {},
  'PUT /api/alerts/rules': { body: { rules: { type: 'object' }, notify: { type: 'object' }, baseVersion: { type: 'whole', min: 0, max: MAX_WHOLE } } },

  'GET /api/launches': { query: { limit: { type: 'whole', min: 1, max: 1000, default: 100 } } },
  'GET /api/launches.csv': { query: { limit: { type: 'whole', min: 1, max: 1000, default: 100 }, ...csv } },
  'GET /api/launches/:id': launchId,
  'GET /api/launches/:id/uplift': launchId,
  'GET /api/launches/:id/audience.csv': { ...launchId, query: { group: { type: 'choice', choices: ['all', 'treatment', 'holdout'], default: 'all' }, ...csv } },

  'GET /api/session': {},
  'POST /api/session': { body: { user: { type: 'text', maxLength: 256, exact: true, required: true }, password } },
  'POST /api/session/link': { body: { token: { type: 'text', maxLength: 256, exact: true, required: true } } },
  'DELETE /api/session': {},
  'POST /api/session/password': { body: { current: password, password } },

  'GET /api/users': {},
  'POST /api/users': { body: { name: userName, role: { ...role, required: true }, password } },
  'PUT /api/users/:name': { path: { name: userName }, body: { role, disabled: { type: 'flag' } } },
  'POST /api/users/:name/password': { path: { name: userName }, body: { password } },

  'GET /api/tokens': {},
  'POST /api/tokens': { body: { name: tokenName, role: { ...role, required: true } } },
  'DELETE /api/tokens/:name': { path: { name: tokenName } },

  'GET /api/audit': { query: { ...auditFilter, ...page(100, 500) } },
  'GET /api/audit.csv': { query: { ...auditFilter, ...csv } },
  'GET /api/audit/verify': {},

  // The erasure's own check names each malformed id and refuses a list over ERASURE_MAX_PLAYERS; this bound only stops a huge one early.
  'POST /api/erasure': { body: { players: { type: 'list', maxItems: ERASURE_MAX_PLAYERS * 10, required: true } } },
} as const satisfies Record<string, RequestSpec>;

export type RouteKey = keyof typeof REQUESTS;

/** A report schedule's fields: types and lengths here, their meaning checked by the schedule validator (field by field, for the form). */
function scheduleBody() {
  return {
    name: { type: 'text', maxLength: 1000 },
    texts: { type: 'object' },
    cron: { type: 'text', maxLength: 1000 },
    tz: { type: 'text', maxLength: 1000 },
    period: { type: 'text', maxLength: 100 },
    langs: textList(10, 100),
    emails: textList(1000, 1000),
    webhooks: textList(1000, 4096),
    topN: { type: 'scalar', maxLength: 100 },
    sections: textList(100, 100),
    enabled: { type: 'scalar', maxLength: 100 },
    includePlayerIds: { type: 'scalar', maxLength: 100 },
    archived: { type: 'scalar', maxLength: 100 },
  } as const;
}
