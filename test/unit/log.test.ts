import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger, redactUrl, type LoggerOptions } from '../../server/log.ts';

const AT = new Date('2026-03-31T08:15:00.000Z');

function capture(opts: LoggerOptions = {}) {
  const lines: string[] = [];
  const log = createLogger({ json: true, now: () => AT, write: (line) => lines.push(line), ...opts });
  return { log, lines };
}

describe('logger', () => {
  it('writes one JSON object per line: time, level, message, then the fields in order', () => {
    const { log, lines } = capture();
    log.info('ingest: inbox loaded', { files: 2, rowsLoaded: 1500 });
    log.warn('ingest: file rejected', { file: 'sessions_bad.csv' });
    expect(lines).toEqual([
      '{"time":"2026-03-31T08:15:00.000Z","level":"info","msg":"ingest: inbox loaded","files":2,"rowsLoaded":1500}',
      '{"time":"2026-03-31T08:15:00.000Z","level":"warn","msg":"ingest: file rejected","file":"sessions_bad.csv"}',
    ]);
  });

  it('logs at info when called as a function', () => {
    const { log, lines } = capture();
    log('stages: refreshed 3 day(s) of stage snapshots');
    expect(JSON.parse(lines[0])).toEqual({ time: '2026-03-31T08:15:00.000Z', level: 'info', msg: 'stages: refreshed 3 day(s) of stage snapshots' });
  });

  it('drops lines below the configured level', () => {
    const { log, lines } = capture({ level: 'warn' });
    log.debug('a');
    log.info('b');
    log('c');
    log.warn('d');
    log.error('e');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
    const all = capture({ level: 'debug' });
    all.log.debug('a');
    expect(all.lines).toHaveLength(1);
  });

  it('keeps its own keys when a field has the same name, and writes errors with their message', () => {
    const { log, lines } = capture();
    log.error('reports: delivery failed', { level: 'fake', msg: 'fake', error: new Error('connection refused') });
    const line = JSON.parse(lines[0]);
    expect([line.level, line.msg, line.error.message]).toEqual(['error', 'reports: delivery failed', 'connection refused']);
    expect(Object.keys(line).slice(0, 3)).toEqual(['time', 'level', 'msg']);
  });

  it('writes fields as given: a password-like field is not special-cased', () => {
    const { log, lines } = capture();
    log.info('x', { password: 'hunter2' });
    expect(JSON.parse(lines[0]).password).toBe('hunter2');
  });

  it('writes a readable line on a terminal', () => {
    const { log, lines } = capture({ json: false });
    log.warn('ingest: file rejected', { file: 'sessions_bad.csv', error: 'no header row', rows: 3 });
    expect(lines).toEqual(['[2026-03-31T08:15:00.000Z] WARN  ingest: file rejected file=sessions_bad.csv error="no header row" rows=3']);
  });
});

describe('redactUrl', () => {
  it('hides the user and password of every URL and leaves the rest', () => {
    expect(redactUrl('smtp://reports:s3cret@mail.example.com:587')).toBe('smtp://***@mail.example.com:587');
    expect(redactUrl('talking to http://default:pw@clickhouse:8123/?x=1 and https://token@hooks.example.com/a')).toBe(
      'talking to http://***@clickhouse:8123/?x=1 and https://***@hooks.example.com/a',
    );
    expect(redactUrl('http://clickhouse:8123/path@v2')).toBe('http://clickhouse:8123/path@v2');
    expect(redactUrl('mail to ops@example.com')).toBe('mail to ops@example.com');
  });
});

describe('LOG_LEVEL', () => {
  it('defaults to info, takes any level in any case and refuses others', () => {
    expect(loadConfig({} as NodeJS.ProcessEnv, '/srv/game').logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' } as NodeJS.ProcessEnv, '/srv/game').logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' } as NodeJS.ProcessEnv, '/srv/game')).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, got "verbose"',
    );
  });
});
