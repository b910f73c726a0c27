import { describe, expect, it } from 'vitest';
import { changedFields } from '../../web/src/audit/changes.ts';

describe('changedFields', () => {
  it('lists the fields whose values differ, added and removed ones included', () => {
    const before = JSON.stringify({ decline_idle_days: '7', window_days: '14', gone: 1, nested: { a: 1 } });
    const after = JSON.stringify({ decline_idle_days: '8', window_days: '14', nested: { a: 2 }, added: true });
    expect(changedFields(before, after)).toEqual([
      { field: 'decline_idle_days', before: '"7"', after: '"8"' },
      { field: 'nested', before: '{"a":1}', after: '{"a":2}' },
      { field: 'added', before: '', after: 'true' },
      { field: 'gone', before: '1', after: '' },
    ]);
  });

  it('has nothing to compare when a side is missing, not an object or not JSON', () => {
    expect(changedFields('', JSON.stringify({ a: 1 }))).toEqual([]);
    expect(changedFields('null', JSON.stringify({ a: 1 }))).toEqual([]);
    expect(changedFields('[1]', '[2]')).toEqual([]);
    expect(changedFields('{oops', '{}')).toEqual([]);
  });
});
