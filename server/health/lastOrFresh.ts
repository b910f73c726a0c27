/**
 * A value computed from the engine, recomputed when its key (the data's write
 * count) moves, one computation at a time. A caller waits at most `waitMs` for
 * a new one and otherwise gets the last: a health check must answer quickly
 * while the engine works through an ingest or a model fit.
 */
export function lastOrFresh<T>(compute: () => Promise<T>, waitMs: number): (key: number) => Promise<T> {
  let last: { key: number; value: T } | undefined;
  let running: Promise<T> | undefined;
  return async (key) => {
    if (last?.key === key) return last.value;
    if (!running) {
      running = compute().then(
        (value) => {
          last = { key, value };
          running = undefined;
          return value;
        },
        (err: unknown) => {
          running = undefined;
          throw err;
        },
      );
    }
    if (!last) return running;
    const previous = last.value;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(previous), waitMs)));
    try {
      return await Promise.race([running, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
