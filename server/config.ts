import { existsSync } from 'node:fs';
import path from 'node:path';
import { type AllowList, parseAllowList } from './delivery/allowList.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

/** Everything the product reads from the environment, parsed once. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  inboxDir: string;
  archiveDir: string;
  clickhouse: {
    url?: string;
    user?: string;
    password?: string;
    database: string;
  };
  gameTz: string;
  /** First day of a week (1 = Monday, 7 = Sunday), for weekly cohorts and "this week". */
  weekStart: 1 | 7;
  baseCurrency: string;
  /** Extra currencies accepted by the ingester, as rate to the base currency. */
  currencyRates: Record<string, string>;
  demo: 'auto' | 'off';
  /** Players of the demo game a first start simulates (DEMO_PLAYERS). */
  demoPlayers: number;
  /** Lowest level written to the log. */
  logLevel: LogLevel;
  /** Longest time an unchanged API answer is served from memory; 0 turns the cache off. */
  apiCacheSeconds: number;
  ingest: {
    cron: string;
    /** A file with a larger share of bad rows is rejected whole. */
    maxBadShare: number;
    /** The scheduled run takes an inbox file only when its size and modification time hold still this long; 0 = at once. */
    settleSeconds: number;
    limits: IngestLimits;
  };
  /** Lifetime value (player CLV and Dwyer segment CLV): how far ahead and how money later is worth less. */
  clv: {
    /** Discount rate per month (0.01 = 1% a month). */
    monthlyDiscount: number;
    /** Months of future value counted. */
    horizonMonths: number;
  };
  /** Segments (stage x value tier) with fewer players get a segment CLV flagged as too small and are not ranked. */
  segmentMinPlayers: number;
  /** Where the dashboard is reached from outside, for links in reports and webhook payloads. */
  publicUrl: string;
  /** PUBLIC_URL as set (null when unset): only a known address is worth linking a report's figures to. */
  dashboardUrl: string | null;
  /** Outgoing webhooks (offer audiences, reports): signing and retries. */
  webhook: {
    /** HMAC-SHA256 key for the X-Signature header; unset sends unsigned requests. */
    secret?: string;
    /** Attempts per delivery, the first included. */
    attempts: number;
    /** Wait before the second attempt; each later wait doubles. */
    retryBaseMs: number;
    timeoutMs: number;
  };
  offers: {
    /** The game mail system's endpoint that receives launched audiences. */
    webhookUrl?: string;
  };
  /** DELIVERY_ALLOW: the only hosts, domains and address blocks webhooks and e-mail may go to (default: loopback). */
  deliveryAllow: AllowList;
  /** Outgoing e-mail, e.g. smtp://user:pass@mail.example.com:587; unset turns e-mail off. */
  smtp: {
    url?: string;
    from: string;
  };
  reports: {
    /** Most missed windows a schedule catches up after downtime. */
    catchUpCap: number;
    /** Where report files (HTML, CSV, JSON) are written. */
    dir: string;
    /** REPORT_SCHEDULES: a JSON file of schedules applied at start. */
    schedulesFile?: string;
    /** Recipients of the default weekly report (REPORT_EMAILS, REPORT_WEBHOOKS). */
    emails: string[];
    webhooks: string[];
  };
  /** Accounts and sign-in (server/auth). */
  auth: AuthConfig;
  /** Who hears of alerts until an admin saves recipients in the dashboard (ALERT_WEBHOOKS, ALERT_EMAILS, ALERT_LANG). */
  alerts: {
    webhooks: string[];
    emails: string[];
    lang: 'en' | 'zh';
  };
  winback: {
    /** Expected returning players a server's declining and lapsed base must reach before the planner recommends a new server. */
    newServerMinReturning: number;
  };
}

/** The plausibility limits of one game: a row beyond one is quarantined with the limit in its reason. */
export interface IngestLimits {
  /** INGEST_MAX_PAYMENT: the largest single payment (or refund), in the base currency after conversion; a decimal string, never a float. */
  maxPayment: string;
  /** INGEST_MAX_SESSION_HOURS, in seconds: the longest session. */
  maxSessionSeconds: number;
  /** INGEST_MAX_LEVEL: the highest level (at most 65535, what the level column holds). */
  maxLevel: number;
}

