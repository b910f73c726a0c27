import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * The remaining audited routes (backfill, model fits, report schedules and
 * runs, report CSV downloads, API ingest), and what happens when the trail
 * cannot take an entry: the request answers 500, never a silent success.
 */
let rig: ApiRig;
beforeAll(async () => {
  rig = await startApi(loadLifecycleFixture, { DELIVERY_ALLOW: 'hooks.example.test' });
}, 120_000);
afterAll(() => rig?.close());

const send = async (method: string, p: string, body: object = {}) => {
  const res = await rig.fetch(`${rig.base}${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const latest = async (action: string): Promise<AuditEntry> => {
  const { body } = await rig.get(`/api/audit?action=${action}&limit=1`);
  expect(body.total, action).toBeGreaterThan(0);
  return body.entries[0];
};
const facts = (e: AuditEntry) => JSON.parse(e.detail);

const SCHEDULE = {
  name: 'Weekly',
  cron: '0 8 * * 1',
  tz: 'UTC',
  period: 'week',
  langs: ['en'],
  emails: [],
  webhooks: ['https://hookuser:hookpass@hooks.example.test/report?token=querysecret'],
  topN: 5,
  sections: ['stage_mix', 'at_risk'],
  enabled: true,
};

describe('audited routes', () => {
  it('records a backfill and a model fit with their figures', async () => {
    const backfill = await send('POST', '/api/lifecycle/backfill', { from: '2026-03-01', to: '2026-03-31' });
    expect(backfill.status).toBe(200);
    expect(facts(await latest('stages.backfill'))).toEqual({ from: '2026-03-01', to: '2026-03-31', days: backfill.body.days });

    const fit = await send('POST', '/api/models/fit', {});
    expect(fit.status).toBe(200);
    const entry = facts(await latest('models.fit'));
    expect(entry).toMatchObject({ asOf: fit.body.asOf, unit: 'day' });
    expect(entry.runs.map((r: { kind: string }) => r.kind)).toEqual(fit.body.runs.map((r: { kind: string }) => r.kind));
  });

  it('records schedule saves with before and after (webhook hosts only), runs, and CSV downloads', async () => {
    const created = await send('POST', '/api/reports/schedules', SCHEDULE);
    expect(created.status).toBe(201);
    const id = created.body.schedule.scheduleId;
    const first = await latest('report_schedule.save');
    expect(first).toMatchObject({ target: `schedule:${id}`, before: 'null' });
    expect(JSON.parse(first.after)).toMatchObject({ name: 'Weekly', webhooks: ['hooks.example.test'] });

    expect((await send('PUT', `/api/reports/schedules/${id}`, { ...SCHEDULE, name: 'Weekly 2' })).status).toBe(200);
    const second = await latest('report_schedule.save');
    expect([JSON.parse(second.before).name, JSON.parse(second.after).name]).toEqual(['Weekly', 'Weekly 2']);

    const run = await send('POST', `/api/reports/schedules/${id}/run`, { window: '2026-03-25', deliver: false });
    expect(run.status).toBe(200);
    const [r] = run.body.runs;
    expect(facts(await latest('report.run'))).toMatchObject({ runs: [{ runId: r.runId, lang: 'en', state: r.state }] });

    const csv = r.files.find((f: { name: string }) => f.name.endsWith('.csv'));
    const download = await rig.fetch(`${rig.base}/api/reports/runs/${r.runId}/${csv.name}`);
    expect(download.status).toBe(200);
    await download.text();
    expect(await latest('report.export')).toMatchObject({ target: `run:${r.runId}`, detail: JSON.stringify({ file: csv.name }) });
    // The page sums figures up: reading it leaves no entry.
    const exports = (await rig.get('/api/audit?action=report.export')).body.total;
    await (await rig.fetch(`${rig.base}/api/reports/runs/${r.runId}/report.html`)).text();
    expect((await rig.get('/api/audit?action=report.export')).body.total).toBe(exports);

    const trail = JSON.stringify((await rig.get('/api/audit?limit=500')).body.entries);
    for (const secret of ['hookuser', 'hookpass', 'querysecret']) expect(trail).not.toContain(secret);
  });

  it('records an ingest run started through the API', async () => {
    const dir = path.join(rig.engine.dir, 'more');
    writeNdjson(dir, 'sessions_more.ndjson', [session('s-more-1', 'Z', '2026-03-31T12:00:00Z')]);
    const res = await send('POST', '/api/ingest', { paths: [dir] });
    expect(res.status).toBe(200);
    const entry = await latest('ingest.run');
    expect(entry.target).toBe(`ingest:${res.body.runId}`);
    expect(facts(entry)).toEqual({ paths: [dir], files: 1, rowsLoaded: 1, rowsQuarantined: 0, rowsDuplicate: 0 });
  });

  it('answers 500 when the trail cannot take the entry, for a change and for a sensitive read', async () => {
    const before = (await rig.get('/api/audit')).body.total;
    await rig.engine.db.client.command({ query: 'RENAME TABLE audit_log TO audit_log_away' });
    try {
      const change = await send('POST', '/api/lifecycle/backfill', { from: '2026-03-31', to: '2026-03-31' });
      expect(change.status).toBe(500);
      // The cause (the trail could not record) is in the server log under this id, not in the answer.
      expect(change.body).toEqual({ error: 'internal error', requestId: expect.any(String) });
      const read = await rig.get('/api/players/F');
      expect(read.status).toBe(500);
      expect(read.body).not.toHaveProperty('playerId');
    } finally {
      await rig.engine.db.client.command({ query: 'RENAME TABLE audit_log_away TO audit_log' });
    }
    expect((await rig.get('/api/audit')).body.total).toBe(before);
    expect((await rig.get('/api/audit/verify')).body).toEqual({ intact: true, entries: before });
  });
});
