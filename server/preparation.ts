import { PREPARATION_STEPS, type Preparation, type PreparationStep, type PreparationStepName } from '../contract/preparing.ts';

/** What GET /api/preparing answers when nothing is being prepared (data already there, DEMO=off). */
export const NOTHING_PREPARED: Preparation = { state: 'ready', elapsedSeconds: 0, game: null, steps: [] };

interface StepState {
  status: PreparationStep['status'];
  done: number | null;
  total: number | null;
  current: string | null;
  startedAt: number | null;
  endedAt: number | null;
}

const secondsBetween = (from: number, to: number) => Math.round((to - from) / 100) / 10;

/**
 * The progress of the demo game's preparation on a first start: which step runs,
 * how far it is and how long each took. The server listens meanwhile; routes
 * that read data refuse while `preparing` is true (guardedRouter.ts).
 */
export class DemoPreparation {
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  private state: Preparation['state'] = 'preparing';
  private readonly steps = new Map<PreparationStepName, StepState>(
    PREPARATION_STEPS.map((s) => [s, { status: 'waiting', done: null, total: null, current: null, startedAt: null, endedAt: null }]),
  );

  readonly game: NonNullable<Preparation['game']>;

  constructor({ players, days, servers }: NonNullable<Preparation['game']>) {
    this.game = { players, days, servers };
  }

  get preparing(): boolean {
    return this.state === 'preparing';
  }

  /** Marks `step` running (ending the steps before it) and records how far it is. */
  progress(step: PreparationStepName, done: number | null, total: number | null, current: string | null = null): void {
    const s = this.steps.get(step)!;
    if (s.status === 'waiting') {
      for (const before of PREPARATION_STEPS.slice(0, PREPARATION_STEPS.indexOf(step))) this.finish(before);
      s.status = 'running';
      s.startedAt = performance.now();
    }
    Object.assign(s, { done, total, current });
  }

  finish(step: PreparationStepName): void {
    const s = this.steps.get(step)!;
    if (s.status === 'done') return;
    const now = performance.now();
    Object.assign(s, { status: 'done', current: null, startedAt: s.startedAt ?? now, endedAt: now });
    if (s.total !== null) s.done = s.total;
  }

  /** Ends the preparation: data routes answer from now on. */
  end(outcome: 'ready' | 'failed'): void {
    if (outcome === 'ready') for (const step of PREPARATION_STEPS) this.finish(step);
    this.state = outcome;
    this.endedAt = performance.now();
  }

  view(): Preparation {
    const now = performance.now();
    return {
      state: this.state,
      elapsedSeconds: secondsBetween(this.startedAt, this.endedAt ?? now),
      game: this.game,
      steps: PREPARATION_STEPS.map((step) => {
        const { status, done, total, current, startedAt, endedAt } = this.steps.get(step)!;
        return { step, status, done, total, current, seconds: startedAt === null ? null : secondsBetween(startedAt, endedAt ?? now) };
      }),
    };
  }

  /** "simulate 31.2 s, ingest 95.0 s, ...": where the time of the preparation went. */
  timings(): string {
    return this.view()
      .steps.map((s) => `${s.step} ${s.seconds === null ? '-' : `${s.seconds.toFixed(1)} s`}`)
      .join(', ');
  }
}
