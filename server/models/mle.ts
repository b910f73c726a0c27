/**
 * Maximum likelihood over positive parameters, shared by the model fits:
 * the search runs on the parameters' logarithms (so positivity needs no
 * constraint) inside a wide box, and the outcome says plainly when the data
 * could not pin the parameters down.
 */
import type { FitStatus, ModelNote } from '../../contract/models.ts';
import { noted, noteMessage } from './notes.ts';
import { minimize, minimizeSmooth, type MinimizeResult, type ValueAndGradient } from './optimize.ts';

/**
 * ok: a stable maximum inside the search box.
 * too_few_players: not enough data to fit at all (nothing was fitted).
 * not_converged: the search stopped short of a stable maximum (budget spent,
 * or no step improved on a point that is not yet one).
 * degenerate: the maximum sits at the edge of the box (a parameter running off
 * to 0 or infinity) or outside the model's usable range.
 */
export type { FitStatus };

export type Fit<P> =
  | { status: 'too_few_players'; message: string; note: ModelNote; players: number }
  | {
      status: 'ok' | 'not_converged' | 'degenerate';
      message: string;
      note: ModelNote;
      players: number;
      params: P;
      logLikelihood: number;
      converged: boolean;
      iterations: number;
    };

/** Parameters are searched in [1e-6, 1e6], on data scaled to order one by the callers. */
const LOG_BOUND = Math.log(1e6);
/** Within a factor 10 of the box edge counts as running off to 0 or infinity. */
const LOG_DEGENERATE = LOG_BOUND - Math.log(10);

export interface PositiveMaximum {
  values: number[];
  /** The maximised log-likelihood, in the units the objective was given. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Why the result is degenerate, or null when every parameter is inside the box. */
  atBound: ModelNote | null;
}

const outOfBox = (theta: readonly number[]) => theta.some((t) => !(Math.abs(t) <= LOG_BOUND));

function toMaximum(result: MinimizeResult, names: readonly string[]): PositiveMaximum {
  const values = result.params.map(Math.exp);
  const edge = result.params.findIndex((t) => Math.abs(t) > LOG_DEGENERATE);
  return {
    values,
    logLikelihood: -result.value,
    iterations: result.iterations,
    converged: result.converged,
    atBound:
      edge < 0 ? null : noted('runs_off', { param: names[edge], value: values[edge].toPrecision(3), to: result.params[edge] > 0 ? 'infinity' : '0' }).note,
  };
}

/** Maximises logLik over positive parameters from `start` (Nelder–Mead on their logarithms). */
export function maximizePositive(
  logLik: (values: number[]) => number,
  start: readonly number[],
  names: readonly string[],
  maxIterations?: number,
): PositiveMaximum {
  const objective = (theta: number[]) => (outOfBox(theta) ? Infinity : -logLik(theta.map(Math.exp)));
  return toMaximum(minimize(objective, start.map(Math.log), { maxIterations }), names);
}

/**
 * The same with the gradient of logLik with respect to the parameters (quasi-Newton on their
 * logarithms), for likelihoods too costly to evaluate hundreds of times.
 */
export function maximizePositiveSmooth(
  logLik: (values: number[]) => ValueAndGradient,
  start: readonly number[],
  names: readonly string[],
  maxIterations?: number,
): PositiveMaximum {
  const objective = (theta: number[]): ValueAndGradient => {
    if (outOfBox(theta)) return { value: Infinity, gradient: theta.map(() => 0) };
    const values = theta.map(Math.exp);
    const { value, gradient } = logLik(values);
    // d/d(ln v) = v d/dv
    return { value: -value, gradient: gradient.map((g, i) => -g * values[i]) };
  };
  return toMaximum(minimizeSmooth(objective, start.map(Math.log), { maxIterations }), names);
}

/** The status and note of a finished search; `unusable` names a model-specific reason the maximum is of no use. */
export function outcome(
  max: PositiveMaximum,
  unusable: ModelNote | null = null,
): { status: 'ok' | 'not_converged' | 'degenerate'; message: string; note: ModelNote } {
  if (max.atBound) return { status: 'degenerate', note: max.atBound, message: noteMessage(max.atBound) };
  if (unusable) return { status: 'degenerate', note: unusable, message: noteMessage(unusable) };
  if (!max.converged) return { status: 'not_converged', ...noted('no_stable_maximum', { iterations: max.iterations }) };
  return { status: 'ok', ...noted('converged') };
}
