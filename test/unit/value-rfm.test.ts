import { describe, expect, it } from 'vitest';
import { rfmSegmentSql } from '../../server/queries/value/rfmSegmentSql.ts';
import { RFM_RULES, rfmSegment } from '../../server/value/rfm.ts';

const SCORES = [1, 2, 3, 4, 5];

describe('RFM segments', () => {
  it('puts each of the 25 (R, F) score pairs in exactly one segment', () => {
    for (const r of SCORES) {
      for (const f of SCORES) {
        const matches = RFM_RULES.filter((rule) => r >= rule.r[0] && r <= rule.r[1] && f >= rule.f[0] && f <= rule.f[1]);
        expect([r, f, matches.length]).toEqual([r, f, 1]);
      }
    }
  });

  it('follows the R x F grid, row by row from R 5 down', () => {
    const grid = [5, 4, 3, 2, 1].map((r) => SCORES.map((f) => rfmSegment(r, f)));
    expect(grid).toEqual([
      ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
      ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
      ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
    ]);
  });

  it('builds one multiIf over the score columns, arms in rule order', () => {
    const sql = rfmSegmentSql();
    expect(sql.startsWith("multiIf(r BETWEEN 5 AND 5 AND f BETWEEN 4 AND 5, 'champions', r BETWEEN 3 AND 4 AND f BETWEEN 4 AND 5, 'loyal', ")).toBe(true);
    expect(sql.endsWith("r BETWEEN 1 AND 2 AND f BETWEEN 1 AND 2, 'hibernating', 'other')")).toBe(true);
  });
});
