import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertRows } from '../../server/db/query.ts';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { DEFAULT_OFFERS, seedDefaultOffers } from '../../server/offers/defaults.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';

/**
 * The offer catalog, audiences, proposals and what-if on the lifecycle fixture
 * (test/helpers/lifecycleFixture.ts, as of 2026-03-31, 14-day windows) plus:
 * - L: active 2025-12-01 and 2026-01-15: on 03-31 idle 75 days, past the lost threshold (60): lost, in no audience;
 *   on 03-01 idle 45 days: decline (lapsed);
 * - M: active 03-28 and 03-30 at level 12: exploration, idle 1.
 * Model scores, written by hand into the latest runs:
 * - F: engagement P(alive) 0.9, 9 expected days in 90, risk low; monetary CLV 500.0000;
 * - K: engagement P(alive) 0.6, 18 expected days in 90, risk medium; no monetary score.
 * The CLV horizon is the default 12 months = 365.25 days.
 *
 * Decline on 03-31: leaving C, E, F, K; lapsed D; lost L. Expected CLV:
 * - F: model, 500.0000;
 * - K: fallback with engagement: lifetime 3.00 over 7 active days x (18 x 365.25 / 90 = 73.05 days)
 *      = 3 x 73.05 / 7 = 31.30714... -> 31.3071;
 * - C, D, E, M: non-payers -> 0 (fallback);
 * - G: fallback without engagement: 30.00 over 11 active days x (10 active days in R+P / 28 x 365.25
 *      = 130.446428... -> 130.446429) = 30 x 130.446429 / 11 = 355.762988... -> 355.7630;
 * - I: 15.00 / 11 x 130.446429 = 177.881494... -> 177.8815.
 *
 * The economics' measured factors, over the 30 days from 03-01 (R = 02-16..03-01, P = 02-02..02-15):
 * on 03-01 C (first seen 02-01, tenure 28) is in exploration; D (idle 9), E (45), F G H I J (50) and L (45)
 * in decline. Seen again by 03-31: C, E, F, G, H, I, J. So P(churn | decline) = 2 / 8 = 0.25,
 * P(churn | exploration) = 0; nobody had paid by 03-01, so P(convert | decline, kept) = F G I / 6 = 0.5
 * and P(convert | exploration, kept) = 0 / 1.
 * Value if kept (expected CLV / the P(alive) it is weighted with, as millionths):
 * - F: 500 x round(1 / 0.95, 6) = 500 x 1.052632 = 526.3160 (monetary P(alive));
 * - K: 31.3071 x 1.666667 = 52.17851... -> 52.1785 (engagement P(alive) 0.6: the fallback from expected days);
 * - G 355.7630, I 177.8815 (no score: weight 1);
 * - B: 2.00 / 2 active days x (2 / 28 x 365.25 = 26.089286) = 26.0893.
 * The new payers since 03-01 are B, F, G, I, K: mean (526.3160 + 52.1785 + 355.7630 + 177.8815 + 26.0893) / 5
 * = 1,138.2283 / 5 = 227.64566 -> 227.6457, so a declining non-payer is worth 0.5 x 227.6457 = 113.8229 if kept.
 */
let rig: ApiRig;

