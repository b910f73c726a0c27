import path from 'node:path';
import { runIngestAndRefresh } from '../../server/ingest/runAndRefresh.ts';
import type { TestEngine } from './engine.ts';
import { payment, session, writeNdjson } from './files.ts';

/**
 * Eleven players, one session at 12:00Z per active day, as of D = 2026-03-31
 * (UTC). R = 03-18..03-31 and P = 03-04..03-17 (14-day windows).
 *
 * | player | active days                          | payments               | tenure | idle | act P | act R | spend P | spend R | stage (status)       |
 * |--------|--------------------------------------|------------------------|--------|------|-------|-------|---------|---------|----------------------|
 * | A      | 03-25, 03-31                         |                        | 6      | 0    | 0     | 2     | 0       | 0       | exploration          |
 * | B      | 03-08, 03-09                         | 03-08 2.00             | 23     | 22   | 2     | 0     | 2       | 0       | exploration (< 30 d, 1 paying day, 2 < 10) |
 * | C      | 02-01, 03-20                         |                        | 58     | 11   | 0     | 1     | 0       | 0       | decline (leaving)    |
 * | D      | 01-01, 02-20                         |                        | 89     | 39   | 0     | 0     | 0       | 0       | decline (lapsed)     |
 * | E      | 01-15, 03-05..03-12, 03-30, 03-31    |                        | 75     | 0    | 8     | 2     | 0       | 0       | decline: 2 <= 50% of 8 |
 * | F      | 01-10, 03-10..03-14, 03-27..03-31    | 03-10 100.00, 03-28 20.00 | 80  | 0    | 5     | 5     | 100     | 20      | decline: 20 <= 50% of 100 |
 * | G      | 01-10, 03-10..03-14, 03-27..03-31    | 03-11 10.00, 03-29 20.00 | 80   | 0    | 5     | 5     | 10      | 20      | growth: 20 >= 125% of 10 |
 * | H      | 01-10, 03-14..03-17, 03-26..03-31    |                        | 80     | 0    | 4     | 6     | 0       | 0       | growth: 6 >= 125% of 4, >= 4 |
 * | I      | 01-10, 03-10..03-14, 03-27..03-31    | 03-28 15.00            | 80     | 0    | 5     | 5     | 0       | 15      | growth (first payment in R) |
 * | J      | 01-10, 03-10..03-14, 03-27..03-31    |                        | 80     | 0    | 5     | 5     | 0       | 0       | stable               |
 * | K      | 03-05..03-08, 03-29..03-31           | 03-05, 03-06, 03-30 1.00 each | 26 | 0 | 4   | 3     | 2       | 1       | decline: 3 paying days ends exploration; 1 <= 50% of 2 |
 *
 * Stage counts on 03-31: exploration 2, growth 3, stable 1, decline 5 (leaving 4: C E F K; lapsed 1: D).
 * Spend in R by stage: exploration 0, growth 35 (G 20 + I 15), stable 0, decline 21 (F 20 + K 1).
 * Value tiers (percent rank among the 5 payers by lifetime spend: B 2 = 0, K 3 = .25, I 15 = .5, G 30 = .75, F 120 = 1):
 * F whale (>= .98); B, K, I, G minnow; the other six non_payer.
 * DAU: 03-31 = 8 (A E F G H I J K), 03-30 = 7 (E F G H I J K), 03-25 = 1 (A).
 * WAU (03-25..03-31) = 8; MAU (03-02..03-31) = 10 (all but D).
 * Revenue: 03-28 = 35.00 (F 20 + I 15); March 03-01..03-31 = 170.00; payers in March = 5.
 * New players: 03-25 A, 03-08 B, 03-05 K; in March 03-01..03-31 = 3.
 */
const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const FIVE_AND_FIVE = ['2026-01-10', ...span('2026-03-10', '2026-03-14'), ...span('2026-03-27', '2026-03-31')];

export const FIXTURE_DAYS: Record<string, string[]> = {
  A: ['2026-03-25', '2026-03-31'],
  B: ['2026-03-08', '2026-03-09'],
  C: ['2026-02-01', '2026-03-20'],
  D: ['2026-01-01', '2026-02-20'],
  E: ['2026-01-15', ...span('2026-03-05', '2026-03-12'), '2026-03-30', '2026-03-31'],
  F: FIVE_AND_FIVE,
  G: FIVE_AND_FIVE,
  H: ['2026-01-10', ...span('2026-03-14', '2026-03-17'), ...span('2026-03-26', '2026-03-31')],
  I: FIVE_AND_FIVE,
  J: FIVE_AND_FIVE,
  K: [...span('2026-03-05', '2026-03-08'), ...span('2026-03-29', '2026-03-31')],
};

export const FIXTURE_PAYMENTS: [string, string, string][] = [
  ['B', '2026-03-08', '2.00'],
  ['F', '2026-03-10', '100.00'],
  ['F', '2026-03-28', '20.00'],
  ['G', '2026-03-11', '10.00'],
  ['G', '2026-03-29', '20.00'],
  ['I', '2026-03-28', '15.00'],
  ['K', '2026-03-05', '1.00'],
  ['K', '2026-03-06', '1.00'],
  ['K', '2026-03-30', '1.00'],
];

export const AS_OF = '2026-03-31';

/** Writes the fixture as input files and loads it through the real ingester (and the stage refresh). */
export async function loadLifecycleFixture(engine: TestEngine): Promise<void> {
  const dir = path.join(engine.dir, 'fixture');
  const sessions = Object.entries(FIXTURE_DAYS).flatMap(([p, days]) => days.map((d) => session(`s-${p}-${d}`, p, `${d}T12:00:00Z`)));
  const payments = FIXTURE_PAYMENTS.map(([p, d, amount], i) => payment(`pay-${i}`, p, `${d}T13:00:00Z`, amount));
  writeNdjson(dir, 'sessions_fixture.ndjson', sessions);
  writeNdjson(dir, 'payments_fixture.ndjson', payments);
  await runIngestAndRefresh(engine, { paths: [dir], source: 'cli' });
}
