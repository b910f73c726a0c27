import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseCurrencyRates } from '../../server/config.ts';
import { splitStatements } from '../../server/db/migrate.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv, '/srv/game');

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 8080, ./data, UTC, embedded engine, demo on an empty database', () => {
    const c = load({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: '/srv/game/data', gameTz: 'UTC', weekStart: 1, demo: 'auto', baseCurrency: 'USD' });
    expect(load({ WEEK_START: 'Sunday' }).weekStart).toBe(7);
    expect(c.clickhouse).toEqual({ url: undefined, user: undefined, password: undefined, database: 'lifecycle' });
    expect(c.inboxDir).toBe(path.join('/srv/game/data', 'inbox'));
    expect(c.publicUrl).toBe('http://127.0.0.1:8080');
    expect(c.webhook).toEqual({ secret: undefined, attempts: 5, retryBaseMs: 2000, timeoutMs: 10000 });
    expect(c.smtp.url).toBeUndefined();
    expect(c.reports).toEqual({ catchUpCap: 7, dir: path.join('/srv/game/data', 'reports'), schedulesFile: undefined, emails: [], webhooks: [] });
    expect(load({ REPORT_EMAILS: ' a@x.io, ,b@x.io ', REPORT_SCHEDULES: 'conf/reports.json' }).reports).toMatchObject({
      emails: ['a@x.io', 'b@x.io'],
      schedulesFile: path.join('/srv/game', 'conf/reports.json'),
    });
  });
  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a positive integer'],
    [{ GAME_TZ: 'Mars/Olympus' }, 'GAME_TZ "Mars/Olympus" is not an IANA time zone'],
    [{ DEMO: 'yes' }, 'DEMO must be'],
    [{ WEEK_START: 'friday' }, 'WEEK_START must be "monday" or "sunday"'],
    [{ CLICKHOUSE_DATABASE: 'a;drop' }, 'must be a plain identifier'],
    [{ INGEST_MAX_BAD_SHARE: '2' }, 'INGEST_MAX_BAD_SHARE'],
    [{ INGEST_MAX_PAYMENT: '1e5' }, 'INGEST_MAX_PAYMENT must be a positive amount'],
    [{ INGEST_MAX_PAYMENT: '0.0000' }, 'INGEST_MAX_PAYMENT must be a positive amount'],
    [{ INGEST_MAX_PAYMENT: '10.12345' }, 'at most 4 decimals'],
    [{ INGEST_MAX_SESSION_HOURS: '1.5' }, 'INGEST_MAX_SESSION_HOURS must be a positive integer'],
    [{ INGEST_MAX_SESSION_HOURS: '1193047' }, 'INGEST_MAX_SESSION_HOURS must be at most 1193046'],
    [{ INGEST_MAX_LEVEL: '65536' }, 'INGEST_MAX_LEVEL must be at most 65535'],
    [{ INGEST_MAX_LEVEL: '-1' }, 'INGEST_MAX_LEVEL must be a positive integer'],
    [{ INGEST_SETTLE_SECONDS: '-1' }, 'INGEST_SETTLE_SECONDS must be a whole number of seconds from 0 (off) to 300, got "-1"'],
    [{ INGEST_SETTLE_SECONDS: '2.5' }, 'INGEST_SETTLE_SECONDS must be a whole number'],
    [{ INGEST_SETTLE_SECONDS: '3s' }, 'INGEST_SETTLE_SECONDS must be a whole number'],
    [{ INGEST_SETTLE_SECONDS: '3000' }, 'INGEST_SETTLE_SECONDS must be a whole number of seconds from 0 (off) to 300'],
    [{ CURRENCY_RATES: 'EUR:1.1' }, 'CODE=rate'],
    [{ PUBLIC_URL: 'dashboard.example.com' }, 'PUBLIC_URL must be an http(s) URL'],
    [{ OFFERS_WEBHOOK_URL: 'ftp://mail' }, 'OFFERS_WEBHOOK_URL must be an http(s) URL'],
    [{ SMTP_URL: 'mail.example.com:25' }, 'SMTP_URL must look like smtp://'],
    [{ WEBHOOK_ATTEMPTS: '0' }, 'WEBHOOK_ATTEMPTS must be a positive integer'],
    [{ SEGMENT_MIN_PLAYERS: '2.5' }, 'SEGMENT_MIN_PLAYERS must be a positive integer'],
  ])('refuses %j', (env, msg) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(msg);
  });
  it('reads the plausibility limits of the ingest, with defaults, the payment as an exact decimal string', () => {
    expect(load({}).ingest.limits).toEqual({ maxPayment: '10000', maxSessionSeconds: 86_400, maxLevel: 10_000 });
    expect(load({ INGEST_MAX_PAYMENT: '2500.5', INGEST_MAX_SESSION_HOURS: '6', INGEST_MAX_LEVEL: '65535' }).ingest.limits).toEqual({
      maxPayment: '2500.5',
      maxSessionSeconds: 21_600,
      maxLevel: 65_535,
    });
  });
  it('waits 3 s by default for inbox files to hold still, INGEST_SETTLE_SECONDS otherwise, 0 not at all', () => {
    expect(load({}).ingest.settleSeconds).toBe(3);
    expect(load({ INGEST_SETTLE_SECONDS: '10' }).ingest.settleSeconds).toBe(10);
    expect(load({ INGEST_SETTLE_SECONDS: '0' }).ingest.settleSeconds).toBe(0);
  });
  it('ranks segment CLV from 30 players by default, or from SEGMENT_MIN_PLAYERS', () => {
    expect(load({}).segmentMinPlayers).toBe(30);
    expect(load({ SEGMENT_MIN_PLAYERS: '100' }).segmentMinPlayers).toBe(100);
  });
  it('keeps currency rates as exact decimal strings', () => {
    expect(parseCurrencyRates('EUR=1.08, CNY=0.1385')).toEqual({ EUR: '1.08', CNY: '0.1385' });
  });
});

describe('splitStatements', () => {
  it('splits on semicolons that end a line and drops comment lines', () => {
    expect(splitStatements("-- note; here\nCREATE TABLE a (x String DEFAULT ';');\n\nSELECT 1;\n")).toEqual([
      "CREATE TABLE a (x String DEFAULT ';')",
      'SELECT 1',
    ]);
  });
});
