import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

// Expected values are worked out by hand in test/helpers/lifecycleFixture.ts.
let rig: ApiRig;
let base: string;
const get = (p: string) => rig.get(p);

beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture);
  ({ base } = rig);
});
afterAll(() => rig?.close());

describe('overview API on the hand-worked fixture', () => {
  it('returns the March KPIs, stages and daily series', async () => {
    const { status, body } = await get('/api/overview?from=2026-03-01&to=2026-03-31');
    expect(status).toBe(200);
    expect(body.kpis).toMatchObject({
      dau: 8,
      wau: 8,
      mau: 10,
      activePlayers: 10,
      payingPlayers: 5,
      revenue: '170',
      newPlayers: 3,
      arppu: '34',
      arpu: '17',
      payingRate: 0.5,
    });
    expect(body.stages.counts.map(({ stage, players, recentSpend }: any) => ({ stage, players, recentSpend }))).toEqual([
      { stage: 'exploration', players: 2, recentSpend: '0' },
      { stage: 'growth', players: 3, recentSpend: '35' },
      { stage: 'stable', players: 1, recentSpend: '0' },
      { stage: 'decline', players: 5, recentSpend: '21' },
    ]);
    expect(body.daily).toHaveLength(31);
    const byDay = Object.fromEntries(body.daily.map((d: any) => [d.day, d]));
    expect(byDay['2026-03-31'].dau).toBe(8);
    expect(byDay['2026-03-30'].dau).toBe(7);
    expect(byDay['2026-03-25']).toEqual({ day: '2026-03-25', dau: 1, newPlayers: 1, payers: 0, revenue: '0' });
    expect(byDay['2026-03-28'].revenue).toBe('35');
    expect(byDay['2026-03-01']).toEqual({ day: '2026-03-01', dau: 0, newPlayers: 0, payers: 0, revenue: '0' });
  });

  it('defaults to the 30 days ending on the last day with data', async () => {
    const { body } = await get('/api/overview');
    expect([body.from, body.to]).toEqual(['2026-03-02', '2026-03-31']);
  });

  it('gives the stage trend per day', async () => {
    const { body } = await get('/api/stages/trend?from=2026-03-30&to=2026-03-31');
    expect(body.days.at(-1)).toEqual({ day: '2026-03-31', exploration: 2, growth: 3, stable: 1, decline: 5 });
    expect(body.days).toHaveLength(2);
  });

  it('filters by server (no fixture player is on s02)', async () => {
    const { body } = await get('/api/overview?from=2026-03-01&to=2026-03-31&server=s02');
    expect(body.kpis.dau).toBe(0);
    expect(body.kpis.revenue).toBe('0');
  });

  it('reports health and the ingest ledger', async () => {
    const h = await get('/api/health');
    expect(h.body).toMatchObject({ ok: true, engine: 'embedded', players: 11, rows: { payments: 9, quarantine: 0 } });
    const s = await get('/api/ingest/status');
    expect(s.body.ledger.map((f: any) => [f.fileName, f.state, f.rowsLoaded]).sort()).toEqual([
      ['payments_fixture.ndjson', 'done', 9],
      ['sessions_fixture.ndjson', 'done', h.body.rows.sessions],
    ]);
  });

  it('answers bad input with a 4xx and a message', async () => {
    expect(await get('/api/overview?from=2026-02-30')).toMatchObject({
      status: 400,
      body: { code: 'bad_param', param: { name: 'from', in: 'query', problem: 'type', min: '1970-01-01' } },
    });
    expect((await get('/api/overview?from=2026-02-30')).body.error).toMatch(
      /^from must be a day \(YYYY-MM-DD\) from 1970-01-01 to \d{4}-\d{2}-\d{2}, got "2026-02-30"$/,
    );
    expect((await get('/api/overview?from=2026-03-10&to=2026-03-01')).status).toBe(400);
    expect((await get('/api/overview?server=%27%3B%20DROP')).status).toBe(400);
    expect((await get('/api/nothing')).status).toBe(404);
    const res = await rig.fetch(`${base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"paths": "x"}' });
    expect(res.status).toBe(400);
    const bad = await rig.fetch(`${base}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
  });
});