/** Accounts, sessions and the sign-in limiter. */
export interface AuthConfig {
  /** TRUST_PROXY: Express's `trust proxy` (false, true, a hop count or addresses), so X-Forwarded-Proto/-For count behind a proxy that says so. */
  trustProxy: boolean | number | string;
  /** A session ends after this long without a request (SESSION_IDLE_HOURS). */
  sessionIdleHours: number;
  /** A session ends this long after sign-in, however active (SESSION_MAX_DAYS). */
  sessionMaxDays: number;
  signIn: {
    /** Failed sign-ins of one account within the window before each further attempt must wait. */
    freeFailures: number;
    /** The same for one client address (higher: an office shares one address). */
    freeFailuresPerAddress: number;
    /** Failures older than this are forgotten. */
    windowMinutes: number;
    /** The first wait; each further failure doubles it, up to the max. */
    delayBaseSeconds: number;
    delayMaxSeconds: number;
  };
  /** ADMIN_PASSWORD: the first-run admin's password instead of a generated one. */
  adminPassword?: string;
}

export class ConfigError extends Error {}

/** TRUST_PROXY: unset or false = off; true; a hop count; or addresses/subnets as Express takes them. */
function trustProxyVar(raw: string | undefined): boolean | number | string {
  const v = (raw ?? '').trim();
  if (v === '' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (!/^[\w.:/, -]+$/.test(v))
    throw new ConfigError(`TRUST_PROXY must be true, false, a number of proxies or addresses such as "loopback, 10.0.0.0/8", got "${raw}"`);
  return v;
}

/** 30 players: the 95% interval of a retention rate is then at most about ±0.17 wide, narrow enough to compare segments. */
export const DEFAULT_SEGMENT_MIN_PLAYERS = 30;

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** A comma-separated list; checked where it is used (the default report schedule). */
const listVar = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses "EUR=1.08,CNY=0.138" into a map; rates are decimal strings so money never goes through a float. */
export function parseCurrencyRates(raw: string | undefined): Record<string, string> {
  const rates: Record<string, string> = {};
  if (!raw) return rates;
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new ConfigError(`CURRENCY_RATES entry "${part}" is not CODE=rate (for example EUR=1.08)`);
    rates[m[1]] = m[2];
  }
  return rates;
}

// The highest price point app stores offer for one in-app purchase is about 10,000 USD
// (Apple's top tier since 2023); anything above is a unit mistake (cents sent as units)
// or a forged row. A game whose base currency is worth far less than a dollar raises it.
const DEFAULT_MAX_PAYMENT = '10000';
// A day: clients close sessions on idle, so a longer one is a missing close event, not play.
const DEFAULT_MAX_SESSION_HOURS = 24;
const DEFAULT_MAX_LEVEL = 10_000;
// duration_s is UInt32 and level UInt16: limits above these could not be stored anyway.
const MAX_SESSION_HOURS_CAP = Math.floor(4_294_967_295 / 3600);
const LEVEL_CAP = 65_535;

// A few seconds: longer than a steady writer's pause between two writes, short next to the minute between scans.
const DEFAULT_SETTLE_SECONDS = 3;
// The ingest lock is held during the wait (a run asked for meanwhile is refused as busy): a longer
// wait would hold up every scheduled run, and a value meant as milliseconds is caught.
const MAX_SETTLE_SECONDS = 300;

function ingestLimits(env: NodeJS.ProcessEnv): IngestLimits {
  const maxPayment = env.INGEST_MAX_PAYMENT || DEFAULT_MAX_PAYMENT;
  if (!/^\d{1,14}(\.\d{1,4})?$/.test(maxPayment) || !/[1-9]/.test(maxPayment))
    throw new ConfigError(`INGEST_MAX_PAYMENT must be a positive amount in the base currency with at most 4 decimals, got "${env.INGEST_MAX_PAYMENT}"`);
  const hours = intVar(env, 'INGEST_MAX_SESSION_HOURS', DEFAULT_MAX_SESSION_HOURS);
  if (hours > MAX_SESSION_HOURS_CAP)
    throw new ConfigError(`INGEST_MAX_SESSION_HOURS must be at most ${MAX_SESSION_HOURS_CAP}, got "${env.INGEST_MAX_SESSION_HOURS}"`);
  const maxLevel = intVar(env, 'INGEST_MAX_LEVEL', DEFAULT_MAX_LEVEL);
  if (maxLevel > LEVEL_CAP) throw new ConfigError(`INGEST_MAX_LEVEL must be at most ${LEVEL_CAP}, got "${env.INGEST_MAX_LEVEL}"`);
  return { maxPayment, maxSessionSeconds: hours * 3600, maxLevel };
}

