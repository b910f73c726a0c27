import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertList } from '../../contract/alerts.ts';
import { checkAlerts } from '../../server/alerts/evaluate.ts';
import { saveAlertSettings } from '../../server/alerts/settings.ts';
import { createApp } from '../../server/app.ts';
import { daysBetween } from '../../server/days.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { deliveriesOf } from '../../server/queries/delivery/deliveriesOf.ts';
import { latestChecks, listAlerts } from '../../server/queries/alerts/alertRows.ts';
import { listen, stopListening } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { startSmtp, type SmtpRig } from '../helpers/smtp.ts';

/*
 * The game, Monday 2026-01-05 on (UTC):
 *
 *   players   a00..a19 (20)          b00..b09 (10)
 *   plays     every day, 1 session   every day until Mon 02-09, then never again
 *   pays      1.50 every day         2.25 every day while playing
 *
 *   file 1: 01-05 .. 02-09 (Monday)   DAU 30, revenue 52.50 every day: every rule within bounds
 *   file 2: 02-10 .. 02-16 (Monday)   DAU 20, revenue 30.00 (the b players gone): below the Monday band
 *                                     (median 30 / 52.50, MAD 0, 10% floor: low 27 / 47.25); on 02-16 the
 *                                     b players are idle 7 days, in decline: a third of the base from none
 *   file 3: 02-17 (Tuesday)           DAU 20 again: trips on a new day, inside the cool-down
 *
 * Then, days later on the clock, a clean file and a file with 30% bad rows for the quarantine share.
 */
const A = Array.from({ length: 20 }, (_, i) => `a${String(i).padStart(2, '0')}`);
const B = Array.from({ length: 10 }, (_, i) => `b${String(i).padStart(2, '0')}`);

const sessions = (days: string[], players: string[]) => days.flatMap((d) => players.map((p) => session(`s-${p}-${d}`, p, `${d}T10:00:00Z`)));
const payments = (days: string[], players: string[], amount: string) =>
  days.flatMap((d) => players.map((p) => payment(`p-${p}-${d}`, p, `${d}T10:30:00Z`, amount)));

let engine: TestEngine;
let receiver: Receiver;
let smtp: SmtpRig;
let server: Server;
let base: string;
let api: typeof fetch;

/** Loads the files in one run, as the ingest job would after they land together. */
async function ingest(files: Record<string, (object | string)[]>) {
  const paths = Object.entries(files).map(([name, rows]) => writeNdjson(path.join(engine.dir, 'files'), name, rows));
  return runIngestAndRefresh(engine, { paths, source: 'cli' });
}

const checkOf = async (rule: string) => (await latestChecks(engine.db)).find((c) => c.rule === rule);
const open = () => listAlerts(engine.db, { openOnly: true, limit: 100 });
const alertsApi = async () => (await (await api(`${base}/api/alerts`)).json()) as AlertList;

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = await startSmtp();
  engine = await freshEngine({
    SMTP_URL: smtp.url,
    WEBHOOK_ATTEMPTS: '2',
    WEBHOOK_RETRY_BASE_MS: '10',
    WEBHOOK_TIMEOUT_MS: '3000',
    DELIVERY_ALLOW: '127.0.0.1, example.com',
  });
  api = (await tokenFetch(engine.db)).fetch;
  server = await listen(createApp(engine));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  if (server) await stopListening(server);
  await receiver?.close();
  await smtp?.close();
  await engine?.cleanup();
});