const send = async (method: 'PUT' | 'POST', p: string, body: object) => {
  const res = await rig.fetch(`${rig.base}${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

const draft = (over: Record<string, unknown> = {}) => ({
  offerId: 'leaving-gift',
  kind: 'returning_reward',
  name: 'Leaving gift',
  description: 'For players on their way out',
  stages: ['decline'],
  conditions: { ...ANY_CONDITIONS, statuses: ['leaving'] },
  reward: '300 gems',
  cost: { kind: 'fixed', fixedCost: '2.50', spendShare: 0 },
  assumedUplift: 0.2,
  holdoutShare: 0.1,
  activeFrom: '2026-03-01',
  activeTo: null,
  enabled: true,
  ...over,
});

beforeAll(async () => {
  rig = await startApi(async (engine) => {
    await loadLifecycleFixture(engine);
    const dir = path.join(engine.dir, 'extra');
    writeNdjson(dir, 'sessions_extra.ndjson', [
      session('s-L-1', 'L', '2025-12-01T12:00:00Z'),
      session('s-L-2', 'L', '2026-01-15T12:00:00Z'),
      session('s-M-1', 'M', '2026-03-28T12:00:00Z', { level: 11 }),
      session('s-M-2', 'M', '2026-03-30T12:00:00Z', { level: 12 }),
    ]);
    await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
    const at = '2026-03-31T20:00:00.000Z';
    await insertRows(engine.db, 'model_runs', [
      { run_id: 'e1', kind: 'engagement', unit: 'day', as_of: AS_OF, started_at: at, finished_at: at, status: 'ok' },
      { run_id: 'm1', kind: 'monetary', unit: 'day', as_of: AS_OF, started_at: at, finished_at: at, status: 'ok' },
    ]);
    const score = (run_id: string, kind: string, player_id: string, p_alive: number, expected_90: number, risk_tier: string, clv: string | null) => ({
      run_id,
      kind,
      as_of: AS_OF,
      player_id,
      x: 1,
      t_x_days: 1,
      T_days: 1,
      p_alive,
      expected_30: expected_90 / 3,
      expected_90,
      risk_tier,
      expected_spend: clv === null ? null : '10.0000',
      expected_clv: clv,
    });
    await insertRows(engine.db, 'player_scores', [
      score('e1', 'engagement', 'F', 0.9, 9, 'low', null),
      score('e1', 'engagement', 'K', 0.6, 18, 'medium', null),
      score('m1', 'monetary', 'F', 0.95, 3, '', '500.0000'),
    ]);
  });
});
afterAll(() => rig?.close());

describe('catalog', () => {
  test('the default catalog is seeded once, as version 1 by system', async () => {
    expect(await seedDefaultOffers(rig.engine.db)).toBe(0);
    const { status, body } = await rig.get('/api/offers');
    expect(status).toBe(200);
    expect(body.offers.map((o: { offerId: string }) => o.offerId).sort()).toEqual(DEFAULT_OFFERS.map((o) => o.offerId).sort());
    expect(
      body.offers.every((o: { version: number; author: string; holdoutShare: number }) => o.version === 1 && o.author === 'system' && o.holdoutShare === 0.1),
    ).toBe(true);
    expect(new Set(DEFAULT_OFFERS.map((o) => o.kind)).size).toBe(12);
  });

  test('create, edit with versions, archive and restore', async () => {
    const created = await rig.post('/api/offers', { offer: draft(), author: 'mei', note: 'first cut' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ offerId: 'leaving-gift', version: 1, author: 'mei', note: 'first cut', archived: false });
    expect((await rig.post('/api/offers', { offer: draft(), author: 'mei' })).status).toBe(409);

    const zh = { name: '告别礼物二', reward: '100钻石' };
    const edited = await send('PUT', '/api/offers/leaving-gift', {
      offer: draft({ name: 'Leaving gift II', texts: { zh } }),
      author: 'li',
      note: 'renamed',
      baseVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, name: 'Leaving gift II', author: 'li', texts: { zh } });
    const stale = await send('PUT', '/api/offers/leaving-gift', { offer: draft(), author: 'mei', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/version 2 now, not 1/);
    expect((await send('PUT', '/api/offers/nope', { offer: draft(), author: 'mei' })).status).toBe(404);

    const one = await rig.get('/api/offers/leaving-gift');
    expect(one.body.offer.version).toBe(2);
    // The Chinese words are stored with the version, the first version keeps none.
    expect(one.body.versions.map((v: { texts: object }) => v.texts)).toEqual([{ zh }, {}]);
    expect(one.body.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, 'renamed'],
      [1, 'first cut'],
    ]);

    expect((await rig.post('/api/offers/leaving-gift/archive', { author: 'li', note: 'pause' })).body).toMatchObject({
      version: 3,
      archived: true,
      name: 'Leaving gift II',
    });
    expect((await rig.post('/api/offers/leaving-gift/archive', { author: 'li' })).status).toBe(409);
    const listed = (await rig.get('/api/offers')).body.offers.map((o: { offerId: string }) => o.offerId);
    expect(listed).not.toContain('leaving-gift');
    const all = (await rig.get('/api/offers?archived=1')).body.offers.map((o: { offerId: string }) => o.offerId);
    expect(all).toContain('leaving-gift');
    expect((await rig.get('/api/offers/proposals')).body.proposals.map((p: { offerId: string }) => p.offerId)).not.toContain('leaving-gift');
    expect((await rig.post('/api/offers/leaving-gift/restore', { author: 'li' })).body).toMatchObject({ version: 4, archived: false });
    expect((await rig.post('/api/offers/nope/restore', { author: 'li' })).status).toBe(404);
    expect((await rig.post('/api/offers/leaving-gift/restore', {})).status).toBe(400);
  });

  test('invalid definitions are refused with every field error', async () => {
    const bad = draft({
      offerId: 'Bad Id',
      kind: 'lottery',
      name: '',
      stages: ['growth'],
      holdoutShare: 0.7,
      assumedUplift: -0.1,
      conditions: {
        statuses: ['leaving'],
        tiers: ['kraken'],
        minIdleDays: 30,
        maxIdleDays: 7,
        minLevel: 1.5,
        maxLevel: null,
        servers: ['s 1'],
        minClv: '1,5',
        maxClv: null,
        riskTiers: [],
      },
      cost: { kind: 'fixed', fixedCost: '-1' },
      activeFrom: '2026-02-30',
      activeTo: null,
    });
    const { status, body } = await rig.post('/api/offers', { offer: bad, author: 'mei' });
    expect(status).toBe(400);
    expect(body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'activeFrom:date',
      'assumedUplift:range',
      'conditions.maxIdleDays:order',
      'conditions.minClv:decimal',
      'conditions.minLevel:whole',
      'conditions.servers:server',
      'conditions.statuses:statuses_need_decline',
      'conditions.tiers:unknown',
      'cost.fixedCost:decimal',
      'holdoutShare:range',
      'kind:unknown',
      'name:required',
      'offerId:offer_id',
    ]);
    expect(body.errors.find((e: { field: string }) => e.field === 'holdoutShare').values).toEqual({ min: 0, max: 0.5, value: 0.7 });
    expect(body.error).toMatch(/holdoutShare must be between 0 and 0.5, got 0.7/);
    expect((await rig.post('/api/offers', { author: 'mei' })).status).toBe(400);
    // Words in other languages: known language codes, an object each, the same length limits.
    const texts = await rig.post('/api/offers', { offer: draft({ offerId: 'x0', texts: { fr: {}, zh: { reward: 'x'.repeat(501) } } }), author: 'mei' });
    expect(texts.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['texts:unknown', 'texts.zh.reward:too_long']);
    expect((await rig.post('/api/offers', { offer: draft({ offerId: 'x1' }) })).body.error).toBe('author is required');
    const late = await rig.post('/api/offers', { offer: draft({ offerId: 'x2', activeFrom: '2026-04-01', activeTo: '2026-03-01' }), author: 'mei' });
    expect(late.body.errors.map((e: { code: string }) => e.code)).toEqual(['date_order']);
  });
});

describe('audience and economics', () => {
  test('a saved offer: the leaving players, model CLV where scored, the fallback elsewhere', async () => {
    const { status, body } = await rig.get(`/api/offers/leaving-gift/audience?asOf=${AS_OF}`);
    expect(status).toBe(200);
    // Members C, E, F, K (D is lapsed, L lost): cost 4 x 2.50 = 10.00; CLV 500 + 31.3071 = 531.3071.
    // P(churn): F 1 - 0.9 = 0.1, K 1 - 0.6 = 0.4, C and E unscored 0.25 each: sum 1.
    // Value if kept: 526.3160 + 52.1785 + 2 x 113.8229 = 806.1403 (non-payers 227.6458).
    // At risk: 0.1 x 526.3160 = 52.6316; 0.4 x 52.1785 = 20.8714; 0.25 x 113.8229 = 28.455725 -> 28.4557 twice: 130.4144.
    expect(body.totals).toMatchObject({ members: 4, totalCost: '10', totalClv: '531.3071', modelClv: 1, fallbackClv: 3, payers: 2, churnScored: 2 });
    expect(body.totals).toMatchObject({ valueIfKept: '806.1403', nonPayerValue: '227.6458', valueAtRisk: '130.4144' });
    expect(body.totals.churnSum).toBeCloseTo(1, 12);
    // retained 0.2 x 130.4144 = 26.08288 -> 26.0829; net 16.0829; ROI 1.60829 (it was 0.2 x 531.3071 = 106.2614, ROI 9.63,
    // as if every leaving player would go and CLV already weighed by P(alive) were all at stake).
    expect(body.economics).toMatchObject({ retained: '26.0829', net: '16.0829', reason: { code: 'pays' }, uplift: { source: 'assumed', rate: 0.2 } });
    expect(body.economics.roi).toBeCloseTo(1.60829, 10);
    const brief = body.members.map((m: Record<string, unknown>) => [
      m.playerId,
      m.status,
      m.tier,
      m.idleDays,
      m.pAlive,
      m.churnRisk,
      m.expectedClv,
      m.clvSource,
      m.cost,
      m.valueIfKept,
    ]);
    expect(brief).toEqual([
      ['F', 'leaving', 'whale', 0, 0.9, 'low', '500', 'model', '2.5', '526.316'],
      ['K', 'leaving', 'minnow', 0, 0.6, 'medium', '31.3071', 'fallback', '2.5', '52.1785'],
      ['C', 'leaving', 'non_payer', 11, null, null, '0', 'fallback', '2.5', '113.8229'],
      ['E', 'leaving', 'non_payer', 0, null, null, '0', 'fallback', '2.5', '113.8229'],
    ]);
    expect(body.members.map((m: { pChurn: number }) => m.pChurn)).toEqual([1 - 0.9, 1 - 0.6, 0.25, 0.25]);
    const page = await rig.get(`/api/offers/leaving-gift/audience?asOf=${AS_OF}&sort=idle&limit=1&offset=0`);
    expect(page.body.members.map((m: { playerId: string }) => m.playerId)).toEqual(['C']);
  });

  test('the fallback without an engagement score, and a spend-share cost', async () => {
    // limited-bundle: growth payers G and I, 1.50 each = 3.00; CLV 355.7630 + 177.8815 = 533.6445.
    const { body } = await rig.get(`/api/offers/limited-bundle/audience?asOf=${AS_OF}`);
    expect(body.members.map((m: { playerId: string; expectedClv: string }) => [m.playerId, m.expectedClv])).toEqual([
      ['G', '355.763'],
      ['I', '177.8815'],
    ]);
    // topup-bonus: 5% of each CLV: 17.78815 -> 17.7882 and 8.894075 -> 8.8941; total 26.6823.
    const topup = await rig.get(`/api/offers/topup-bonus/audience?asOf=${AS_OF}`);
    expect(topup.body.members.map((m: { cost: string }) => m.cost)).toEqual(['17.7882', '8.8941']);
    expect(topup.body.totals.totalCost).toBe('26.6823');
  });

  test('level conditions read the highest level reached; lost players are in no audience', async () => {
    const gift = await rig.get(`/api/offers/starter-gift-l10/audience?asOf=${AS_OF}`);
    expect(gift.body.members.map((m: { playerId: string; maxLevel: number }) => [m.playerId, m.maxLevel])).toEqual([['M', 12]]);
    const anyDecline = await rig.post('/api/offers/what-if', { offer: draft({ offerId: '', conditions: {} }), asOf: AS_OF });
    // Every decline player but the lost L: C, D, E, F, K.
    expect(anyDecline.body.proposal.economics.members).toBe(5);
  });

  test('what-if re-prices a draft before it is saved', async () => {
    // minClv 100 keeps F only: cost 2.50, at risk 52.6316, retained 0.2 x 52.6316 = 10.52632 -> 10.5263, net 8.0263, ROI 3.21052.
    const rich = await rig.post('/api/offers/what-if', { offer: draft({ conditions: { statuses: ['leaving'], minClv: '100' } }), asOf: AS_OF });
    expect(rich.status).toBe(200);
    expect(rich.body).toMatchObject({ asOf: AS_OF, valid: true, errors: [] });
    expect(rich.body.proposal.economics).toMatchObject({ members: 1, totalCost: '2.5', totalClv: '500', retained: '10.5263', net: '8.0263' });
    expect(rich.body.proposal.economics.roi).toBeCloseTo(3.21052, 10);
    expect(rich.body.factors).toMatchObject({ from: '2026-03-01', windowDays: 30, newPayers: 5, newPayerValue: '227.6457', pChurnAll: 2 / 9 });
    expect(rich.body.factors.stages.find((x: { stage: string }) => x.stage === 'decline')).toEqual({
      stage: 'decline',
      players: 8,
      kept: 6,
      pChurn: 0.25,
      nonPayersKept: 6,
      converted: 3,
      pConvert: 0.5,
      nonPayerValue: '113.8229',
    });
    // A 10% spend share on the four leaving players: 50.0000 + 3.13071 -> 3.1307 + 0 + 0 = 53.1307.
    const share = await rig.post('/api/offers/what-if', { offer: draft({ cost: { kind: 'spend_share', spendShare: 0.1 } }), asOf: AS_OF });
    expect(share.body.proposal.economics.totalCost).toBe('53.1307');
    // churn risk narrows to scored players: medium is K alone.
    const risky = await rig.post('/api/offers/what-if', { offer: draft({ conditions: { statuses: ['leaving'], riskTiers: ['medium'] } }), asOf: AS_OF });
    expect(risky.body.proposal.economics).toMatchObject({ members: 1, totalClv: '31.3071' });
    const invalid = await rig.post('/api/offers/what-if', { offer: draft({ holdoutShare: 2 }) });
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({ valid: false, proposal: null });
    expect(invalid.body.errors[0]).toMatchObject({ field: 'holdoutShare', code: 'range' });
    expect((await rig.post('/api/offers/what-if', { offer: draft(), asOf: '2026-13-01' })).status).toBe(400);
    expect((await rig.post('/api/offers/what-if', { draft: {} })).status).toBe(400);
  });
});

describe('proposals', () => {
  test('every active offer, priced, best ROI first; the stage filter', async () => {
    const { status, body } = await rig.get(`/api/offers/proposals?asOf=${AS_OF}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ asOf: AS_OF, sort: 'roi', currency: 'USD' });
    expect(body.proposals).toHaveLength(15);
    const mine = body.proposals.find((p: { offerId: string }) => p.offerId === 'leaving-gift');
    expect(mine).toMatchObject({ version: 4, economics: { members: 4, totalCost: '10', retained: '26.0829', net: '16.0829' } });
    expect(body.factors.newPayerValue).toBe('227.6457');
    // Priced in one pass over the players, each proposal equals its audience priced alone.
    for (const id of ['topup-bonus', 'limited-bundle', 'new-server', 'starter-gift-l10']) {
      const alone = await rig.get(`/api/offers/${id}/audience?asOf=${AS_OF}`);
      expect(body.proposals.find((p: { offerId: string }) => p.offerId === id).economics).toEqual(alone.body.economics);
    }
    const rois = body.proposals.map((p: { economics: { roi: number | null } }) => p.economics.roi);
    const priced = rois.filter((r: number | null) => r !== null);
    expect(priced).toEqual([...priced].sort((a: number, b: number) => b - a));
    expect(rois.slice(priced.length).every((r: number | null) => r === null)).toBe(true);

    const growth = await rig.get(`/api/offers/proposals?asOf=${AS_OF}&stage=growth&sort=cost`);
    expect(growth.body.proposals.map((p: { offerId: string }) => p.offerId)).toEqual(['topup-bonus', 'limited-bundle', 'event-invite']);
    // Offers whose active dates miss the day are left out: leaving-gift starts 2026-03-01.
    const early = await rig.get('/api/offers/proposals?asOf=2026-02-15');
    expect(early.body.proposals.map((p: { offerId: string }) => p.offerId)).not.toContain('leaving-gift');
  });

  test('bad parameters are 400 with a message', async () => {
    expect((await rig.get('/api/offers/proposals?sort=fun')).body.error).toMatch(/sort must be one of roi, net, cost, audience, retained/);
    expect((await rig.get('/api/offers/proposals?stage=lost')).status).toBe(400);
    expect((await rig.get('/api/offers/proposals?asOf=yesterday')).status).toBe(400);
    expect((await rig.get('/api/offers/leaving-gift/audience?limit=0')).status).toBe(400);
    expect((await rig.get('/api/offers/leaving-gift/audience?sort=name')).status).toBe(400);
    expect((await rig.get('/api/offers/nope/audience')).status).toBe(404);
    expect((await rig.get('/api/offers/nope')).status).toBe(404);
  });
});
