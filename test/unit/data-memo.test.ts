import { describe, expect, it } from 'vitest';
import { DataMemo, keptForMs } from '../../server/db/dataMemo.ts';

describe('DataMemo', () => {
  const counting = () => {
    let calls = 0;
    return { compute: async () => ++calls, calls: () => calls };
  };

  it('computes once per key while the data is unchanged, again after a write', async () => {
    const db = { writes: 0 };
    const memo = new DataMemo<number>();
    const c = counting();
    const [a, b] = await Promise.all([memo.get(db, 'd1', Infinity, c.compute), memo.get(db, 'd1', Infinity, c.compute)]);
    expect([a, b, c.calls()]).toEqual([1, 1, 1]);
    expect(await memo.get(db, 'd2', Infinity, c.compute)).toBe(2);
    db.writes++;
    expect(await memo.get(db, 'd1', Infinity, c.compute)).toBe(3);
    expect(await memo.get(db, 'd1', Infinity, c.compute)).toBe(3);
  });

  it('keeps nothing at age 0, drops an answer older than its age, and never keeps a failure', async () => {
    const db = { writes: 0 };
    const memo = new DataMemo<number>();
    const c = counting();
    expect(await memo.get(db, 'k', 0, c.compute)).toBe(1);
    expect(await memo.get(db, 'k', 0, c.compute)).toBe(2);
    expect(await memo.get(db, 'old', 1, c.compute)).toBe(3);
    await new Promise((ok) => setTimeout(ok, 5));
    expect(await memo.get(db, 'old', 1, c.compute)).toBe(4);
    await expect(memo.get(db, 'bad', Infinity, () => Promise.reject(new Error('engine down')))).rejects.toThrow('engine down');
    expect(await memo.get(db, 'bad', Infinity, c.compute)).toBe(5);
  });

  it('keeps answers as the response cache does: while unchanged on the embedded engine, API_CACHE_SECONDS on a server, never when off', () => {
    expect(keptForMs({ engine: 'embedded' }, { apiCacheSeconds: 60 })).toBe(Number.POSITIVE_INFINITY);
    expect(keptForMs({ engine: 'remote' }, { apiCacheSeconds: 60 })).toBe(60_000);
    expect(keptForMs({ engine: 'embedded' }, { apiCacheSeconds: 0 })).toBe(0);
  });
});
