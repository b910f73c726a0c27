import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnowPayments, cdnowSampleIds } from '../../server/models/cdnowPayments.ts';
import { bgnbdStats, gammaGammaStats, monetarySummaryPerPlayer } from '../../server/queries/models/sufficientStats.ts';
import { toModelUnit } from '../../server/models/units.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';
import { writeNdjson } from '../helpers/files.ts';

/**
 * The CDNOW sample through the real ingester and rollups must give back the
 * published per-customer summary (../shared/data/cdnow/README.md), customer
 * for customer: calibration ends 1997-09-30, a week is 7 days, t_x and T are
 * published with 2 decimals, zbar with 2 decimals rounded half up (68 of the
 * means end in exactly 5 at the third place). The summary's ID is the sample
 * id; our players are the master ids (see server/models/cdnowPayments.ts).
 *
 * 8 customers made a single purchase of $0.00; the published summary counts
 * it (x = 0), and so do the models: a purchase day is a day with a payment
 * that is not a refund, zero included (server/queries/models/sufficientStats.ts).
 */
const CDNOW_DIR = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const SAMPLE = path.join(CDNOW_DIR, 'CDNOW_sample.txt');
const SUMMARY = path.join(CDNOW_DIR, 'cdnow_customers_summary_with_transactions.csv');
const haveCdnow = existsSync(SAMPLE) && existsSync(SUMMARY);
if (!haveCdnow && process.env.CI === 'true') throw new Error(`CI must check the models against CDNOW, but ${SAMPLE} or ${SUMMARY} is missing`);
if (!haveCdnow) console.warn(`skipping the CDNOW statistics test: ${SAMPLE} or ${SUMMARY} is missing`);

const CAL = { calibrationEnd: '1997-09-30' };

interface Published {
  id: number;
  x: number;
  t_x: string;
  T: string;
  zbar: string;
}

function readSummary(): Published[] {
  const [header, ...lines] = readFileSync(SUMMARY, 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('ID,x,t_x,T,zbar');
  return lines.map((l) => {
    const [id, x, t_x, T, zbar] = l.split(',');
    return { id: Number(id), x: Number(x), t_x, T, zbar };
  });
}

/** A non-negative decimal string rounded half up to 2 places, as the summary was written; exact, no float. */
function twoPlaces(decimal: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) throw new Error(`not a non-negative decimal: ${decimal}`);
  const frac = (m[2] ?? '').padEnd(2, '0');
  const unit = 10n ** BigInt(frac.length - 2);
  const scaled = BigInt(m[1] + frac);
  const cents = scaled / unit + (2n * (scaled % unit) >= unit ? 1n : 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

const weeks = (days: number) => (days / 7).toFixed(2);

/** Counts of each key, to compare grouped statistics with per-customer rows. */
function tally(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

let engine: TestEngine;
let sampleIds: Map<string, number>;
let published: Published[];
/** Sample ids of the customers whose only purchase is $0.00. */
let zeroDollarOnly: number[];
beforeAll(async () => {
  if (!haveCdnow) return;
  const sampleText = readFileSync(SAMPLE, 'utf8');
  const payments = cdnowPayments(sampleText);
  sampleIds = cdnowSampleIds(sampleText);
  published = readSummary();
  const paid = new Set(payments.filter((p) => Number(p.amount) > 0).map((p) => sampleIds.get(p.player_id)));
  zeroDollarOnly = published.filter((c) => !paid.has(c.id)).map((c) => c.id);
  engine = await freshEngine();
  const file = writeNdjson(path.join(engine.dir, 'inbox'), 'payments_cdnow_sample.ndjson', payments);
  const t0 = performance.now();
  const run = await engine.ingester.run({ paths: [file], source: 'cli' });
  console.info(`CDNOW sample ingested in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  expect(run.files.map((f) => ({ state: f.state, loaded: f.rowsLoaded, quarantined: f.rowsQuarantined }))).toEqual([
    { state: 'done', loaded: 6919, quarantined: 0 },
  ]);
});
afterAll(() => engine?.cleanup());

describe.skipIf(!haveCdnow)('CDNOW through the ingester', () => {
  it('reproduces the published summary (x, t_x, T, zbar) of every customer, $0.00 purchases included', async () => {
    const t0 = performance.now();
    const ours = await monetarySummaryPerPlayer(engine.db, CAL);
    const ms = performance.now() - t0;
    const byId = new Map(ours.map((p) => [sampleIds.get(p.player_id), p]));
    expect(zeroDollarOnly).toHaveLength(8);
    expect(zeroDollarOnly.map((id) => byId.get(id))).toEqual(zeroDollarOnly.map(() => expect.objectContaining({ x: 0, zbar: null })));
    const mismatches = published.filter((c) => {
      const p = byId.get(c.id);
      return !p || p.x !== c.x || weeks(p.t_x_days) !== c.t_x || weeks(p.T_days) !== c.T || twoPlaces(p.zbar ?? '0') !== c.zbar;
    });
    console.info(`CDNOW per customer: ${published.length - mismatches.length} of ${published.length} match (query ${ms.toFixed(0)} ms)`);
    expect(ours).toHaveLength(2357);
    expect(published).toHaveLength(2357);
    expect(mismatches).toEqual([]);
  });

  it('groups the same summaries by (x, t_x, T) for the BG/NBD fit', async () => {
    const t0 = performance.now();
    const grouped = toModelUnit(await bgnbdStats(engine.db, { kind: 'monetary', ...CAL }), 'week');
    console.info(`CDNOW BG/NBD statistics: ${grouped.length} rows in ${(performance.now() - t0).toFixed(0)} ms`);
    const ours = new Map(grouped.map((r) => [`${r.x}|${r.t_x.toFixed(2)}|${r.T.toFixed(2)}`, r.n]));
    expect(ours).toEqual(tally(published.map((c) => `${c.x}|${c.t_x}|${c.T}`)));
  });

  it('groups the 946 repeat buyers by (x, zbar) for the Gamma-Gamma fit', async () => {
    const grouped = await gammaGammaStats(engine.db, CAL);
    expect(grouped.reduce((s, r) => s + r.n, 0)).toBe(946);
    const ours = tally(grouped.flatMap((r) => Array<string>(r.n).fill(`${r.x}|${twoPlaces(String(r.zbar))}`)));
    expect(ours).toEqual(tally(published.filter((c) => c.x > 0).map((c) => `${c.x}|${c.zbar}`)));
  });
});
