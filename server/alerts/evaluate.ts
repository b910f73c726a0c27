/**
 * Checks every alert rule once: after each refresh that loaded a file, and on
 * the alerts job's timer (no refresh happens when no file comes, which is
 * what no_new_file watches). Fetches the few aggregates the rules judge (the
 * ledger, the stored Overview series, the stage snapshots), records each
 * rule's check, fires the tripped rules past their cool-down and notifies.
 * Checks of one engine run one after the other, so a timer tick and a
 * refresh never fire the same rule twice.
 */
import { randomUUID } from 'node:crypto';
import type { Alert, AlertCheck, AlertRule, AlertSettings } from '../../contract/alerts.ts';
import type { Day } from '../../contract/common.ts';
import { lastCompleteDay } from '../asOf.ts';
import type { Config } from '../config.ts';
import { addDays } from '../days.ts';
import type { Db } from '../db/client.ts';
import { sumDecimals } from '../money.ts';
import { fileRowShare, lastFileLoadedAt } from '../queries/alerts/alertInputs.ts';
import { lastAlertOf, writeAlert, writeChecks } from '../queries/alerts/alertRows.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { stageTrend } from '../queries/stages/stageTrend.ts';
import { overviewDailySeries } from '../retention/overviewDaily.ts';
import { type AlertDelivery, notifyAlert } from './notify.ts';
import { type BandParams, belowBandRule, decide, declineRise, noNewFile, quarantineJump, type RuleVerdict } from './rules.ts';
import { currentAlertSettings } from './settings.ts';

const HOUR_MS = 3_600_000;

export interface AlertRun {
  checks: AlertCheck[];
  fired: Alert[];
  deliveries: AlertDelivery[];
}

type Verdicts = Partial<Record<AlertRule, RuleVerdict>>;

/** The verdict of every enabled rule, from the data as of `now`. */
async function verdicts(db: Db, cfg: Config, s: AlertSettings, now: Date): Promise<Verdicts> {
  const on = (rule: AlertRule) => s.rules[rule].enabled;
  const p = (rule: AlertRule) => s.rules[rule].params;
  const out: Verdicts = {};
  if (on('no_new_file')) out.no_new_file = noNewFile(await lastFileLoadedAt(db), now, { hours: p('no_new_file').hours });
  if (on('quarantine_share_jump')) {
    const q = p('quarantine_share_jump');
    const split = new Date(now.getTime() - q.recentHours * HOUR_MS);
    const start = new Date(split.getTime() - q.baselineDays * 24 * HOUR_MS);
    const [recent, before] = await Promise.all([fileRowShare(db, split, now), fileRowShare(db, start, split)]);
    out.quarantine_share_jump = quarantineJump(recent, before, { jumpPoints: q.jumpPoints, minRows: q.minRows });
  }
  const { minDay, maxDay } = await dataDays(db);
  const day: Day | null = maxDay ? lastCompleteDay(maxDay, cfg.gameTz, now) : null;
  const bands = (['dau_below_band', 'revenue_below_band'] as const).filter(on);
  if (bands.length) {
    const weeks = Math.max(...bands.map((r) => p(r).weeks));
    const daily = day ? await overviewDailySeries(db, { from: addDays(day, -7 * weeks), to: day, server: '' }) : [];
    const dau = new Map(daily.map((d) => [d.day, String(d.dau)]));
    const revenue = new Map(daily.map((d) => [d.day, String(d.revenue)]));
    for (const rule of bands) {
      const b = p(rule);
      const params: BandParams = { weeks: b.weeks, minWeeks: b.minWeeks, k: b.k, minDropPercent: b.minDropPercent };
      out[rule] = belowBandRule(day, rule === 'dau_below_band' ? dau : revenue, minDay, params);
    }
  }
  if (on('decline_rise')) {
    const days = day ? await stageTrend(db, { from: addDays(day, -7), to: day, server: '' }) : [];
    const d = p('decline_rise');
    out.decline_rise = declineRise(day, days, { dayPoints: d.dayPoints, weekPoints: d.weekPoints });
  }
  return out;
}

/** A decimal in its shortest form, as the stored figure reads back ("30", not "30.0000"): one form on every channel. */
const shortest = (x: string | null) => (x === null ? null : sumDecimals([x]));

async function checkOnce(db: Db, cfg: Config, now: Date): Promise<AlertRun> {
  const settings = await currentAlertSettings(db, cfg);
  const found = await verdicts(db, cfg, settings, now);
  const checks: AlertCheck[] = [];
  const fired: Alert[] = [];
  const checkedAt = now.toISOString();
  for (const rule of Object.keys(settings.rules) as AlertRule[]) {
    const v = found[rule];
    if (!v) {
      checks.push({ rule, outcome: 'disabled', checkedAt, day: null, observed: null, expected: null, low: null, high: null, detail: {} });
      continue;
    }
    const { outcome: verdict, day, detail } = v;
    const figures = { day, detail, observed: shortest(v.observed), expected: shortest(v.expected), low: shortest(v.low), high: shortest(v.high) };
    const last = verdict === 'tripped' ? await lastAlertOf(db, rule) : undefined;
    const lastAlert = last ? { firedAt: new Date(last.firedAt), day: last.day } : null;
    const outcome = decide(verdict, day, lastAlert, now, settings.rules[rule].params.cooldownHours);
    checks.push({ rule, outcome, checkedAt, ...figures });
    if (outcome !== 'fired') continue;
    const alert: Alert = {
      alertId: randomUUID(),
      rule,
      ...figures,
      params: settings.rules[rule].params,
      firedAt: checkedAt,
      acknowledgedBy: null,
      acknowledgedAt: null,
    };
    await writeAlert(db, alert);
    fired.push(alert);
  }
  await writeChecks(db, checks);
  const deliveries: AlertDelivery[] = [];
  for (const alert of fired) deliveries.push(...(await notifyAlert(db, cfg, settings.notify, alert)));
  return { checks, fired, deliveries };
}

const tails = new WeakMap<Db, Promise<unknown>>();

/** Resolves when no check of this engine runs or waits: awaited before the engine closes. */
export const alertChecksSettled = async (db: Db): Promise<void> => {
  await tails.get(db)?.catch(() => undefined);
};

/** Checks every rule as of `now` (the clock, unless a test judges another time); one check of an engine at a time. */
export function checkAlerts({ db, cfg }: { db: Db; cfg: Config }, now: Date = new Date()): Promise<AlertRun> {
  const next = (tails.get(db) ?? Promise.resolve()).catch(() => undefined).then(() => checkOnce(db, cfg, now));
  tails.set(db, next);
  return next;
}
