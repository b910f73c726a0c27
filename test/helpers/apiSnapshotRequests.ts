/**
 * The requests of the API record (test/helpers/apiSnapshot.ts), in their fixed
 * order: the writes every page reads, every GET endpoint with fixed
 * parameters, bad requests, then the writes of each page and what they change.
 */
import path from 'node:path';
import { session, writeNdjson } from './files.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';

export interface Exchange {
  method: string;
  url: string;
  status: number;
  type: string;
  body: string;
}

/** The last simulated day; every fixed date below is before it, and the whole game is long past. */
export const SNAPSHOT_END = '2026-03-31';

export interface Client {
  send(method: string, url: string, body?: unknown): Promise<Exchange>;
  get(url: string): Promise<Exchange>;
  json(x: Exchange): any;
  together(reqs: [string, string, unknown][]): Promise<void>;
  progress(message: string): void;
  /** The engine's temporary directory, where a late file is written for the ingest request. */
  dir: string;
  ruleVersions: boolean;
  /** Settles when the background recompute of a saved stage-rules version is done. */
  rulesApplied(): Promise<void>;
}

export async function requests({ send, get, json, together, progress, dir, ruleVersions, rulesApplied }: Client): Promise<void> {
  const D = SNAPSHOT_END;

  progress('writes that every page reads: model refresh, a launch, a report run');
  await send('POST', '/api/models/fit', { asOf: D, unit: 'day' });
  const launched = await send('POST', '/api/offers/returning-reward/launch', {
    author: 'snapshot',
    note: 'fixed launch',
    asOf: '2026-03-10',
    windowDays: 14,
    holdoutShare: 0.2,
    seed: 4242,
    webhook: false,
  });
  const launchId: string = launched.status === 200 ? json(launched).launch.launchId : '00000000-0000-0000-0000-000000000000';
  await get('/api/reports/schedules');
  const created = await send('POST', '/api/reports/schedules', {
    name: 'Snapshot weekly',
    cron: '0 8 * * 1',
    tz: 'UTC',
    period: 'week',
    langs: ['en', 'zh'],
    emails: [],
    webhooks: [],
    topN: 5,
    sections: ['stage_mix', 'decline_movers', 'at_risk', 'retention', 'data_health'],
    enabled: true,
  });
  const scheduleId: string = json(created).schedule.scheduleId;
  const run = await send('POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25', lang: 'en', deliver: false });
  const runId: string = run.status === 200 ? json(run).runs[0].runId : '00000000-0000-0000-0000-000000000000';

  progress('every GET endpoint with fixed parameters');
  const range = `from=2026-03-02&to=${D}`;
  for (const url of [
    '/api/health',
    '/api/meta',
    '/api/readiness',
    '/api/overview',
    `/api/overview?${range}`,
    `/api/overview?${range}&server=s01`,
    '/api/stages/trend',
    `/api/stages/trend?${range}&server=s02`,
    '/api/ingest/status',
    '/api/lifecycle/transitions',
    `/api/lifecycle/transitions?from=2026-03-01&to=${D}&server=s01`,
    '/api/lifecycle/flow?fromStage=growth&toStage=decline',
    `/api/lifecycle/flow?fromStage=new&toStage=exploration&from=2026-03-01&to=${D}&order=asc&limit=5&offset=2`,
    '/api/retention',
    '/api/retention?grain=week&mode=unbounded',
    `/api/retention?from=2026-02-01&to=2026-02-28&server=s01&platform=ios`,
    '/api/retention/ltv',
    '/api/retention/ltv?grain=week',
    '/api/retention.csv',
    '/api/retention.csv?grain=week&mode=unbounded&channel=organic',
    '/api/retention/filters',
    '/api/value',
    '/api/value?asOf=2026-03-15&server=s02',
    ...['top_spenders', 'big_spenders', 'loyal', 'growth_potential', 'at_risk_high_value'].map((n) => `/api/value/lists/${n}`),
    '/api/value/lists/big_spenders?sort=risk&limit=5&offset=3',
    '/api/value/lists/loyal?sort=clv&asOf=2026-03-20',
    '/api/value/lists/at_risk_high_value.csv?lang=zh',
    '/api/lifecycle/flow.csv?fromStage=growth&toStage=decline&header=keys',
    '/api/ingest/quarantine.csv',
    '/api/players?q=p',
    '/api/players?q=p00001&limit=3',
  ])
    await get(url);
  const someone: string | undefined = json(await get('/api/value/lists/top_spenders?limit=1')).players?.[0]?.playerId;
  if (someone)
    for (const url of [
      `/api/players/${someone}`,
      `/api/players/${someone}/events`,
      `/api/players/${someone}/events?limit=3&offset=1`,
      `/api/players/${someone}/events.csv`,
    ])
      await get(url);
  for (const url of [
    '/api/settings/lifecycle',
    '/api/settings/lifecycle/versions/1',
    '/api/models',
    '/api/models/trust',
    `/api/models/trust?calibrationEnd=2026-02-28&holdoutDays=14&kind=monetary&unit=week&server=s01`,
    '/api/models/segments',
    '/api/models/segments?asOf=2026-03-31&server=s01',
    '/api/models/cohorts',
    '/api/models/cohorts?grain=week&cohorts=4&periods=8&server=s02',
    '/api/offers',
    '/api/offers?archived=1',
    '/api/offers/returning-reward',
    '/api/offers/vip-points',
    '/api/offers/proposals',
    `/api/offers/proposals?asOf=${D}&sort=net&stage=decline`,
    '/api/offers/returning-reward/audience',
    `/api/offers/event-invite/audience?asOf=2026-03-20&limit=5&offset=1&sort=idle`,
    '/api/launches',
    '/api/launches?limit=1',
    `/api/launches/${launchId}`,
    `/api/launches/${launchId}/uplift`,
    `/api/launches/${launchId}/audience.csv`,
    `/api/launches/${launchId}/audience.csv?group=holdout`,
    '/api/launches.csv?lang=zh',
    '/api/winback/rescue',
    `/api/winback/rescue?asOf=${D}&decision=rescue&sort=clv&limit=5&offset=1`,
    '/api/winback/servers',
    '/api/winback/servers?asOf=2026-03-15',
    '/api/winback/comrades',
    '/api/winback/comrades?limit=5&offset=2',
    `/api/winback/rescue.csv?decision=rescue&sort=clv&header=keys`,
    `/api/offers/event-invite/audience.csv?asOf=2026-03-20&sort=idle`,
    '/api/winback/choices',
    '/api/reports/schedules',
    '/api/reports/schedules?archived=true',
    '/api/reports/runs',
    `/api/reports/runs?schedule=${scheduleId}&limit=1`,
    '/api/reports/runs?schedule=no-such-schedule',
    `/api/reports/runs/${runId}`,
    `/api/reports/runs/${runId}/deliveries`,
  ])
    await get(url);
  const files: { name: string }[] = run.status === 200 ? json(run).runs[0].files : [];
  for (const f of files) await get(`/api/reports/runs/${runId}/${f.name}`);

  progress('bad requests');
  const missing = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
  for (const url of [
    '/api/nowhere',
    '/api/overview?from=2026-02-30',
    '/api/overview?from=2026-03-31&to=2026-03-01',
    '/api/overview?from=2024-01-01&to=2026-03-31',
    '/api/overview?server=bad%20id',
    '/api/overview?to=2026-03-31&to=2026-03-30',
    '/api/stages/trend?to=31-03-2026',
    '/api/lifecycle/transitions?from=2026-03-31&to=2026-03-01',
    '/api/lifecycle/flow',
    '/api/lifecycle/flow?fromStage=growth&toStage=new',
    '/api/lifecycle/flow?fromStage=growth&toStage=decline&limit=0',
    '/api/retention?grain=month',
    '/api/retention?from=2025-01-01',
    '/api/retention?platform=%07',
    '/api/retention/ltv?to=2026-13-01',
    '/api/retention.csv?mode=x',
    '/api/value?asOf=yesterday',
    '/api/value/lists',
    '/api/value/lists/nobody',
    '/api/value/lists/loyal?sort=age',
    '/api/value/lists/loyal?offset=-1',
    '/api/players',
    '/api/players?q=%20',
    '/api/players/nobody-here',
    '/api/players/nobody-here/events',
    '/api/players/bad%20id',
    '/api/settings/lifecycle/versions/0',
    '/api/settings/lifecycle/versions/99',
    '/api/settings/lifecycle/versions/x',
    '/api/models/trust?calibrationEnd=2026-03-30',
    '/api/models/trust?kind=x',
    '/api/models/segments?asOf=2026-01-01',
    '/api/models/cohorts?cohorts=99',
    '/api/offers?archived=2',
    '/api/offers/no-such-offer',
    '/api/offers/no-such-offer/audience',
    '/api/offers/proposals?sort=x',
    '/api/offers/proposals?stage=x',
    '/api/offers/returning-reward/audience?sort=x',
    '/api/launches?limit=0',
    '/api/launches/not-a-launch',
    `/api/launches/${missing}`,
    `/api/launches/${missing}/uplift`,
    `/api/launches/${launchId}/audience.csv?group=x`,
    '/api/winback/rescue?decision=x',
    '/api/winback/rescue?asOf=2026-02-31',
    '/api/winback/servers?asOf=x',
    '/api/winback/comrades?limit=501',
    '/api/reports/runs?schedule=Bad!',
    '/api/reports/runs?limit=x',
    '/api/reports/runs/not-a-run',
    `/api/reports/runs/${missing}`,
    `/api/reports/runs/${missing}/deliveries`,
    `/api/reports/runs/${runId}/nothing.txt`,
  ])
    await get(url);
  for (const [method, url, body] of [
    ['POST', '/api/ingest', {}],
    ['POST', '/api/ingest', { paths: ['relative/file'] }],
    ['POST', '/api/ingest', { paths: ['/no/such/file.ndjson'] }],
    ['POST', '/api/lifecycle/backfill', { from: 3 }],
    ['POST', '/api/lifecycle/backfill', { from: '2026-03-31', to: '2026-03-01' }],
    ['POST', '/api/lifecycle/backfill', { from: '2026-02-29' }],
    ['POST', '/api/lifecycle/backfill', { from: '2027-01-01' }],
    ['POST', '/api/settings/lifecycle/preview', {}],
    ['POST', '/api/settings/lifecycle/preview', { rules: { decline_share: 7 } }],
    ['POST', '/api/settings/lifecycle/preview', { rules: {}, asOf: 'x' }],
    ['POST', '/api/settings/lifecycle/backtest', { rules: { decline_share: 7 } }],
    ['POST', '/api/settings/lifecycle/backtest', { day: '2026-13-01' }],
    ['POST', '/api/settings/lifecycle/backtest', { day: D }],
    ['POST', '/api/settings/lifecycle/backtest', { day: '2025-01-01' }],
    ['POST', '/api/settings/lifecycle', { rules: { decline_share: 7 }, author: 'a' }],
    ['POST', '/api/settings/lifecycle', { rules: {} }],
    ['POST', '/api/settings/lifecycle/versions/x/restore', { author: 'a' }],
    ['POST', '/api/settings/lifecycle/versions/99/restore', { author: 'a' }],
    ['POST', '/api/settings/lifecycle/versions/1/restore', {}],
    ['POST', '/api/models/fit', { asOf: 5 }],
    ['POST', '/api/models/fit', { unit: 'year' }],
    ['POST', '/api/models/fit', { asOf: '2026-02-30' }],
    ['POST', '/api/models/fit', { asOf: '2026-04-30' }],
    ['POST', '/api/offers', []],
    ['POST', '/api/offers', { author: 'a' }],
    ['POST', '/api/offers', { offer: { offerId: 'Bad Id' }, author: 'a' }],
    ['POST', '/api/offers', { offer: { ...offerDraft('returning-reward') }, author: 'a' }],
    ['POST', '/api/offers', { offer: offerDraft('snapshot-offer') }],
    ['PUT', '/api/offers/no-such-offer', { offer: offerDraft('no-such-offer'), author: 'a' }],
    ['PUT', '/api/offers/vip-points', { offer: offerDraft('vip-points'), author: 'a', baseVersion: 'x' }],
    ['PUT', '/api/offers/vip-points', { offer: { ...offerDraft('vip-points'), kind: 'vip_points' }, author: 'a', baseVersion: 9 }],
    ['POST', '/api/offers/no-such-offer/archive', { author: 'a' }],
    ['POST', '/api/offers/vip-points/restore', {}],
    ['POST', '/api/offers/vip-points/restore', { author: 'a' }],
    ['POST', '/api/offers/what-if', {}],
    ['POST', '/api/offers/what-if', { offer: { offerId: 'x' } }],
    ['POST', '/api/offers/what-if', { offer: offerDraft('what-if'), asOf: '2026-04-31' }],
    ['POST', '/api/offers/Bad%20Id/launch', { author: 'a' }],
    ['POST', '/api/offers/returning-reward/launch', {}],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', seed: -1 }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', holdoutShare: 0.9 }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', webhook: 'yes' }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', asOf: 3 }],
    ['POST', '/api/offers/no-such-offer/launch', { author: 'a' }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', webhook: true }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', asOf: '2026-04-05' }],
    ['POST', '/api/offers/returning-reward/launch', { author: 'a', asOf: '2026-03-10', windowDays: 14, holdoutShare: 0.2, seed: 4242 }],
    ['POST', '/api/reports/schedules', []],
    ['POST', '/api/reports/schedules', { name: '', cron: '99 * * * *', emails: ['not-an-address'], langs: [] }],
    ['PUT', '/api/reports/schedules/no-such-schedule', { name: 'x' }],
    ['PUT', '/api/reports/schedules/Bad!', { name: 'x' }],
    ['POST', '/api/reports/schedules/no-such-schedule/run', { window: '2026-03-25' }],
    ['POST', `/api/reports/schedules/${scheduleId}/run`, {}],
    ['POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-32' }],
    ['POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2099-01-01' }],
    ['POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25', lang: 'fr' }],
    ['POST', `/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25', deliver: 'no' }],
    ['POST', '/api/nowhere', {}],
    ['DELETE', '/api/offers/vip-points', undefined],
  ] as [string, string, unknown][])
    await send(method, url, body);
  await send('POST', '/api/offers', '{"offer": ');
  await send('POST', '/api/offers', { offer: offerDraft('too-big'), author: 'a', note: 'x'.repeat(150_000) });

  progress('writes and what they change');
  await send('POST', '/api/offers/what-if', { offer: offerDraft('what-if'), asOf: D });
  await send('POST', '/api/offers', { offer: offerDraft('snapshot-offer'), author: 'snapshot', note: 'first' });
  await send('PUT', '/api/offers/snapshot-offer', {
    offer: { ...offerDraft('snapshot-offer'), assumedUplift: 0.2 },
    author: 'snapshot',
    note: 'second',
    baseVersion: 1,
  });
  await send('PUT', '/api/offers/snapshot-offer', { offer: offerDraft('snapshot-offer'), author: 'snapshot', note: 'stale', baseVersion: 1 });
  await send('POST', '/api/offers/snapshot-offer/archive', { author: 'snapshot', note: 'off' });
  await send('POST', '/api/offers/snapshot-offer/archive', { author: 'snapshot', note: 'off again' });
  await get('/api/offers?archived=1');
  await send('POST', '/api/offers/snapshot-offer/launch', { author: 'snapshot', asOf: D });
  await send('POST', '/api/offers/snapshot-offer/restore', { author: 'snapshot', note: 'on' });
  await send('PUT', '/api/offers/snapshot-offer', { offer: { ...offerDraft('snapshot-offer'), enabled: false }, author: 'snapshot', note: 'paused' });
  await send('POST', '/api/offers/snapshot-offer/launch', { author: 'snapshot', asOf: D });
  await get('/api/offers/snapshot-offer');
  const nobody = offerDraft('snapshot-nobody');
  await send('POST', '/api/offers', { offer: { ...nobody, conditions: { ...nobody.conditions, minIdleDays: 365 } }, author: 'snapshot' });
  await send('POST', '/api/offers/snapshot-nobody/launch', { author: 'snapshot', asOf: D });
  // The win-back offer choice: refused choices, then the snapshot offer (restored above) prices the rescues.
  const defaults = { rescueOfferId: 'returning-reward', newServerOfferId: 'new-server', comradesOfferId: 'comrades-referral', author: 'snapshot' };
  const choose = (changes: object) => send('PUT', '/api/winback/choices', { ...defaults, ...changes });
  await choose({ rescueOfferId: 'event-invite' });
  await choose({ newServerOfferId: 'no-such-offer' });
  await choose({ comradesOfferId: 'event-invite' });
  await choose({ rescueOfferId: 'snapshot-offer', baseVersion: 0 });
  await choose({ baseVersion: 0 });
  await get(`/api/winback/rescue?asOf=${D}&limit=3`);
  await send('PUT', `/api/reports/schedules/${scheduleId}`, {
    name: 'Snapshot weekly (zh)',
    cron: '0 9 * * 1',
    tz: 'UTC',
    period: 'week',
    langs: ['zh'],
    emails: [],
    webhooks: [],
    topN: 3,
    sections: ['stage_mix', 'data_health'],
    enabled: false,
  });
  await get('/api/reports/schedules');
  const settings = json(await get('/api/settings/lifecycle'));
  await send('POST', '/api/settings/lifecycle/preview', { rules: settings.active?.rules ?? {}, asOf: '2026-03-20' });
  await send('POST', '/api/settings/lifecycle/backtest', { rules: settings.active?.rules ?? {}, day: '2026-02-28' });
  await send('POST', '/api/lifecycle/backfill', { from: '2026-03-25', to: D });
  await get('/api/lifecycle/transitions');
  if (ruleVersions) {
    // A second version of the stage rules (one threshold moved), then the first restored.
    const rules: Record<string, string> = settings.active?.rules ?? {};
    const [first] = Object.keys(rules);
    await send('POST', '/api/settings/lifecycle', {
      rules: { ...rules, [first]: String(Number(rules[first]) + 1) },
      author: 'snapshot',
      note: 'one step more',
    });
    await rulesApplied();
    await get('/api/overview');
    await send('POST', '/api/settings/lifecycle/versions/1/restore', { author: 'snapshot' });
    await rulesApplied();
    await get('/api/settings/lifecycle');
    await get('/api/overview');
  }
  // A late file through the API's own ingest: one new player on the last day.
  const late = writeNdjson(path.join(dir, 'late'), 'sessions_late.ndjson', [session('late-1', 'p-late', `${D}T20:00:00Z`)]);
  await send('POST', '/api/ingest', { paths: [late] });
  await send('POST', '/api/ingest', { paths: [late] });
  // Two at once: one runs, the other is refused while it does (kept in status order, whichever came first).
  const late2 = writeNdjson(path.join(dir, 'late'), 'sessions_late2.ndjson', [session('late-2', 'p-late', `${D}T21:00:00Z`)]);
  await together([
    ['POST', '/api/ingest', { paths: [late2] }],
    ['POST', '/api/ingest', { paths: [late2] }],
  ]);
  await together([
    ['POST', '/api/models/fit', { asOf: D }],
    ['POST', '/api/models/fit', { asOf: D }],
  ]);
  await get('/api/health');
  await get('/api/ingest/status');
  await get('/api/overview');
  await get('/api/models');
  // Every write and sensitive read above left one entry of the audit trail, whatever order the concurrent ones took.
  await get('/api/audit/verify');
}

/** A complete offer definition for the catalog requests. */
function offerDraft(offerId: string) {
  return {
    offerId,
    kind: 'returning_reward',
    name: 'Snapshot offer',
    description: 'for the API record',
    stages: ['decline'],
    conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'], minIdleDays: 7 },
    reward: '300 gems',
    cost: { kind: 'fixed', fixedCost: '2.5000', spendShare: 0 },
    assumedUplift: 0.1,
    holdoutShare: 0.2,
    activeFrom: '2026-01-01',
    activeTo: null,
    enabled: true,
  };
}
