import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { insertRows } from '../../server/db/query.ts';
import { ANY_CONDITIONS } from '../../server/offers/defaults.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { session, writeNdjson } from '../helpers/files.ts';
import { AS_OF, loadLifecycleFixture } from '../helpers/lifecycleFixture.ts';

/**
 * The offer economics and the explicit win-back choices through the API, on
 * the lifecycle fixture (test/helpers/lifecycleFixture.ts, as of 2026-03-31)
 * with hand-written model scores: every scored payer has a monetary P(alive)
 * of 1 and a CLV of 200.0000, so each is worth 200.0000 if kept; their
 * engagement P(alive) sets the churn risk:
 * - growth payers G and I: engagement P(alive) 0.95 (healthy, P(churn) 0.05);
 * - decline (leaving) payers F and K: engagement P(alive) 0.2 (P(churn) 0.8);
 * - N, a newcomer seen on 03-30 only (exploration): engagement P(alive) 0.5, which the audience does not
 *   read as churn (a one-day player's P(alive) is 1 by BG/NBD's construction; the score is written by hand).
 * The measured factors over the 30 days from 03-01: in exploration on 03-01 is C alone (tenure 28), seen again:
 * P(churn | exploration) = 0. In decline on 03-01 are D
 * (idle 9), E (45), F G H I J (50); all but D seen again, so P(churn | decline)
 * = 1 / 7; of the 6 non-payers kept, F G I paid: P(convert | decline) = 0.5.
 * New payers since 03-01: B (unscored: 2.00 / 2 days x 26.089286 = 26.0893),
 * F, G, I, K (200 each): mean 826.0893 / 5 = 165.21786 -> 165.2179; a
 * declining non-payer is worth 0.5 x 165.2179 = 82.60895 -> 82.6090 if kept.
 */
let rig: ApiRig;

