import { describe, expect, it } from 'vitest';
import { lastOrFresh } from '../../server/health/lastOrFresh.ts';

/** A computation the test finishes by hand. */
function manual() {
  const pending: ((v: string) => void)[] = [];
  let calls = 0;
  const compute = () => {
    calls++;
    return new Promise<string>((resolve) => pending.push(resolve));
  };
  return { compute, finish: (v: string) => pending.shift()!(v), calls: () => calls };
}

describe('lastOrFresh: the health check never queues behind a busy engine for long', () => {
  it('waits for the first value, then answers from memory while the key stays', async () => {
    const m = manual();
    const get = lastOrFresh(m.compute, 10);
    const first = get(1);
    m.finish('a');
    expect(await first).toBe('a');
    expect(await get(1)).toBe('a');
    expect(m.calls()).toBe(1);
  });

  it('answers with the new value when it comes in time, else with the last one, computing once', async () => {
    const m = manual();
    const get = lastOrFresh(m.compute, 10);
    const first = get(1);
    m.finish('a');
    await first;
    // The key moved: a new computation starts; it is not done within the wait, so the last value answers.
    expect(await get(2)).toBe('a');
    expect(await get(2)).toBe('a');
    expect(m.calls()).toBe(2);
    m.finish('b');
    await new Promise((ok) => setTimeout(ok, 0));
    expect(await get(2)).toBe('b');
    // In time: the fresh value.
    const third = get(3);
    m.finish('c');
    expect(await third).toBe('c');
  });

  it('lets a failure through to its caller and tries again on the next call', async () => {
    let n = 0;
    const get = lastOrFresh(async () => {
      n++;
      if (n === 1) throw new Error('engine down');
      return 'ok';
    }, 10);
    await expect(get(1)).rejects.toThrow('engine down');
    expect(await get(1)).toBe('ok');
  });
});
