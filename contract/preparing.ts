// GET /api/preparing: the demo game being prepared on a first start, step by step.

/** The steps of the demo preparation, in order. */
export const PREPARATION_STEPS = ['simulate', 'ingest', 'stages', 'models', 'pages'] as const;
export type PreparationStepName = (typeof PREPARATION_STEPS)[number];

/** One step: waiting, running (with its progress when countable) or done (with its duration). */
export interface PreparationStep {
  step: PreparationStepName;
  status: 'waiting' | 'running' | 'done';
  /** Units done and in all (simulate: days; ingest: files; stages: days; models: model kinds; pages: requests computed ahead); null when not known yet. */
  done: number | null;
  total: number | null;
  /** What the step works on now: the file being loaded, the model kind being fitted; null otherwise. */
  current: string | null;
  /** Seconds spent in the step so far (running) or in all (done); null while waiting. */
  seconds: number | null;
}

/**
 * `preparing`: the demo is being simulated and loaded; pages that read data answer 503 (code `preparing`).
 * `ready`: the data can be read (also when nothing was prepared). `failed`: the preparation stopped on an error
 * (logged on the server's console); the dashboard shows whatever was loaded.
 */
export interface Preparation {
  state: 'preparing' | 'ready' | 'failed';
  /** Seconds since the preparation started (its whole duration once finished); 0 when nothing was prepared. */
  elapsedSeconds: number;
  /** The demo game being made; null when nothing was prepared. */
  game: { players: number; days: number; servers: number } | null;
  steps: PreparationStep[];
}
