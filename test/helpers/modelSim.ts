/**
 * Seeded simulation of players from known model parameters, for the recovery
 * tests: the draws follow each model's own story, and the results come as the
 * fits take them, rows with counts (BG/NBD times on the whole-day grid of the
 * SQL, expressed in weeks).
 */
import type { BgNbdParams, BgNbdRow } from '../../server/models/bgnbd.ts';
import type { GammaGammaParams, GammaGammaRow } from '../../server/models/gammaGamma.ts';
import type { SbgParams } from '../../server/models/sbg.ts';
import { Random } from '../../server/sim/random.ts';

/** Gamma(shape, rate) by Marsaglia & Tsang (2000); shapes below 1 through the U^(1/shape) boost. */
export function gammaDraw(rng: Random, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(rng, shape + 1, rate) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function betaDraw(rng: Random, a: number, b: number): number {
  const g = gammaDraw(rng, a, 1);
  return g / (g + gammaDraw(rng, b, 1));
}

/** Counts equal keys; `make` builds a row from the first item with a key. */
function countBy<T, R extends { n: number }>(items: Iterable<T>, key: (item: T) => string, make: (item: T) => Omit<R, 'n'>): R[] {
  const rows = new Map<string, R>();
  for (const item of items) {
    const k = key(item);
    const row = rows.get(k);
    if (row) row.n++;
    else rows.set(k, { ...make(item), n: 1 } as R);
  }
  return [...rows.values()];
}

interface BgNbdPlayer {
  x: number;
  txDays: number;
  TDays: number;
}

/**
 * Players whose first transaction falls at a uniform time within their first
 * day and who are observed to the end of day TDays, TDays in [minDays, maxDays].
 * Time runs in weeks. As in the SQL, t_x counts whole days from the first
 * day to the day of the last transaction and T whole days to the last day
 * observed, both divided by 7; because the first transaction's time of day is
 * uniform, these day counts are close to unbiased for the continuous times.
 * Transactions on one day are not merged: the draws follow the model's story.
 */
export function simulateBgNbd(p: BgNbdParams, players: number, seed: number, minDays: number, maxDays: number): BgNbdRow[] {
  const rng = new Random(seed, 'bgnbd');
  const sample = function* (): Generator<BgNbdPlayer> {
    for (let i = 0; i < players; i++) {
      const TDays = rng.int(minDays, maxDays);
      const firstAt = rng.next();
      const lambda = gammaDraw(rng, p.r, p.alpha);
      const dropout = betaDraw(rng, p.a, p.b);
      let t = 0;
      let x = 0;
      let tx = 0;
      for (;;) {
        t += rng.exponential(1 / lambda);
        if (firstAt + t * 7 > TDays + 1) break;
        x++;
        tx = t;
        if (rng.chance(dropout)) break;
      }
      yield { x, txDays: x === 0 ? 0 : Math.floor(firstAt + tx * 7), TDays };
    }
  };
  return countBy<BgNbdPlayer, BgNbdRow>(
    sample(),
    (s) => `${s.x}|${s.txDays}|${s.TDays}`,
    (s) => ({ x: s.x, t_x: s.txDays / 7, T: s.TDays / 7 }),
  );
}

export interface HoldoutPlayer {
  x: number;
  t_x: number;
  T: number;
  /** Not yet dropped out at T. */
  alive: boolean;
  /** Transactions in (T, T + holdout]. */
  holdout: number;
}

/** Players in continuous time (weeks), observed for T in [minWeeks, maxWeeks] and then for `holdout` weeks more. */
export function simulateBgNbdHoldout(p: BgNbdParams, players: number, seed: number, minWeeks: number, maxWeeks: number, holdout: number): HoldoutPlayer[] {
  const rng = new Random(seed, 'bgnbd-holdout');
  return Array.from({ length: players }, () => {
    const T = rng.uniform(minWeeks, maxWeeks);
    const lambda = gammaDraw(rng, p.r, p.alpha);
    const dropout = betaDraw(rng, p.a, p.b);
    const player = { x: 0, t_x: 0, T, alive: true, holdout: 0 };
    for (let t = rng.exponential(1 / lambda); t <= T + holdout; t += rng.exponential(1 / lambda)) {
      if (t <= T) {
        player.x++;
        player.t_x = t;
      } else player.holdout++;
      if (rng.chance(dropout)) {
        player.alive = t > T;
        break;
      }
    }
    return player;
  });
}

/**
 * Payers with x repeat transactions (uniform in 1..maxX): each has a mean spend
 * scale nu ~ Gamma(q, gamma) and spends Gamma(p, nu) per transaction; zbar is
 * the mean, rounded to the cent as stored amounts are.
 */
export function simulateGammaGamma(params: GammaGammaParams, players: number, seed: number, maxX: number): GammaGammaRow[] {
  const rng = new Random(seed, 'gamma-gamma');
  const sample = function* (): Generator<{ x: number; zbar: number }> {
    for (let i = 0; i < players; i++) {
      const x = rng.int(1, maxX);
      const nu = gammaDraw(rng, params.q, params.gamma);
      let total = 0;
      for (let j = 0; j < x; j++) total += gammaDraw(rng, params.p, nu);
      yield { x, zbar: Math.max(0.01, Math.round((total / x) * 100) / 100) };
    }
  };
  return countBy<{ x: number; zbar: number }, GammaGammaRow>(
    sample(),
    (s) => `${s.x}|${s.zbar}`,
    (s) => s,
  );
}

/** A cohort whose members each churn at the end of a period with their own probability theta ~ Beta(alpha, beta). */
export function simulateSbg(params: SbgParams, size: number, periods: number, seed: number): number[] {
  const rng = new Random(seed, 'sbg');
  const survivors = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < size; i++) {
    const theta = betaDraw(rng, params.alpha, params.beta);
    let t = 0;
    while (t < periods && !rng.chance(theta)) t++;
    // Alive at the end of periods 0..t: churned at the end of period t + 1, or still there after the last.
    for (let k = 0; k <= t; k++) survivors[k]++;
  }
  return survivors;
}
