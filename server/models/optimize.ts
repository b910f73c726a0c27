/**
 * Deterministic minimisers for the model fits, which have 2–4 parameters:
 * Nelder–Mead where the objective is cheap or has no gradient at hand, BFGS
 * where an analytic gradient exists and each evaluation sweeps many rows.
 */

export interface MinimizeOptions {
  /** Initial simplex edge along each coordinate (one number for all). */
  step?: number | readonly number[];
  /** Iteration budget over all restarts. */
  maxIterations?: number;
  /** A run ends when the simplex values agree to this, relative to 1 + |best|. */
  fTol?: number;
  /** ... and its vertices agree to this in every coordinate. */
  xTol?: number;
  /** Restarts allowed after the first run before giving up on a stable minimum. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  params: number[];
  value: number;
  iterations: number;
  /** A restart from the final point found nothing better (within fTol), inside the budget. */
  converged: boolean;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/** NaN counts as worse than any number, so a failed evaluation is never chosen. */
const safe = (f: (x: number[]) => number) => (x: number[]) => {
  const v = f(x);
  return Number.isNaN(v) ? Infinity : v;
};

interface Run {
  x: number[];
  value: number;
  iterations: number;
  settled: boolean;
}

function nelderMead(f: (x: number[]) => number, start: readonly number[], steps: readonly number[], budget: number, fTol: number, xTol: number): Run {
  const n = start.length;
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const v = start.slice();
    v[i] += steps[i];
    simplex.push(v);
  }
  let values = simplex.map(f);
  const order = () => {
    const idx = simplex.map((_, i) => i).sort((p, q) => values[p] - values[q]);
    const sorted = idx.map((i) => simplex[i]);
    values = idx.map((i) => values[i]);
    simplex.splice(0, n + 1, ...sorted);
  };
  const towards = (from: number[], to: number[], t: number) => from.map((c, j) => c + t * (to[j] - c));
  const replaceWorst = (point: number[], value: number) => {
    simplex[n] = point;
    values[n] = value;
  };

  let iterations = 0;
  for (; iterations < budget; iterations++) {
    order();
    const spreadF = values[n] - values[0];
    let spreadX = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spreadX = Math.max(spreadX, Math.abs(simplex[i][j] - simplex[0][j]));
    if (spreadF <= fTol * (1 + Math.abs(values[0])) && spreadX <= xTol) return { x: simplex[0], value: values[0], iterations, settled: true };

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const reflected = towards(centroid, worst, -REFLECT);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = towards(centroid, worst, -EXPAND);
      const fe = f(expanded);
      if (fe < fr) replaceWorst(expanded, fe);
      else replaceWorst(reflected, fr);
      continue;
    }
    if (fr < values[n - 1]) {
      replaceWorst(reflected, fr);
      continue;
    }
    // Contract towards the better of the worst point and its reflection.
    const outside = fr < values[n];
    const contracted = towards(centroid, outside ? reflected : worst, CONTRACT);
    const fc = f(contracted);
    if (fc < (outside ? fr : values[n])) {
      replaceWorst(contracted, fc);
      continue;
    }
    // Nothing along the line helps: shrink every vertex towards the best.
    for (let i = 1; i <= n; i++) {
      simplex[i] = towards(simplex[0], simplex[i], SHRINK);
      values[i] = f(simplex[i]);
    }
  }
  order();
  return { x: simplex[0], value: values[0], iterations, settled: false };
}

/**
 * Nelder–Mead from `start`. A collapsed simplex can stall short of the
 * minimum, so each settled run is restarted from its best point with a fresh
 * simplex until a restart no longer improves the value.
 */
export function minimize(f: (x: number[]) => number, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const { maxIterations = 20_000, fTol = 1e-12, xTol = 1e-9, maxRestarts = 10 } = options;
  const step = options.step ?? 0.5;
  const steps = typeof step === 'number' ? start.map(() => step) : step;
  if (steps.length !== start.length) throw new RangeError(`step has ${steps.length} entries for ${start.length} parameters`);
  const g = safe(f);

  let run = nelderMead(g, start, steps, maxIterations, fTol, xTol);
  let iterations = run.iterations;
  for (let restart = 0; restart < maxRestarts && run.settled; restart++) {
    // The restart's simplex holds the previous best point, so its value never gets worse.
    const next = nelderMead(g, run.x, steps, maxIterations - iterations, fTol, xTol);
    iterations += next.iterations;
    const improved = next.value < run.value - fTol * (1 + Math.abs(run.value));
    run = next;
    if (!improved && run.settled) return { params: run.x, value: run.value, iterations, converged: Number.isFinite(run.value) };
  }
  return { params: run.x, value: run.value, iterations, converged: false };
}

export interface SmoothMinimizeOptions {
  maxIterations?: number;
  /** Converged when the predicted decrease g'H g of a quasi-Newton step is within fTol * (1 + |value|). */
  fTol?: number;
}

export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

/** Line-search steps never move a coordinate further than this, so one bold step cannot leap into nonsense. */
const MAX_STEP = 2;
const ARMIJO = 1e-4;

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);

/**
 * Quasi-Newton (BFGS) minimisation for objectives with an analytic gradient,
 * used where one evaluation is costly: it needs tens of evaluations where
 * Nelder–Mead needs hundreds. Backtracking (Armijo) line search. It stops when
 * the step it would take promises a decrease below the rounding level of the
 * value (a scale-free test, unlike a bound on the gradient). When no step lowers
 * the value, the inverse Hessian estimate is reset to the identity once before
 * giving up. Deterministic for a given objective and start.
 */
export function minimizeSmooth(fg: (x: number[]) => ValueAndGradient, start: readonly number[], options: SmoothMinimizeOptions = {}): MinimizeResult {
  const { maxIterations = 500, fTol = 1e-12 } = options;
  const n = start.length;
  const identity = (scale: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
  let x = start.slice();
  let { value: f, gradient: g } = fg(x);
  if (!Number.isFinite(f)) return { params: x, value: f, iterations: 0, converged: false };
  let h = identity(1);
  let fresh = true;
  for (let iterations = 0; iterations < maxIterations; iterations++) {
    let p = h.map((row) => -dot(row, g));
    if (dot(g, p) >= 0) {
      h = identity(1);
      fresh = true;
      p = g.map((gi) => -gi);
    }
    if (-dot(g, p) <= fTol * (1 + Math.abs(f))) return { params: x, value: f, iterations, converged: true };
    const longest = Math.max(...p.map(Math.abs));
    if (longest > MAX_STEP) p = p.map((pi) => (pi * MAX_STEP) / longest);
    const slope = dot(g, p);
    let next: (ValueAndGradient & { x: number[] }) | null = null;
    for (let k = 0, t = 1; k < 60 && !next; k++, t /= 2) {
      const xt = x.map((xi, i) => xi + t * p[i]);
      const e = fg(xt);
      if (e.value < f && e.value <= f + ARMIJO * t * slope) next = { ...e, x: xt };
    }
    if (!next) {
      if (fresh) return { params: x, value: f, iterations, converged: false };
      h = identity(1);
      fresh = true;
      continue;
    }
    const s = next.x.map((xi, i) => xi - x[i]);
    const y = next.gradient.map((gi, i) => gi - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) h = identity(sy / dot(y, y));
      fresh = false;
      // H <- (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      const hy = h.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      h = h.map((row, i) => row.map((hij, j) => hij - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]));
    }
    x = next.x;
    f = next.value;
    g = next.gradient;
  }
  return { params: x, value: f, iterations: maxIterations, converged: false };
}
