import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { createOffer } from '../../server/offers/catalog.ts';
import { DomainError } from '../../server/domainError.ts';
import { launchOffer } from '../../server/launches/launch.ts';
import { groupOf } from '../../server/launches/split.ts';
import type { OfferDefinition } from '../../contract/offers.ts';
import { playerStageNow } from '../../server/queries/players/playerStageNow.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { expectSigned } from '../helpers/webhookSignature.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';
import { csvParts } from '../helpers/csv.ts';

/**
 * The lifecycle fixture (test/helpers/lifecycleFixture.ts) as of 2026-03-31:
 * the decline stage without lost players is C, E, F, K (leaving) and D
 * (lapsed), so an offer for decline / leaving+lapsed reaches exactly those 5.
 */
const DECLINING = ['C', 'D', 'E', 'F', 'K'];
const SECRET = 'launch-secret';

const offer: OfferDefinition = {
  offerId: 'winback-test',
  kind: 'returning_reward',
  name: 'Come back = gems',
  description: 'test offer',
  stages: ['decline'],
  conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] },
  reward: '=HYPERLINK("x") 300 gems',
  texts: {},
  cost: { kind: 'fixed', fixedCost: '2.5000', spendShare: 0 },
  assumedUplift: 0.1,
  holdoutShare: 0.4,
  activeFrom: '2026-01-01',
  activeTo: null,
  enabled: true,
};

/** The first seed whose draw puts exactly `holdout` in the holdout (share 0.4): groups chosen by hand, drawn for real. */
function seedFor(holdout: string[]): number {
  for (let s = 0; s < 100_000; s++) if (DECLINING.every((p) => (groupOf(s, p, 0.4) === 'holdout') === holdout.includes(p))) return s;
  throw new Error('no seed found');
}

let rig: ApiRig;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  rig = await startApi(
    async (e) => {
      await loadLifecycleFixture(e);
      await createOffer(e.db, offer, { author: 'test', note: '' });
    },
    { OFFERS_WEBHOOK_URL: receiver.url, WEBHOOK_SECRET: SECRET, WEBHOOK_ATTEMPTS: '2', WEBHOOK_RETRY_BASE_MS: '10' },
  );
});
afterAll(async () => {
  await rig?.close();
  await receiver?.close();
});

const body = (extra: object = {}) => ({ author: 'designer', note: 'spring win-back', windowDays: 14, ...extra });