/** Loads ./.env when present (values already in the environment win), then reads the config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const envFile = path.join(cwd, '.env');
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);

  const dataDir = path.resolve(cwd, env.DATA_DIR || './data');
  const gameTz = env.GAME_TZ || 'UTC';
  if (!validTimeZone(gameTz)) throw new ConfigError(`GAME_TZ "${gameTz}" is not an IANA time zone (for example Asia/Shanghai)`);
  const weekStartRaw = (env.WEEK_START || 'monday').toLowerCase();
  if (weekStartRaw !== 'monday' && weekStartRaw !== 'sunday') throw new ConfigError(`WEEK_START must be "monday" or "sunday", got "${env.WEEK_START}"`);
  const demo = (env.DEMO || 'auto').toLowerCase();
  if (demo !== 'auto' && demo !== 'off') throw new ConfigError(`DEMO must be "auto" or "off", got "${env.DEMO}"`);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const baseCurrency = (env.BASE_CURRENCY || 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(baseCurrency)) throw new ConfigError(`BASE_CURRENCY must be an ISO 4217 code, got "${env.BASE_CURRENCY}"`);
  const database = env.CLICKHOUSE_DATABASE || 'lifecycle';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new ConfigError(`CLICKHOUSE_DATABASE "${database}" must be a plain identifier`);
  const apiCacheSeconds = env.API_CACHE_SECONDS ? Number(env.API_CACHE_SECONDS) : 60;
  if (!Number.isInteger(apiCacheSeconds) || apiCacheSeconds < 0)
    throw new ConfigError(`API_CACHE_SECONDS must be a whole number of seconds (0 = off), got "${env.API_CACHE_SECONDS}"`);
  const maxBadShare = env.INGEST_MAX_BAD_SHARE ? Number(env.INGEST_MAX_BAD_SHARE) : 0.5;
  if (!(maxBadShare > 0 && maxBadShare <= 1)) throw new ConfigError('INGEST_MAX_BAD_SHARE must be a number in (0, 1]');
  const settleSeconds = env.INGEST_SETTLE_SECONDS ? Number(env.INGEST_SETTLE_SECONDS) : DEFAULT_SETTLE_SECONDS;
  if (!Number.isInteger(settleSeconds) || settleSeconds < 0 || settleSeconds > MAX_SETTLE_SECONDS)
    throw new ConfigError(`INGEST_SETTLE_SECONDS must be a whole number of seconds from 0 (off) to ${MAX_SETTLE_SECONDS}, got "${env.INGEST_SETTLE_SECONDS}"`);
  const monthlyDiscount = env.CLV_MONTHLY_DISCOUNT ? Number(env.CLV_MONTHLY_DISCOUNT) : 0.01;
  if (!(monthlyDiscount >= 0 && monthlyDiscount < 1))
    throw new ConfigError(`CLV_MONTHLY_DISCOUNT must be a rate in [0, 1) such as 0.01, got "${env.CLV_MONTHLY_DISCOUNT}"`);
  const horizonMonths = intVar(env, 'CLV_HORIZON_MONTHS', 12);
  const port = intVar(env, 'PORT', 8080);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(publicUrl)) throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got "${env.PUBLIC_URL}"`);
  const offersWebhookUrl = env.OFFERS_WEBHOOK_URL || undefined;
  if (offersWebhookUrl && !/^https?:\/\/\S+$/.test(offersWebhookUrl))
    throw new ConfigError(`OFFERS_WEBHOOK_URL must be an http(s) URL, got "${offersWebhookUrl}"`);
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/\S+$/.test(smtpUrl))
    throw new ConfigError(`SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465, got "${smtpUrl}"`);
  let deliveryAllow: AllowList;
  try {
    deliveryAllow = parseAllowList(env.DELIVERY_ALLOW);
  } catch (err) {
    throw new ConfigError(`DELIVERY_ALLOW: ${(err as Error).message} (entries: host, *.domain, IP address or CIDR, comma-separated)`);
  }
  const alertLang = (env.ALERT_LANG || 'en').toLowerCase();
  if (alertLang !== 'en' && alertLang !== 'zh') throw new ConfigError(`ALERT_LANG must be "en" or "zh", got "${env.ALERT_LANG}"`);
  if (horizonMonths > 120) throw new ConfigError(`CLV_HORIZON_MONTHS must be at most 120, got "${env.CLV_HORIZON_MONTHS}"`);

  return {
    port,
    host,
    dataDir,
    inboxDir: path.resolve(cwd, env.INBOX_DIR || path.join(dataDir, 'inbox')),
    archiveDir: path.join(dataDir, 'archive'),
    clickhouse: {
      url: env.CLICKHOUSE_URL || undefined,
      user: env.CLICKHOUSE_USER || undefined,
      password: env.CLICKHOUSE_PASSWORD || undefined,
      database,
    },
    gameTz,
    weekStart: weekStartRaw === 'sunday' ? 7 : 1,
    baseCurrency,
    currencyRates: parseCurrencyRates(env.CURRENCY_RATES),
    demo: demo as Config['demo'],
    demoPlayers: intVar(env, 'DEMO_PLAYERS', 50_000),
    logLevel: logLevel as LogLevel,
    apiCacheSeconds,
    ingest: {
      cron: env.INGEST_CRON || '* * * * *',
      maxBadShare,
      settleSeconds,
      limits: ingestLimits(env),
    },
    clv: { monthlyDiscount, horizonMonths },
    segmentMinPlayers: intVar(env, 'SEGMENT_MIN_PLAYERS', DEFAULT_SEGMENT_MIN_PLAYERS),
    publicUrl,
    dashboardUrl: env.PUBLIC_URL ? publicUrl : null,
    webhook: {
      secret: env.WEBHOOK_SECRET || undefined,
      attempts: intVar(env, 'WEBHOOK_ATTEMPTS', 5),
      retryBaseMs: intVar(env, 'WEBHOOK_RETRY_BASE_MS', 2000),
      timeoutMs: intVar(env, 'WEBHOOK_TIMEOUT_MS', 10000),
    },
    offers: { webhookUrl: offersWebhookUrl },
    deliveryAllow,
    smtp: { url: smtpUrl, from: env.SMTP_FROM || 'Player Lifecycle <reports@localhost>' },
    reports: {
      catchUpCap: intVar(env, 'REPORT_CATCH_UP_CAP', 7),
      dir: path.resolve(cwd, env.REPORTS_DIR || path.join(dataDir, 'reports')),
      schedulesFile: env.REPORT_SCHEDULES ? path.resolve(cwd, env.REPORT_SCHEDULES) : undefined,
      emails: listVar(env.REPORT_EMAILS),
      webhooks: listVar(env.REPORT_WEBHOOKS),
    },
    auth: {
      trustProxy: trustProxyVar(env.TRUST_PROXY),
      sessionIdleHours: intVar(env, 'SESSION_IDLE_HOURS', 8),
      sessionMaxDays: intVar(env, 'SESSION_MAX_DAYS', 7),
      signIn: {
        freeFailures: intVar(env, 'SIGNIN_FREE_FAILURES', 5),
        freeFailuresPerAddress: intVar(env, 'SIGNIN_FREE_FAILURES_PER_ADDRESS', 20),
        windowMinutes: intVar(env, 'SIGNIN_WINDOW_MINUTES', 15),
        delayBaseSeconds: intVar(env, 'SIGNIN_DELAY_BASE_SECONDS', 2),
        delayMaxSeconds: intVar(env, 'SIGNIN_DELAY_MAX_SECONDS', 900),
      },
      adminPassword: env.ADMIN_PASSWORD || undefined,
    },
    alerts: { webhooks: listVar(env.ALERT_WEBHOOKS), emails: listVar(env.ALERT_EMAILS), lang: alertLang },
    winback: { newServerMinReturning: intVar(env, 'NEW_SERVER_MIN_RETURNING', 50) },
  };
}
