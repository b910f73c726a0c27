import { describe, expect, it } from 'vitest';
import { conflictReason } from '../../server/queries/ingest/conflicts.ts';
import { stagingInsertSql } from '../../server/queries/ingest/stagingSql.ts';
import { fileErrorText, knownQuarantineReason, quarantineReasonText } from '../../web/src/lib/quarantineReason.ts';

/** The fixed reason texts in the staging SQL of every kind: its string literals of lower-case words with a space (not a type). */
function reasonsInSql(): string[] {
  const out = new Set<string>();
  for (const kind of ['sessions', 'payments', 'friends'] as const) {
    // A limit's reason is its literal prefix, the configured value and a unit: "... (100000 USD)".
    for (const m of stagingInsertSql(kind, 'ndjson', 'file').matchAll(/'([a-z][\w.]* [^']+)'/g))
      if (!/String/.test(m[1])) out.add(m[1].endsWith('(') ? `${m[1]}100000 USD)` : m[1]);
  }
  return [...out];
}

describe('quarantine reasons in the user language', () => {
  it('knows every reason the ingester writes, and words each in Chinese', () => {
    const reasons = [...reasonsInSql(), conflictReason('amount_orig'), conflictReason('player_id')];
    expect(reasons.filter((r) => r.includes(' is above the '))).toHaveLength(4);
    expect(reasons.length).toBeGreaterThan(15);
    for (const r of reasons) {
      expect(knownQuarantineReason(r), r).toBe(true);
      expect(quarantineReasonText(r, 'en')).toBe(r);
      expect(quarantineReasonText(r, 'zh'), r).toMatch(/\p{Script=Han}/u);
    }
    expect(quarantineReasonText('amount is above the largest single payment (100000 USD)', 'zh')).toBe('amount 超过单笔付款上限（100000 USD）');
  });

  it('shows a reason of unknown shape as stored', () => {
    expect(quarantineReasonText('something new', 'zh')).toBe('something new');
  });
});

describe('why a file was rejected, in the user language', () => {
  it('words the ingester own reasons and leaves an engine error as written', () => {
    expect(fileErrorText('4 of 4 rows are bad (over the 50% limit): file rejected whole', 'zh')).toEqual({
      text: '4 行中有 4 行有误（超过 50% 的上限）：整个文件被拒绝',
      worded: true,
    });
    expect(fileErrorText('file holds no rows', 'zh').text).toBe('文件没有任何行');
    expect(fileErrorText('Code: 27. Cannot parse input', 'zh')).toEqual({ text: 'Code: 27. Cannot parse input', worded: false });
  });
});
