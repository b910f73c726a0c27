import { describe, expect, it } from 'vitest';
import { column, csvCommentLine, csvFile, csvFileName, offsetPages } from '../../server/export/csvFile.ts';

const text = async (chunks: AsyncIterable<string>) => {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
};

const columns = [column<{ id: string; spend: string }>('player_id', (r) => r.id), column<{ id: string; spend: string }>('lifetime_spend', (r) => r.spend)];

describe('the CSV export helper', () => {
  it('writes a byte-order mark, the filters as a comment, the header in the asked language and defused rows', async () => {
    const pages = [[{ id: 'p1', spend: '12.5' }], [], [{ id: '=cmd()', spend: '-3' }]];
    const filters = { asOf: '2026-03-31', server: '', channel: '应用宝,x' };
    expect(await text(csvFile({ subject: 'value-top', filters, columns, pages }, { lang: 'en', header: 'labels' }).chunks)).toBe(
      '\uFEFF"# Filters: asOf=2026-03-31; channel=应用宝,x"\r\nPlayer,Lifetime spend\r\np1,12.5\r\n\'=cmd(),-3\r\n',
    );
    const zh = await text(csvFile({ subject: 'x', filters: {}, columns, pages: [] }, { lang: 'zh', header: 'labels' }).chunks);
    expect(zh).toBe('\uFEFF# 筛选条件: 无\r\n玩家,累计消费\r\n');
    const keys = await text(csvFile({ subject: 'x', filters: {}, columns, pages: [] }, { lang: 'zh', header: 'keys' }).chunks);
    expect(keys.split('\r\n')[1]).toBe('player_id,lifetime_spend');
  });

  it('names the file after its subject and filters, with only safe characters', () => {
    expect(csvFileName('rescue', { asOf: '2026-03-31', decision: 'all', server: undefined })).toBe('rescue_asOf-2026-03-31_decision-all.csv');
    expect(csvFileName('retention', { channel: '应用宝 / "vip"' })).toBe('retention_channel-_vip_.csv');
    expect(csvCommentLine({ a: 1, b: false }, 'en')).toBe('# Filters: a=1; b=false');
  });

  it('reads a page only when the download asks for it, and stops after the first short page', async () => {
    const asked: number[] = [];
    const read = async (limit: number, offset: number) => {
      asked.push(offset);
      return Array.from({ length: Math.max(0, Math.min(limit, 7 - offset)) }, (_, i) => ({ id: `p${offset + i}`, spend: '1' }));
    };
    const file = csvFile({ subject: 's', filters: {}, columns, pages: offsetPages(read, 3) }, { lang: 'en', header: 'keys' });
    const it = file.chunks[Symbol.asyncIterator]();
    await it.next(); // the frame: no page read yet
    expect(asked).toEqual([]);
    await it.next();
    expect(asked).toEqual([0]);
    let rest = '';
    for (let r = await it.next(); !r.done; r = await it.next()) rest += r.value;
    expect(asked).toEqual([0, 3, 6]);
    expect(rest.trim().split('\r\n')).toEqual(['p3,1', 'p4,1', 'p5,1', 'p6,1']);
    // A list that ends exactly on a page boundary costs one more (empty) read, and no empty line.
    const exact = offsetPages(async (limit, offset) => (offset < 6 ? Array.from({ length: limit }, () => 1) : []), 3);
    const sizes: number[] = [];
    for await (const p of exact) sizes.push(p.length);
    expect(sizes).toEqual([3, 3, 0]);
  });
});