describe('alerts on the embedded engine', () => {
  it('checks after a load and fires nothing on a steady game; too little quarantine history is said', async () => {
    await saveAlertSettings(engine.db, engine.cfg, 'ops', { notify: { webhooks: [receiver.url], emails: ['ops@example.com'] } });
    const days = daysBetween('2026-01-05', '2026-02-09');
    await ingest({
      'sessions_1.ndjson': sessions(days, [...A, ...B]),
      'payments_1.ndjson': [...payments(days, A, '1.50'), ...payments(days, B, '2.25')],
    });
    const checks = Object.fromEntries((await latestChecks(engine.db)).map((c) => [c.rule, c]));
    expect(Object.keys(checks).sort()).toEqual(['dau_below_band', 'decline_rise', 'no_new_file', 'quarantine_share_jump', 'revenue_below_band']);
    expect(checks.dau_below_band).toMatchObject({ outcome: 'ok', day: '2026-02-09', observed: '30', expected: '30', low: '27', high: '33' });
    expect(checks.dau_below_band.detail).toEqual({ weeks: 5, mad: '0.0000' });
    expect(checks.revenue_below_band).toMatchObject({ outcome: 'ok', day: '2026-02-09', observed: '52.5', expected: '52.5', low: '47.25' });
    expect(checks.decline_rise).toMatchObject({ outcome: 'ok', day: '2026-02-09', observed: '0' });
    expect(checks.no_new_file).toMatchObject({ outcome: 'ok', high: '6' });
    // every row so far arrived in the last day: nothing earlier to compare the share with
    expect(checks.quarantine_share_jump).toMatchObject({ outcome: 'no_history', observed: '0' });
    expect(await open()).toEqual([]);
    expect(receiver.received).toEqual([]);
  }, 120_000);

  it('fires DAU, revenue and decline alerts after the load that trips them, and notifies by webhook and e-mail', async () => {
    const days = daysBetween('2026-02-10', '2026-02-16');
    await ingest({ 'sessions_2.ndjson': sessions(days, A), 'payments_2.ndjson': payments(days, A, '1.50') });
    const fired = await open();
    expect(fired.map((a) => a.rule).sort()).toEqual(['dau_below_band', 'decline_rise', 'revenue_below_band']);
    const by = Object.fromEntries(fired.map((a) => [a.rule, a])) as Record<string, Alert>;
    expect(by.dau_below_band).toMatchObject({ day: '2026-02-16', observed: '20', expected: '30', low: '27', high: '33', acknowledgedAt: null });
    expect(by.dau_below_band.params).toEqual({ weeks: 6, minWeeks: 4, k: 3, minDropPercent: 10, cooldownHours: 24 });
    expect(by.revenue_below_band).toMatchObject({ day: '2026-02-16', observed: '30', expected: '52.5', low: '47.25', high: '57.75' });
    expect(by.decline_rise).toMatchObject({ day: '2026-02-16', expected: '0' });
    expect(Number(by.decline_rise.observed)).toBeCloseTo(100 / 3, 3);

    // one webhook per alert, codes and values only; every attempt recorded as a delivery of the alert
    expect(receiver.received).toHaveLength(3);
    const payloads = receiver.received.map((r) => JSON.parse(r.body));
    expect(payloads.map((p) => p.event)).toEqual(['alert', 'alert', 'alert']);
    expect(payloads.map((p) => p.alert.rule).sort()).toEqual(['dau_below_band', 'decline_rise', 'revenue_below_band']);
    expect(payloads.find((p) => p.alert.rule === 'revenue_below_band').alert).toMatchObject({ day: '2026-02-16', observed: '30', low: '47.25' });
    const mails = await smtp.waitFor(3);
    expect(mails.every((m) => m.to.includes('ops@example.com'))).toBe(true);
    expect(mails.map((m) => m.raw).join('\n')).toContain('Alert: DAU below the expected band');
    for (const a of fired) {
      const d = await deliveriesOf(engine.db, 'alert', a.alertId);
      expect(d.map((x) => [x.channel, x.status])).toEqual([
        ['webhook', 'ok'],
        ['email', 'ok'],
      ]);
    }
  }, 120_000);

  it('does not fire again for the same day, nor within the cool-down; fires once it has passed', async () => {
    const again = await checkAlerts(engine);
    expect(again.fired).toEqual([]);
    expect(again.checks.filter((c) => c.outcome === 'repeat').map((c) => c.rule)).toEqual(['dau_below_band', 'revenue_below_band', 'decline_rise']);

    await ingest({ 'sessions_3.ndjson': sessions(['2026-02-17'], A), 'payments_3.ndjson': payments(['2026-02-17'], A, '1.50') });
    expect(await checkOf('dau_below_band')).toMatchObject({ outcome: 'cooling', day: '2026-02-17', observed: '20' });
    expect(await open()).toHaveLength(3);

    // A day later on the clock: past the 24 h cool-down, and 25 hours without a file (limit 6).
    const later = await checkAlerts(engine, new Date(Date.now() + 25 * 3_600_000));
    expect(later.fired.map((a) => [a.rule, a.day]).sort()).toEqual([
      ['dau_below_band', '2026-02-17'],
      ['decline_rise', '2026-02-17'],
      ['no_new_file', null],
      ['revenue_below_band', '2026-02-17'],
    ]);
    expect(Number(later.fired.find((a) => a.rule === 'no_new_file')?.observed)).toBeGreaterThan(25);
    expect(await open()).toHaveLength(7);
  }, 120_000);

  it('acknowledges through the API: the alert leaves the open list, stays in the history and is audited', async () => {
    const before = await alertsApi();
    expect(before.open).toHaveLength(7);
    const target = before.open.find((a) => a.rule === 'no_new_file') as Alert;
    const res = await api(`${base}/api/alerts/${target.alertId}/ack`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ alertId: target.alertId, acknowledgedBy: 'tests-admin' });

    const after = await alertsApi();
    expect(after.open.map((a) => a.alertId)).not.toContain(target.alertId);
    expect(after.open).toHaveLength(6);
    expect(after.recent.find((a) => a.alertId === target.alertId)).toMatchObject({ acknowledgedBy: 'tests-admin' });
    expect(after.checks).toHaveLength(5);

    expect((await api(`${base}/api/alerts/${target.alertId}/ack`, { method: 'POST' })).status).toBe(409);
    expect((await api(`${base}/api/alerts/00000000-0000-0000-0000-000000000000/ack`, { method: 'POST' })).status).toBe(404);
    const trail = (await (await api(`${base}/api/audit?action=alert.ack`)).json()) as { entries: { target: string; outcome: string }[] };
    // newest first: the refused second acknowledgement and the unknown id are on the trail too
    expect(trail.entries.map((e) => [e.target, e.outcome])).toEqual([
      ['alert:00000000-0000-0000-0000-000000000000', 'failed'],
      [`alert:${target.alertId}`, 'failed'],
      [`alert:${target.alertId}`, 'ok'],
    ]);
  }, 60_000);

  it('reads and changes the rules through the API, refusing bad values field by field', async () => {
    const rules = await (await api(`${base}/api/alerts/rules`)).json();
    expect(rules).toMatchObject({ version: 1, author: 'ops', notify: { webhooks: [receiver.url] } });
    const put = (body: object) =>
      api(`${base}/api/alerts/rules`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await put({ rules: { dau_below_band: { params: { k: 0 } } }, notify: { webhooks: ['https://elsewhere.test/x'] } });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['dau_below_band.k', 'range'],
      ['notify.webhooks.0', 'not_allowed'],
    ]);
    expect((await put({ rules: {}, baseVersion: 0 })).status).toBe(409);
    const ok = await put({ rules: { quarantine_share_jump: { params: { minRows: 100, baselineDays: 3 } } }, baseVersion: 1 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ version: 2, author: 'tests-admin', rules: { quarantine_share_jump: { params: { baselineDays: 3 } } } });
  }, 60_000);

  it('trips on a jump in the quarantine share of the latest files, not on a clean file', async () => {
    const clean = Array.from({ length: 200 }, (_, i) => session(`q-clean-${i}`, `q${i % 5}`, '2026-02-17T12:00:00Z'));
    const dirty = [
      ...Array.from({ length: 140 }, (_, i) => session(`q-dirty-${i}`, `q${i % 5}`, '2026-02-17T13:00:00Z')),
      ...Array.from({ length: 60 }, (_, i) => `{"event_id": "broken-${i}", "player_id": `),
    ];
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 86_400_000, shouldAdvanceTime: true });
    await ingest({ 'sessions_clean.ndjson': clean });
    // recent day: the clean file (0%); the three days before: the first loads (0%)
    expect(await checkOf('quarantine_share_jump')).toMatchObject({ outcome: 'ok', observed: '0', expected: '0', high: '5' });

    vi.setSystemTime(Date.now() + 2 * 86_400_000);
    await ingest({ 'sessions_dirty.ndjson': dirty });
    const check = await checkOf('quarantine_share_jump');
    expect(check).toMatchObject({ outcome: 'fired', observed: '30', expected: '0', high: '5' });
    expect(check?.detail).toEqual({ recentRows: 200, baselineRows: 200 });
    expect((await open()).filter((a) => a.rule === 'quarantine_share_jump')).toHaveLength(1);

    // Two days on, a file of garbage is rejected whole: the load that brought it checks, and every row of it counts as bad.
    vi.setSystemTime(Date.now() + 2 * 86_400_000);
    const summary = await ingest({ 'sessions_garbage.ndjson': Array.from({ length: 120 }, (_, i) => `not json ${i}`) });
    vi.useRealTimers();
    expect(summary.files.map((f) => f.state)).toEqual(['rejected']);
    expect(await checkOf('quarantine_share_jump')).toMatchObject({ outcome: 'fired', observed: '100', expected: '30', detail: { recentRows: 120 } });
    expect((await open()).filter((a) => a.rule === 'quarantine_share_jump')).toHaveLength(2);
  }, 120_000);
});
