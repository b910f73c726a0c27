import { describe, expect, it } from 'vitest';
import { classifyFile } from '../../server/ingest/fileKind.ts';
import { stagingInsertSql } from '../../server/queries/ingest/stagingSql.ts';

describe('classifyFile', () => {
  it.each([
    ['payments_2026-03-01.ndjson', { kind: 'payments', format: 'ndjson', gzip: false }],
    ['/x/sessions-eu-1.csv.gz', { kind: 'sessions', format: 'csv', gzip: true }],
    ['SESSIONS.jsonl', { kind: 'sessions', format: 'ndjson', gzip: false }],
    ['payments.csv', { kind: 'payments', format: 'csv', gzip: false }],
  ])('%s', (name, expected) => {
    expect(classifyFile(name)).toEqual(expected);
  });
  it.each(['readme.txt', 'players.ndjson', 'payments.json', 'payments.ndjson.zip', 'old_payments.csv'])('ignores %s', (name) => {
    expect(classifyFile(name)).toBeNull();
  });
  it.each(['payments_1.ndjson.part', 'sessions_1.csv.gz.TMP', 'payments_1.ndjson.Part', '.payments_1.ndjson', '/inbox/.sessions.csv'])(
    'never loads %s, a name a writer gives a file it has not finished',
    (name) => {
      expect(classifyFile(name)).toBeNull();
    },
  );
});

describe('stagingInsertSql', () => {
  it('reads the file through typed parameters, never by pasting the path', () => {
    const sql = stagingInsertSql('payments', 'ndjson', 'file');
    expect(sql).toMatch(/^INSERT INTO stage_payments /);
    expect(sql).toContain(`file({path:String}, 'LineAsString', 'line String', {compression:String})`);
    for (const p of ['{tz:String}', '{now:DateTime64(3)}', '{base:String}', '{currencies:Array(String)}', '{rates:Array(String)}']) expect(sql).toContain(p);
  });
  it('streams the body through input() for a remote server', () => {
    const sql = stagingInsertSql('sessions', 'csv', 'input');
    expect(sql).toContain(`input('event_id Nullable(String)`);
    expect(sql).toMatch(/SETTINGS input_format_csv_allow_variable_number_of_columns = 1.* FORMAT CSVWithNames$/);
    expect(sql).not.toContain('{path:String}');
  });
  it('checks every bad-row reason the contract names', () => {
    const s = stagingInsertSql('sessions', 'ndjson', 'file');
    const p = stagingInsertSql('payments', 'ndjson', 'file');
    for (const reason of ['unparsable JSON', 'missing player_id', 'negative duration', 'more than a day in the future', 'missing end or duration_s'])
      expect(s).toContain(reason);
    for (const reason of ['unknown currency', 'amount is not a decimal number', 'ts is not ISO-8601']) expect(p).toContain(reason);
  });
});
