import { describe, expect, it } from 'vitest';
import { drawOf, groupOf, newSeed } from '../../server/launches/split.ts';

const ids = Array.from({ length: 100_000 }, (_, i) => `p${i}`);

describe('treatment/holdout split', () => {
  it('gives every player the same group from the same seed, whatever the order', () => {
    const forward = new Map(ids.slice(0, 5000).map((id) => [id, groupOf(42, id, 0.1)]));
    const backward = [...ids.slice(0, 5000)].reverse().map((id) => [id, groupOf(42, id, 0.1)] as const);
    for (const [id, g] of backward) expect(forward.get(id)).toBe(g);
  });

  it('draws different groups from different seeds', () => {
    const a = ids.slice(0, 5000).map((id) => groupOf(1, id, 0.5));
    const b = ids.slice(0, 5000).map((id) => groupOf(2, id, 0.5));
    const differ = a.filter((g, i) => g !== b[i]).length;
    // Independent fair draws disagree on about half of the players.
    expect(differ).toBeGreaterThan(2300);
    expect(differ).toBeLessThan(2700);
  });

  it('keeps the holdout share close to the target on 100k ids', () => {
    for (const share of [0.1, 0.25]) {
      const holdout = ids.filter((id) => groupOf(7, id, share) === 'holdout').length;
      // Binomial sd at 100k and 10% is ~95 players; 5 sd is a wide, still meaningful, bound.
      const sd = Math.sqrt(ids.length * share * (1 - share));
      expect(Math.abs(holdout - ids.length * share)).toBeLessThan(5 * sd);
    }
  });

  it('puts nobody in the holdout at share 0 and draws in [0, 1)', () => {
    expect(ids.slice(0, 1000).every((id) => groupOf(3, id, 0) === 'treatment')).toBe(true);
    for (const id of ids.slice(0, 1000)) {
      const u = drawOf(3, id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
    const s = newSeed();
    expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
  });
});
