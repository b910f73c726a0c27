import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfferDefinition } from '../../contract/offers.ts';
import { parseAllowList } from '../../server/delivery/allowList.ts';
import { one } from '../../server/db/query.ts';
import { createOffer } from '../../server/offers/catalog.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';
import { postWebhook } from '../../server/delivery/webhook.ts';
import { sendMail } from '../../server/reports/deliverEmail.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { fileNameOf, leaves, parseMime } from '../helpers/mime.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { startSmtp, type SmtpRig } from '../helpers/smtp.ts';

/**
 * DELIVERY_ALLOW end to end with a real SMTP server process and a real HTTP
 * receiver: refused at save, at launch and at delivery (never called), and
 * what a report sends when its schedule does not ask for player ids.
 */
let rig: ApiRig;
let smtp: SmtpRig;
let hook: Receiver;
let offersHook: Receiver;

const ALLOW = '127.0.0.1, example.com';
const offer: OfferDefinition = {
  offerId: 'allow-test',
  kind: 'returning_reward',
  name: 'Come back',
  description: 'test offer',
  stages: ['decline'],
  conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] },
  reward: '300 gems',
  texts: {},
  cost: { kind: 'fixed', fixedCost: '1', spendShare: 0 },
  assumedUplift: 0.1,
  holdoutShare: 0.2,
  activeFrom: '2026-01-01',
  activeTo: null,
  enabled: true,
};

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startReceiver();
  offersHook = await startReceiver();
  rig = await startApi(
    async (e) => {
      await loadLifecycleFixture(e);
      await createOffer(e.db, offer, { author: 'test', note: '' });
    },
    {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'reports@example.com',
      WEBHOOK_ATTEMPTS: '2',
      WEBHOOK_RETRY_BASE_MS: '10',
      // The mail system's key travels in the query, as many such endpoints take it.
      OFFERS_WEBHOOK_URL: `${offersHook.url}?token=s3cret-key`,
      DELIVERY_ALLOW: ALLOW,
    },
  );
});
afterAll(async () => {
  await rig?.close();
  await smtp?.close();
  await hook?.close();
  await offersHook?.close();
});

/** Narrows the running server's list for one step, as an admin restarting it with another DELIVERY_ALLOW would. */
async function withAllow<T>(raw: string, step: () => Promise<T>): Promise<T> {
  rig.engine.cfg.deliveryAllow = parseAllowList(raw);
  try {
    return await step();
  } finally {
    rig.engine.cfg.deliveryAllow = parseAllowList(ALLOW);
  }
}

