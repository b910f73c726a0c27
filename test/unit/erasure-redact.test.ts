import { describe, expect, it } from 'vitest';
import { parseIdList, playerIdProblem } from '../../contract/erasure.ts';
import { csvCells, redactHtml, redactJson, redactLines } from '../../server/erasure/redactText.ts';

const erased = new Set(['p1', 'p 2']);
const isErased = (v: string) => erased.has(v);

describe('player id rule', () => {
  it('accepts what the ingester stores and refuses the rest with a reason', () => {
    expect(playerIdProblem('p000123')).toBeNull();
    expect(playerIdProblem('玩家 7')).toBeNull();
    expect(playerIdProblem('')).toBe('blank');
    expect(playerIdProblem('   ')).toBe('blank');
    expect(playerIdProblem(' p1')).toBe('spaces');
    expect(playerIdProblem('p\t1')).toBe('control');
    expect(playerIdProblem('x'.repeat(257))).toBe('too_long');
    expect(playerIdProblem(12)).toBe('not_text');
  });

  it('reads a list one id per line: trimmed, blank lines skipped, repeats once, bad lines by number', () => {
    expect(parseIdList(' p1 \n\np2\r\np1\nbad\tid\n')).toEqual({ ids: ['p1', 'p2'], bad: [{ line: 5, problem: 'control' }] });
  });
});

describe('redaction of stored text', () => {
  it('drops NDJSON lines naming an erased player in any field, parsed or not', () => {
    const text = [
      '{"player_id":"p1","x":1}',
      '{"player_id":"p10"}',
      '{"player_id":"a","friend_id":"p 2"}',
      '{"player_id": "p1", broken',
      '{"player_id":"p3"}',
      '',
    ].join('\n');
    const r = redactLines(text, 'ndjson', isErased);
    expect(r.removed).toBe(3);
    expect(r.text).toBe(['{"player_id":"p10"}', '{"player_id":"p3"}', ''].join('\n'));
  });

  it('drops CSV rows naming an erased player in a cell (quoted or not) and keeps the header', () => {
    const text = 'event_id,player_id\ne1,p1\ne2,"p 2"\ne3,p10\ne4,"p1,x"\n';
    const r = redactLines(text, 'csv', isErased);
    expect(r.removed).toBe(2);
    expect(r.text).toBe('event_id,player_id\ne3,p10\ne4,"p1,x"\n');
    expect(csvCells('a,"b ""c"", d",\'=p1')).toEqual(['a', 'b "c", d', '=p1']);
  });

  it('drops JSON array elements that name an erased player and replaces loose mentions', () => {
    const r = redactJson(JSON.stringify({ top: [{ playerId: 'p1', spend: 5 }, { playerId: 'p10' }], note: 'p 2', n: 3 }), isErased);
    expect(JSON.parse(r.text)).toEqual({ top: [{ playerId: 'p10' }], note: '[erased]', n: 3 });
    expect(r.removed).toBe(2);
  });

  it('drops HTML table rows mentioning an erased id (escaped or in a link) and only whole ids', () => {
    const html = '<p>p1 led</p><table><tr><td>p10</td></tr><tr><td><a href="#/players/p%202">p 2</a></td></tr><tr><td>p1</td></tr></table>';
    const r = redactHtml(html, ['p1', 'p 2']);
    expect(r.text).toBe('<p>[erased] led</p><table><tr><td>p10</td></tr></table>');
    expect(r.removed).toBe(3);
    expect(redactHtml('<b>a&amp;b</b>', ['a&b']).text).toBe('<b>[erased]</b>');
  });
});