describe('launching an offer', () => {
  let seed: number;
  let launchId: string;

  it('freezes exactly the audience with the seeded groups, and posts the signed treatment list', async () => {
    seed = seedFor(['C', 'K']);
    const res = await rig.post('/api/offers/winback-test/launch', body({ seed, webhook: true }));
    expect(res.status).toBe(200);
    const l = res.body.launch;
    launchId = l.launchId;
    expect(l).toMatchObject({
      offerId: 'winback-test',
      offerVersion: 1,
      offerName: 'Come back = gems',
      asOf: AS_OF,
      seed,
      holdoutShare: 0.4,
      windowDays: 14,
      audience: 5,
      treatment: 3,
      holdout: 2,
      totalCost: '7.5',
      webhookStatus: 'ok',
      webhookUrl: receiver.url,
    });
    expect(res.body.webhook).toHaveLength(1);

    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0];
    expectSigned(got, SECRET);
    const payload = JSON.parse(got.body);
    expect(payload.launchId).toBe(launchId);
    expect(payload.offer).toEqual({ offerId: 'winback-test', version: 1, kind: 'returning_reward', name: 'Come back = gems', reward: offer.reward });
    expect(payload.asOf).toBe(AS_OF);
    expect(payload.players.map((p: any) => p.playerId).sort()).toEqual(['D', 'E', 'F']);
    expect(payload.players[0]).toEqual({ playerId: expect.any(String), serverId: 's01', reward: offer.reward });

    const detail = await rig.get(`/api/launches/${launchId}`);
    expect(detail.body.deliveries.map((d: any) => [d.attempt, d.status, d.httpStatus])).toEqual([[1, 'ok', 200]]);
    expect(detail.body.launch.offer.reward).toBe(offer.reward);
  });

  it('exports both groups or one as formula-safe CSV', async () => {
    const all = await rig.fetch(`${rig.base}/api/launches/${launchId}/audience.csv?header=keys`);
    expect(all.headers.get('content-type')).toContain('text/csv');
    expect(all.headers.get('content-disposition')).toBe(`attachment; filename="launch-winback-test_asOf-${AS_OF}_group-all.csv"`);
    const { comment, header, rows } = csvParts(await all.text());
    expect(comment).toBe(`# Filters: asOf=${AS_OF}; group=all`);
    const lines = [header, ...rows];
    expect(lines[0]).toBe('group,player_id,server_id,stage,status,tier,idle_days,p_alive,expected_clv,cost,reward');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['holdout,C', 'holdout,K', 'treatment,D', 'treatment,E', 'treatment,F']);
    // D: lapsed, idle 39 days, never paid (non_payer, so the fallback CLV is 0); no model fitted, so no P(alive).
    // The reward starts with "=": a spreadsheet would run it, so it leaves quoted behind an apostrophe.
    expect(lines[3]).toBe(`treatment,D,s01,decline,lapsed,non_payer,39,,0,2.5,"'=HYPERLINK(""x"") 300 gems"`);
    const treat = await rig.get(`/api/launches/${launchId}/audience.csv?group=treatment`);
    expect(csvParts(treat.body).rows.map((l: string) => l.split(',')[1])).toEqual(['D', 'E', 'F']);
    // Headers in the user's language unless the stable keys are asked for.
    const zh = csvParts((await rig.get(`/api/launches/${launchId}/audience.csv?group=treatment&lang=zh`)).body);
    expect([zh.comment, zh.header.split(',').slice(0, 3)]).toEqual([`# 筛选条件: asOf=${AS_OF}; group=treatment`, ['分组', '玩家', '服务器']]);
    expect((await rig.get(`/api/launches/${launchId}/audience.csv?group=nobody`)).status).toBe(400);
  });

  it('refuses a second launch on the same day unless forced, and the same seed gives the same groups', async () => {
    const again = await rig.post('/api/offers/winback-test/launch', body({ seed }));
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('pass force');
    const forced = await rig.post('/api/offers/winback-test/launch', body({ seed, force: true }));
    expect(forced.status).toBe(200);
    expect(forced.body.launch.webhookStatus).toBe('none');
    const csv = async (id: string) => (await rig.get(`/api/launches/${id}/audience.csv`)).body;
    expect(await csv(forced.body.launch.launchId)).toBe(await csv(launchId));
    // Another seed draws other groups.
    const other = seedFor(['D', 'E']);
    const third = await rig.post('/api/offers/winback-test/launch', body({ seed: other, force: true }));
    expect(
      csvParts(await csv(third.body.launch.launchId))
        .rows.slice(0, 2)
        .map((l: string) => l.split(',')[1]),
    ).toEqual(['D', 'E']);
  });

  it('records failed attempts and webhook_status failed when the mail system keeps failing', async () => {
    receiver.received.length = 0;
    receiver.plan = [503, 503];
    const res = await rig.post('/api/offers/winback-test/launch', body({ seed, force: true, webhook: true }));
    expect(res.status).toBe(200);
    expect(res.body.launch.webhookStatus).toBe('failed');
    expect(receiver.received).toHaveLength(2);
    const detail = await rig.get(`/api/launches/${res.body.launch.launchId}`);
    expect(detail.body.deliveries.map((d: any) => [d.attempt, d.status, d.httpStatus])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
    ]);
  });

  it('sends a large treatment in batches, one delivery each', async () => {
    receiver.received.length = 0;
    const out = await launchOffer(
      rig.engine.db,
      rig.engine.cfg,
      { offerId: 'winback-test', seed, windowDays: 14, webhook: true, author: 'a', note: '', force: true },
      { batch: 2 },
    );
    expect(out.webhook.map((w) => w.players)).toEqual([2, 1]);
    expect(new Set(out.webhook.map((w) => w.deliveryId)).size).toBe(2);
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.batch)).toEqual([
      { index: 1, of: 2, treatmentPlayers: 3 },
      { index: 2, of: 2, treatmentPlayers: 3 },
    ]);
    expect(bodies.flatMap((b) => b.players.map((p: any) => p.playerId)).sort()).toEqual(['D', 'E', 'F']);
  });

  it('answers bad requests with 4xx and a message', async () => {
    const cases: [string, object, number, string][] = [
      ['/api/offers/winback-test/launch', { note: 'x' }, 400, 'author is required'],
      ['/api/offers/winback-test/launch', body({ windowDays: 91 }), 400, 'windowDays must be a whole number from 1 to 90'],
      ['/api/offers/winback-test/launch', body({ holdoutShare: 0.9 }), 400, 'holdoutShare must be a number from 0 to 0.5'],
      ['/api/offers/winback-test/launch', body({ seed: -1 }), 400, 'seed must be a whole number'],
      ['/api/offers/winback-test/launch', body({ asOf: '2026-02-30' }), 400, 'asOf must be a day'],
      ['/api/offers/winback-test/launch', body({ asOf: '2026-05-01' }), 400, 'after the last day with data'],
      ['/api/offers/winback-test/launch', body({ webhook: 'yes' }), 400, 'webhook must be true or false'],
      ['/api/offers/nope/launch', body(), 404, 'no offer with id "nope"'],
    ];
    for (const [url, b, status, message] of cases) {
      const res = await rig.post(url, b);
      expect([url, res.status]).toEqual([url, status]);
      expect(res.body.error).toContain(message);
    }
    expect((await rig.get('/api/launches/not-an-id')).status).toBe(400);
    expect((await rig.get('/api/launches/00000000-0000-0000-0000-000000000000/uplift')).status).toBe(404);
    // Nobody in the audience: a whale-only offer on a game whose only whale is leaving-but-active F, restricted to lapsed.
    await createOffer(
      rig.engine.db,
      { ...offer, offerId: 'nobody', conditions: { ...offer.conditions, statuses: ['lapsed'], tiers: ['whale'] } },
      { author: 't', note: '' },
    );
    const empty = await rig.post('/api/offers/nobody/launch', body());
    expect(empty.status).toBe(400);
    expect(empty.body.error).toContain('nobody in its audience');
    // Each refusal names its case and values, for the dashboard to word it.
    expect(empty.body).toMatchObject({ code: 'launch_empty_audience', values: { offer: 'nobody', asOf: '2026-03-31' } });
    // Not active on the day: disabled, or before its first day.
    await createOffer(rig.engine.db, { ...offer, offerId: 'later', activeFrom: '2026-04-01' }, { author: 't', note: '' });
    const later = await rig.post('/api/offers/later/launch', body());
    expect([later.status, later.body.error]).toEqual([400, 'offer "later" is not active on 2026-03-31 (active 2026-04-01 to open-ended)']);
    await createOffer(rig.engine.db, { ...offer, offerId: 'off', enabled: false }, { author: 't', note: '' });
    expect(later.body).toMatchObject({ code: 'offer_inactive', values: { offer: 'later', asOf: '2026-03-31' } });
    const off = await rig.post('/api/offers/off/launch', body());
    expect(off.body.error).toBe('offer "off" is not active on 2026-03-31 (disabled)');
    expect(off.body).toMatchObject({ code: 'offer_disabled', values: { offer: 'off' } });
    // Asked for the webhook with none configured.
    const cfg = { ...rig.engine.cfg, offers: { webhookUrl: undefined } };
    await expect(
      launchOffer(rig.engine.db, cfg, { offerId: 'winback-test', windowDays: 14, webhook: true, author: 'a', note: '', force: true }),
    ).rejects.toThrow(DomainError);
    await expect(
      launchOffer(rig.engine.db, cfg, { offerId: 'winback-test', windowDays: 14, webhook: true, author: 'a', note: '', force: true }),
    ).rejects.toThrow(/OFFERS_WEBHOOK_URL/);
  });

  it('measures uplift over the window: measuring with no data after the launch, then exact figures', async () => {
    const before = await rig.get(`/api/launches/${launchId}/uplift`);
    expect(before.body).toMatchObject({ state: 'measuring', daysElapsed: 0, windowDays: 14, windowEnd: AS_OF, reading: 'no_test' });
    expect(before.body.treatment).toMatchObject({ members: 3, returned: 0 });

    // After the launch (window 04-01..04-14), by hand:
    // treatment D: 04-03 session + 10.00; E: 04-02, 04-05; F: 04-10 + 5.50, 04-12 + 2.50 -> 3 of 3 back, revenue 10, 0, 8.
    // holdout C: 04-08 session; K: 04-15 only (the day after the window) -> 1 of 2 back, revenue 0, 0.
    const dir = path.join(rig.engine.dir, 'after');
    const s = (p: string, d: string) => session(`after-${p}-${d}`, p, `${d}T12:00:00Z`);
    writeNdjson(dir, 'sessions_after.ndjson', [
      s('D', '2026-04-03'),
      s('E', '2026-04-02'),
      s('E', '2026-04-05'),
      s('F', '2026-04-10'),
      s('F', '2026-04-12'),
      s('C', '2026-04-08'),
      s('K', '2026-04-15'),
    ]);
    writeNdjson(dir, 'payments_after.ndjson', [
      payment('after-pay-1', 'D', '2026-04-03T13:00:00Z', '10.00'),
      payment('after-pay-2', 'F', '2026-04-10T13:00:00Z', '5.50'),
      payment('after-pay-3', 'F', '2026-04-12T13:00:00Z', '2.50'),
    ]);
    await runIngestAndRefresh(rig.engine, { paths: [dir], source: 'cli' });

    const u = (await rig.get(`/api/launches/${launchId}/uplift`)).body;
    expect(u).toMatchObject({ state: 'complete', daysElapsed: 14, windowEnd: '2026-04-14' });
    expect(u.treatment).toEqual({ members: 3, returned: 3, returnRate: 1, payers: 2, revenue: '18', revenuePerPlayer: '6' });
    expect(u.holdout).toEqual({ members: 2, returned: 1, returnRate: 0.5, payers: 0, revenue: '0', revenuePerPlayer: '0' });
    // Return rate: difference 0.5; Wald SE = sqrt(1 x 0 / 3 + 0.5 x 0.5 / 2) = 0.353553, CI 0.5 +- 0.692952;
    // pooled p = 4/5, SE = sqrt(0.8 x 0.2 x (1/3 + 1/2)) = 0.365148, z = 1.369306, two-sided p = 0.170904.
    expect(u.returnRate.difference).toBeCloseTo(0.5, 12);
    expect(u.returnRate.ci.low).toBeCloseTo(-0.192952, 5);
    expect(u.returnRate.ci.high).toBeCloseTo(1.192952, 5);
    expect(u.returnRate.z).toBeCloseTo(1.369306, 5);
    expect(u.returnRate.p).toBeCloseTo(0.170904, 5);
    expect(Object.keys(u.returnRate)).toEqual(['difference', 'ci', 'z', 'p']);
    expect(u.reading).toBe('not_significant');
    // Revenue per player: treatment 10, 0, 8 -> mean 6, variance ((4^2 + 6^2 + 2^2) / 2) = 28; holdout 0, 0.
    // Welch SE = sqrt(28 / 3) = 3.055050, df = 2, t(0.975, 2) = 4.302653, CI 6 +- 13.144836.
    expect(u.revenuePerPlayer.difference).toBeCloseTo(6, 10);
    expect(u.revenuePerPlayer.df).toBeCloseTo(2, 10);
    expect(u.revenuePerPlayer.ci.low).toBeCloseTo(-7.144836, 4);
    expect(u.revenuePerPlayer.ci.high).toBeCloseTo(19.144836, 4);

    // Stage transitions: every member from its frozen stage to its stage on 04-14, as the stage rules see it.
    expect(u.transitions.reduce((n: number, t: any) => n + t.players, 0)).toBe(5);
    for (const p of DECLINING) {
      const group = ['C', 'K'].includes(p) ? 'holdout' : 'treatment';
      const now = await playerStageNow(rig.engine.db, p, '2026-04-14');
      const to = now!.status === 'lost' ? 'lost' : now!.stage;
      expect(u.transitions.some((t: any) => t.group === group && t.from === 'decline' && t.to === to)).toBe(true);
    }
    expect(u.stageSource === 'snapshot' || u.stageSource === 'view').toBe(true);

    const list = (await rig.get('/api/launches')).body;
    const mine = list.launches.find((l: any) => l.launchId === launchId);
    expect(mine.uplift).toMatchObject({ state: 'complete', treatment: u.treatment, holdout: u.holdout, returnRate: u.returnRate });
    expect(mine.offerJson).toBeUndefined();
  });
});