async function attemptsOf(runId: string, n: number): Promise<any[]> {
  for (let i = 0; i < 200; i++) {
    const d = (await rig.get(`/api/reports/runs/${runId}/deliveries`)).body.deliveries;
    if (d.length >= n) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId}: fewer than ${n} delivery attempts recorded`);
}

const SCHEDULE = {
  name: 'Weekly',
  cron: '0 8 * * 1',
  tz: 'UTC',
  period: 'week',
  langs: ['en'],
  emails: ['ops@example.com'],
  webhooks: [] as string[],
  topN: 5,
  sections: ['stage_mix', 'decline_movers', 'at_risk', 'data_health'],
};
let scheduleId = '';

describe('report schedules', () => {
  it('refuses to save a destination outside the list, with the field, and saves nothing', async () => {
    const before = (await rig.get('/api/reports/schedules')).body.schedules.length;
    const hookOut = await rig.post('/api/reports/schedules', { ...SCHEDULE, webhooks: ['https://user:pw@hooks.evil.io/r?key=k'] });
    expect(hookOut.status).toBe(400);
    expect(hookOut.body.code).toBe('invalid');
    expect(hookOut.body.errors).toEqual([
      {
        field: 'webhooks',
        code: 'not_allowed',
        values: { value: expect.stringContaining('hooks.evil.io'), host: 'hooks.evil.io' },
        message: expect.stringContaining('destination not allowed by DELIVERY_ALLOW: hooks.evil.io'),
      },
    ]);
    // The refusal does not echo the URL's credentials.
    expect(JSON.stringify(hookOut.body)).not.toMatch(/pw@|key=k/);
    const mailOut = await rig.post('/api/reports/schedules', { ...SCHEDULE, emails: ['ops@example.com', 'boss@gmail.com'] });
    expect(mailOut.status).toBe(400);
    expect(mailOut.body.errors).toEqual([
      {
        field: 'emails',
        code: 'not_allowed',
        values: { value: 'boss@gmail.com', host: 'gmail.com' },
        message: '"boss@gmail.com": destination not allowed by DELIVERY_ALLOW: gmail.com',
      },
    ]);
    const notBool = await rig.post('/api/reports/schedules', { ...SCHEDULE, includePlayerIds: 'yes' });
    expect(notBool.body.errors.map((e: { field: string }) => e.field)).toEqual(['includePlayerIds']);
    expect((await rig.get('/api/reports/schedules')).body.schedules.length).toBe(before);
  });

  it('saves allowed destinations, without player ids unless asked', async () => {
    const r = await rig.post('/api/reports/schedules', { ...SCHEDULE, webhooks: [hook.url] });
    expect(r.status).toBe(201);
    expect(r.body.schedule.includePlayerIds).toBe(false);
    scheduleId = r.body.schedule.scheduleId;
  });
});

describe('delivery time', () => {
  it('records "destination not allowed" and never connects when the list no longer holds the receiver or the SMTP server', async () => {
    const runId = await withAllow('hooks.example.com, example.com', async () => {
      const r = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const id = r.body.runs[0].runId as string;
      await attemptsOf(id, 2);
      return id;
    });
    const attempts = await attemptsOf(runId, 2);
    expect(attempts.map((a) => [a.channel, a.status, a.attempt])).toEqual(
      expect.arrayContaining([
        ['webhook', 'failed', 1],
        ['email', 'failed', 1],
      ]),
    );
    expect(attempts).toHaveLength(2);
    expect(attempts.find((a) => a.channel === 'webhook').error).toBe('destination not allowed by DELIVERY_ALLOW: 127.0.0.1');
    expect(attempts.find((a) => a.channel === 'email').error).toBe('destination not allowed by DELIVERY_ALLOW: 127.0.0.1 (the SMTP server)');
    // The real receiver and the real SMTP server saw nothing.
    await new Promise((r) => setTimeout(r, 300));
    expect(hook.received).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('does not follow a redirect from an allowed host: it could lead past the list', async () => {
    const elsewhere = await startReceiver();
    const redirecting = createServer((_req, res) => res.writeHead(307, { location: elsewhere.url }).end());
    redirecting.listen(0, '127.0.0.1');
    await new Promise((r) => redirecting.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`;
      const out = await postWebhook(rig.engine.db, rig.engine.cfg, { subject: 'report', subjectId: 'redirect', url, payload: {} });
      expect(out.ok).toBe(false);
      expect(out.attempts.map((a) => a.httpStatus)).toEqual([307]);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      redirecting.close();
      await elsewhere.close();
    }
  });

  it('refuses a recipient outside the list before connecting', async () => {
    const out = await sendMail(rig.engine.db, rig.engine.cfg, {
      subject: 'report',
      subjectId: 'r-out',
      to: 'ceo@elsewhere.io',
      title: 't',
      html: '<p>x</p>',
      attachments: [],
    });
    expect(out.ok).toBe(false);
    expect(out.attempts.map((a) => a.error)).toEqual(['destination not allowed by DELIVERY_ALLOW: elsewhere.io']);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('what a report sends', () => {
  let stored: { dir: string; runId: string };

  it('sends no player ids by default: lists as counts with a line pointing to the dashboard, no player CSV files', async () => {
    const r = await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-25' });
    expect(r.status).toBe(200);
    stored = { dir: r.body.runs[0].outputDir, runId: r.body.runs[0].runId };
    const summary = JSON.parse(readFileSync(path.join(stored.dir, 'summary.json'), 'utf8'));
    // The stored report does list players by id: the test means something only if it does.
    const ids: string[] = [...summary.declineMovers.top, ...summary.atRisk.top].map((p: { playerId: string }) => p.playerId);
    expect(ids.length).toBeGreaterThan(0);
    const storedHtml = readFileSync(path.join(stored.dir, 'report.html'), 'utf8');
    const idCell = (id: string) => `monospace;">${id}</span>`;
    expect(ids.some((id) => storedHtml.includes(idCell(id)))).toBe(true);

    const [msg] = await smtp.waitFor(1);
    const parts = leaves(parseMime(msg.raw));
    const html = parts.find((x) => (x.headers['content-type'] ?? '').startsWith('text/html'))!.body.toString('utf8');
    expect(ids.filter((id) => html.includes(idCell(id)))).toEqual([]);
    expect(html).toContain('Player ids are not sent with this report; the list is in the dashboard');
    expect(html).toContain('Player lists are not attached');
    const attached = parts.map(fileNameOf).filter(Boolean).sort();
    expect(attached).toEqual(['stage_mix.csv']);
    expect(parts.some((p) => /player_id/.test(p.body.toString('utf8')))).toBe(false);

    await attemptsOf(stored.runId, 2);
    expect(hook.received).toHaveLength(1);
    const payload = JSON.parse(hook.received[0].body);
    expect(payload.summary.declineMovers.top).toEqual([]);
    expect(payload.summary.atRisk.top).toEqual([]);
    expect(payload.summary.declineMovers.players).toBe(summary.declineMovers.players);
    expect(payload.summary.atRisk.total).toBe(summary.atRisk.total);
  });

  it('sends the ids when the schedule says so, to allowed recipients', async () => {
    const saved = await rig.fetch(`${rig.base}/api/reports/schedules/${scheduleId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SCHEDULE, webhooks: [], includePlayerIds: true }),
    });
    expect((await saved.json()).schedule.includePlayerIds).toBe(true);
    expect((await rig.post(`/api/reports/schedules/${scheduleId}/run`, { window: '2026-03-18' })).status).toBe(200);
    const msgs = await smtp.waitFor(2);
    const attached = leaves(parseMime(msgs[1].raw)).map(fileNameOf).filter(Boolean).sort();
    expect(attached).toEqual(['at_risk.csv', 'decline_movers.csv', 'stage_mix.csv']);
  });

  it('serves stored files to signed-in callers only, and the player CSV files to analysts and up', async () => {
    const url = (name: string) => `${rig.base}/api/reports/runs/${stored.runId}/${name}`;
    const anonymous = await fetch(url('report.html'));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'sign in first', code: 'sign_in' });
    const viewer = (await tokenFetch(rig.engine.db, 'viewer')).fetch;
    const analyst = (await tokenFetch(rig.engine.db, 'analyst')).fetch;
    expect((await viewer(url('report.html'))).status).toBe(200);
    expect((await viewer(url('stage_mix.csv'))).status).toBe(200);
    for (const name of ['decline_movers.csv', 'at_risk.csv']) {
      const refused = await viewer(url(name));
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        error: `${name} lists players by id, a player-level export: it needs the analyst role or higher; tests-viewer is viewer`,
        code: 'forbidden',
        needed: 'analyst',
      });
      const ok = await analyst(url(name));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/player_id/);
    }
  });
});

describe('offer launches', () => {
  const launches = async () => Number((await one<{ n: string }>(rig.engine.db, 'SELECT count() AS n FROM offer_launches'))?.n);
  const members = async () => Number((await one<{ n: string }>(rig.engine.db, 'SELECT count() AS n FROM offer_launch_members'))?.n);

  it('refuses a launch to a webhook outside the list: 400, nothing sent, nothing saved', async () => {
    const before = [await launches(), await members()];
    const res = await withAllow('hooks.example.com', () => rig.post('/api/offers/allow-test/launch', { windowDays: 14, webhook: true, author: 't', note: '' }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^destination not allowed by DELIVERY_ALLOW: 127\.0\.0\.1: OFFERS_WEBHOOK_URL is outside the allow-list/);
    expect(JSON.stringify(res.body)).not.toContain('s3cret');
    expect(offersHook.received).toHaveLength(0);
    expect([await launches(), await members()]).toEqual(before);
  });

  it('keeps the webhook key out of the launch record and the delivery attempts', async () => {
    const res = await rig.post('/api/offers/allow-test/launch', { windowDays: 14, webhook: true, author: 't', note: '' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(offersHook.received).toHaveLength(1);
    expect(offersHook.received[0].path).toBe('/hook?token=s3cret-key');
    const { launchId } = res.body.launch;
    expect(res.body.launch.webhookUrl).toBe(`${offersHook.url}?token=***`);
    const detail = await rig.get(`/api/launches/${launchId}`);
    expect(JSON.stringify(detail.body)).not.toContain('s3cret');
    expect(detail.body.deliveries[0].target).toBe(`${offersHook.url}?token=***`);
  });
});
