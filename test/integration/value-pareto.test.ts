import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import { stageSourceOn } from '../../server/lifecycle/stageSource.ts';
import { paretoCurve, paretoSummary } from '../../server/queries/value/pareto.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import type { TestEngine } from '../helpers/engine.ts';
import { payment, session, writeNdjson } from '../helpers/files.ts';

/**
 * 450 payers P001..P450, each with one session and one payment on 2026-03-01:
 * payer i pays i.00. P001..P050 play on server s02, the rest on s01.
 * Total 450 * 451 / 2 = 101475.
 *
 * | scope | payers (revenue) | top 1%                   | top 5%                                | top 20%                                 |
 * |-------|------------------|--------------------------|---------------------------------------|-----------------------------------------|
 * | all   | 450 (101475)     | 5: 446..450 = 2240       | 23: 428..450 = 23 * 439 = 10097       | 90: 361..450 = 45 * 811 = 36495         |
 * |       |                  | 2240 / 101475 = 0.022074 | 10097 / 101475 = 0.099502             | 36495 / 101475 = 0.359645               |
 * | s02   | 50 (1275)        | 1: 50 / 1275 = 0.039216  | 3: 50 + 49 + 48 = 147 / 1275 = 0.115294 | 10: 41..50 = 455 / 1275 = 0.356863    |
 *
 * The curve keeps every ceil(450 / 200) = 3rd payer (150 points) plus the first: 151 points.
 * Tiers: percent rank of payer i = (i - 1) / 449; whale >= .98 from i = 442 (441/449 = .9822, while i = 441
 * has 440/449 = .97996), dolphin >= .80 from i = 361 (360/449 = .8018, while i = 360 has 359/449 = .7996):
 * whales 442..450 = 9 * 892 / 2 = 4014; dolphins 361..441 = 81 * 401 = 32481; minnows 1..360 = 360 * 361 / 2 = 64980.
 * On s02 (players whose latest server is s02; tiers rank game-wide): 50 minnows, 1275.
 */
const N = 450;
const id = (i: number) => `P${String(i).padStart(3, '0')}`;

async function loadPayers(engine: TestEngine): Promise<void> {
  const dir = path.join(engine.dir, 'payers');
  const players = Array.from({ length: N }, (_, k) => k + 1);
  const server = (i: number) => ({ server_id: i <= 50 ? 's02' : 's01' });
  writeNdjson(
    dir,
    'sessions_payers.ndjson',
    players.map((i) => session(`s-${i}`, id(i), '2026-03-01T12:00:00Z', server(i))),
  );
  writeNdjson(
    dir,
    'payments_payers.ndjson',
    players.map((i) => payment(`p-${i}`, id(i), '2026-03-01T13:00:00Z', `${i}.00`, server(i))),
  );
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}

let rig: ApiRig;
beforeAll(async () => {
  rig = await startApi(loadPayers);
});
afterAll(() => rig?.close());

describe('revenue concentration over many payers', () => {
  it('gives exact top shares and a curve of at most about 200 points', async () => {
    const { body } = await rig.get('/api/value');
    expect(body.pareto).toEqual({ payers: 450, lifetimeSpend: '101475', top1: '0.022074', top5: '0.099502', top20: '0.359645' });
    expect(body.curve).toHaveLength(151);
    expect(body.curve[0]).toEqual({ payerShare: 1 / 450, revenueShare: 450 / 101475 });
    expect(body.curve[1].payerShare).toBe(3 / 450);
    expect(body.curve[1].revenueShare).toBeCloseTo((450 + 449 + 448) / 101475, 12);
    expect(body.curve.at(-1)).toEqual({ payerShare: 1, revenueShare: 1 });
    expect(body.tiers).toEqual([
      { tier: 'dolphin', players: 81, lifetimeSpend: '32481' },
      { tier: 'minnow', players: 360, lifetimeSpend: '64980' },
      { tier: 'whale', players: 9, lifetimeSpend: '4014' },
    ]);
    const big = await rig.get('/api/value/lists/big_spenders?limit=2');
    expect([big.body.total, big.body.players.map((p: any) => [p.playerId, p.tier, p.lastPayDay])]).toEqual([
      90,
      [
        ['P450', 'whale', '2026-03-01'],
        ['P449', 'whale', '2026-03-01'],
      ],
    ]);
  });

  it('reads the payers from the day’s snapshot over all servers, exactly as grouped from the rollup', async () => {
    const q = { asOf: '2026-03-01', server: '' };
    const db = rig.engine.db;
    expect(await stageSourceOn(db, q.asOf)).toBe('snapshot');
    expect(await paretoSummary(db, q, 'snapshot')).toEqual(await paretoSummary(db, q, 'view'));
    expect(await paretoCurve(db, q, 'snapshot', 200)).toEqual(await paretoCurve(db, q, 'view', 200));
  });

  it('narrows to one server', async () => {
    const { body } = await rig.get('/api/value?server=s02');
    expect(body.pareto).toEqual({ payers: 50, lifetimeSpend: '1275', top1: '0.039216', top5: '0.115294', top20: '0.356863' });
    expect(body.tiers).toEqual([{ tier: 'minnow', players: 50, lifetimeSpend: '1275' }]);
    // s02 holds the 50 smallest payers: no whale or dolphin.
    expect((await rig.get('/api/value/lists/big_spenders?server=s02')).body).toMatchObject({ total: 0, players: [] });
  });
});