const send = async (method: 'PUT' | 'POST', p: string, body: object) => {
  const res = await rig.fetch(`${rig.base}${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

/** A payers' bundle at 5.00 a player, assumed uplift 10%, for the stage given. */
const bundle = (stages: string[]) => ({
  offerId: 'payer-bundle',
  kind: 'limited_bundle',
  name: 'Payer bundle',
  description: '',
  stages,
  conditions: { ...ANY_CONDITIONS, tiers: ['minnow', 'dolphin', 'whale'] },
  reward: 'bundle',
  cost: { kind: 'fixed', fixedCost: '5', spendShare: 0 },
  assumedUplift: 0.1,
  holdoutShare: 0.1,
  activeFrom: '2026-01-01',
  activeTo: null,
  enabled: true,
});

/** A second returning-player reward whose id sorts before the seeded one: it used to take over the rescue silently. */
const cheapReturn = {
  ...bundle(['decline']),
  offerId: 'a-rescue',
  kind: 'returning_reward',
  name: 'Cheap return gift',
  conditions: { ...ANY_CONDITIONS, statuses: ['leaving', 'lapsed'] },
  cost: { kind: 'fixed', fixedCost: '1', spendShare: 0 },
  assumedUplift: 0.5,
};

beforeAll(async () => {
  rig = await startApi(
    async (engine) => {
      await loadLifecycleFixture(engine);
      const dir = path.join(engine.dir, 'newcomer');
      writeNdjson(dir, 'sessions_newcomer.ndjson', [session('s-N-1', 'N', '2026-03-30T12:00:00Z')]);
      await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
      const at = '2026-03-31T20:00:00.000Z';
      await insertRows(engine.db, 'model_runs', [
        { run_id: 'e1', kind: 'engagement', unit: 'day', as_of: AS_OF, started_at: at, finished_at: at, status: 'ok' },
        { run_id: 'm1', kind: 'monetary', unit: 'day', as_of: AS_OF, started_at: at, finished_at: at, status: 'ok' },
      ]);
      const base = { as_of: AS_OF, x: 1, t_x_days: 1, T_days: 1, expected_30: 1, expected_90: 3 };
      const engagement = (player_id: string, p_alive: number, risk_tier: string) => ({
        ...base,
        run_id: 'e1',
        kind: 'engagement',
        player_id,
        p_alive,
        risk_tier,
        expected_spend: null,
        expected_clv: null,
      });
      const monetary = (player_id: string) => ({
        ...base,
        run_id: 'm1',
        kind: 'monetary',
        player_id,
        p_alive: 1,
        risk_tier: '',
        expected_spend: '10.0000',
        expected_clv: '200.0000',
      });
      await insertRows(engine.db, 'player_scores', [
        engagement('G', 0.95, 'low'),
        engagement('I', 0.95, 'low'),
        engagement('F', 0.2, 'high'),
        engagement('K', 0.2, 'high'),
        engagement('N', 0.5, 'medium'),
        ...['G', 'I', 'F', 'K'].map(monetary),
      ]);
    },
    { API_CACHE_SECONDS: '0', NEW_SERVER_MIN_RETURNING: '1' },
  );
});
afterAll(() => rig?.close());

describe('offer economics through the API', () => {
  test('the same offer: a low ROI on a healthy audience, a high one on a high-risk audience', async () => {
    // Growth payers G, I (B is in exploration): at risk 2 x 0.05 x 200 = 20.0000; retained 0.1 x 20 = 2.0000;
    // cost 2 x 5 = 10; net -8.0000; ROI -0.8.
    const healthy = await rig.post('/api/offers/what-if', { offer: bundle(['growth']), asOf: AS_OF });
    expect(healthy.body.proposal.economics).toMatchObject({
      members: 2,
      payers: 2,
      churnScored: 2,
      totalClv: '400',
      valueIfKept: '400',
      valueAtRisk: '20',
      retained: '2.0000',
      net: '-8.0000',
      roi: -0.8,
      reason: { code: 'loses' },
    });
    // Decline payers F, K: at risk 2 x 0.8 x 200 = 320.0000; retained 32.0000; cost 10; net 22.0000; ROI 2.2.
    const risky = await rig.post('/api/offers/what-if', { offer: bundle(['decline']), asOf: AS_OF });
    expect(risky.body.proposal.economics).toMatchObject({ members: 2, valueIfKept: '400', valueAtRisk: '320', retained: '32.0000', net: '22.0000', roi: 2.2 });
    expect(risky.body.proposal.economics.changed).toBeCloseTo(0.16, 12);
  });

  test('a one-day player’s churn is the stage’s measured churn, not the model’s', async () => {
    // Exploration on 03-31: A, B and N; none has a P(alive) that speaks of churn (A, B unscored, N one day),
    // so each takes P(churn | exploration) = 0: sum 0, nobody counted as scored (N alone would add 0.5).
    const all = await rig.post('/api/offers/what-if', { offer: { ...bundle(['exploration']), conditions: ANY_CONDITIONS }, asOf: AS_OF });
    expect(all.body.proposal.economics).toMatchObject({ members: 3, churnScored: 0, churnSum: 0 });
  });

  test('non-payers carry their stage’s chance to convert', async () => {
    // Every decline player: F, K (200 each) and the non-payers C, D, E (82.6090 each, unscored: P(churn) 1/7).
    const all = await rig.post('/api/offers/what-if', { offer: { ...bundle(['decline']), conditions: ANY_CONDITIONS }, asOf: AS_OF });
    // Value if kept 400 + 3 x 82.6090 = 647.8270; at risk 320 + 3 x (82.6090 x 0.142857 = 11.80128... -> 11.8013) = 355.4039.
    expect(all.body.proposal.economics).toMatchObject({ members: 5, payers: 2, churnScored: 2, nonPayerValue: '247.827', valueIfKept: '647.827' });
    expect(all.body.proposal.economics.valueAtRisk).toBe('355.4039');
    expect(all.body.factors.stages.find((s: { stage: string }) => s.stage === 'decline')).toMatchObject({
      players: 7,
      kept: 6,
      pConvert: 0.5,
      nonPayerValue: '82.6090',
    });
  });
});

describe('which offers the win-back moves use', () => {
  test('creating another returning-player offer changes no rescue decision; choosing it does, with a version and an audit entry', async () => {
    expect((await rig.get('/api/winback/choices')).body).toEqual({
      version: 0,
      rescueOfferId: 'returning-reward',
      newServerOfferId: 'new-server',
      comradesOfferId: 'comrades-referral',
      author: 'system',
      note: 'default: the seeded offers',
      savedAt: null,
    });
    const before = await rig.get(`/api/winback/rescue?asOf=${AS_OF}`);
    expect(before.body).toMatchObject({ offer: { offerId: 'returning-reward' }, choice: { version: 0, offerId: 'returning-reward' } });
    // returning-reward (3.00, 15%): F and K 0.15 x 0.8 = 0.12 x 200 = 24.0000 > 12 (large: 200 >= 60 x 3): rescue;
    // C, D, E 0.15 x 1/7 = 0.021429 (whole millionths) x 82.6090 = 1.77022... -> 1.7702 <= 6 (medium: 82.609 >= 20 x 3): let go.
    const decisions = (b: { players: { playerId: string; expectedReturn: string; decision: string }[] }) =>
      b.players.map((p) => [p.playerId, p.expectedReturn, p.decision]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(decisions(before.body)).toEqual([
      ['C', '1.7702', 'let_go'],
      ['D', '1.7702', 'let_go'],
      ['E', '1.7702', 'let_go'],
      ['F', '24.0000', 'rescue'],
      ['K', '24.0000', 'rescue'],
    ]);

    expect((await rig.post('/api/offers', { offer: cheapReturn, author: 'mei' })).status).toBe(201);
    const after = await rig.get(`/api/winback/rescue?asOf=${AS_OF}`);
    expect(after.body).toEqual(before.body);
    expect((await rig.get(`/api/winback/servers?asOf=${AS_OF}`)).body.offer.offerId).toBe('new-server');

    const saved = await send('PUT', '/api/winback/choices', {
      rescueOfferId: 'a-rescue',
      newServerOfferId: 'new-server',
      comradesOfferId: 'comrades-referral',
      author: 'mei',
      note: 'cheaper gift',
      baseVersion: 0,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, rescueOfferId: 'a-rescue', newServerOfferId: 'new-server', author: 'mei', note: 'cheaper gift' });
    // a-rescue (1.00, 50%): F, K 0.5 x 0.8 x 200 = 80.0000 > 4; C, D, E: P(win back) 0.5 x 1/7 = 0.0714285... taken as
    // 0.071429 (whole millionths), x 82.6090 = 5.90068... -> 5.9007 > 4 (large: 82.609 >= 60 x 1).
    const chosen = await rig.get(`/api/winback/rescue?asOf=${AS_OF}`);
    expect(chosen.body).toMatchObject({ offer: { offerId: 'a-rescue' }, choice: { version: 1, offerId: 'a-rescue' } });
    expect(decisions(chosen.body)).toEqual([
      ['C', '5.9007', 'rescue'],
      ['D', '5.9007', 'rescue'],
      ['E', '5.9007', 'rescue'],
      ['F', '80.0000', 'rescue'],
      ['K', '80.0000', 'rescue'],
    ]);

    const audit = await rig.get('/api/audit?action=winback.choices');
    expect(audit.body.entries).toHaveLength(1);
    const entry = audit.body.entries[0];
    expect(entry).toMatchObject({ action: 'winback.choices', target: 'winback:choices', outcome: 'ok' });
    expect(JSON.parse(entry.before)).toMatchObject({ version: 0, rescueOfferId: 'returning-reward' });
    expect(JSON.parse(entry.after)).toMatchObject({ version: 1, rescueOfferId: 'a-rescue' });
  });

  test('the planner follows its own choice', async () => {
    const now = (await rig.get('/api/winback/choices')).body;
    const saved = await send('PUT', '/api/winback/choices', {
      rescueOfferId: now.rescueOfferId,
      newServerOfferId: 'a-rescue',
      comradesOfferId: now.comradesOfferId,
      author: 'li',
      baseVersion: now.version,
    });
    expect(saved.body).toMatchObject({ version: now.version + 1, rescueOfferId: now.rescueOfferId, newServerOfferId: 'a-rescue' });
    const plans = await rig.get(`/api/winback/servers?asOf=${AS_OF}`);
    expect(plans.body).toMatchObject({ offer: { offerId: 'a-rescue' }, choice: { version: now.version + 1, offerId: 'a-rescue' }, rate: { rate: 0.5 } });
  });

  test('a choice that cannot be made is refused and changes nothing', async () => {
    const now = (await rig.get('/api/winback/choices')).body;
    const stale = await send('PUT', '/api/winback/choices', {
      rescueOfferId: 'returning-reward',
      newServerOfferId: 'new-server',
      comradesOfferId: 'comrades-referral',
      author: 'mei',
      baseVersion: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/at version \d+ now, not 0/);
    const growth = await send('PUT', '/api/winback/choices', {
      rescueOfferId: 'event-invite',
      newServerOfferId: 'new-server',
      comradesOfferId: 'comrades-referral',
      author: 'mei',
    });
    expect(growth.status).toBe(400);
    expect(growth.body.error).toBe('rescueOfferId: offer "event-invite" is not aimed at the decline stage');
    const unknown = await send('PUT', '/api/winback/choices', {
      rescueOfferId: 'returning-reward',
      newServerOfferId: 'nope',
      comradesOfferId: 'comrades-referral',
      author: 'mei',
    });
    expect(unknown.body.error).toBe('newServerOfferId: no offer with id "nope"');
    expect(
      (await send('PUT', '/api/winback/choices', { rescueOfferId: 'returning-reward', newServerOfferId: 'new-server', comradesOfferId: 'comrades-referral' }))
        .status,
    ).toBe(400);
    expect((await rig.get('/api/winback/choices')).body).toEqual(now);
  });
});
