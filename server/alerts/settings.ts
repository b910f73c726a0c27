/**
 * The alert rules' settings: defaults from contract/alerts.ts (recipients
 * from ALERT_WEBHOOKS / ALERT_EMAILS) until an admin saves a version, then
 * the latest saved version (alert_settings). A save names only what changes;
 * every value is checked against its bounds, every recipient against
 * DELIVERY_ALLOW, and a refusal names each bad field with a code.
 */
import { ALERT_PARAMS, ALERT_RULES, type AlertRule, type AlertSettings, type AlertSettingsError, type AlertSettingsErrorCode } from '../../contract/alerts.ts';
import { REPORT_LANGS, type ReportLang } from '../../contract/enums.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recipientRefusal, urlRefusal } from '../delivery/destination.ts';
import { conflict, invalid } from '../domainError.ts';
import { insertAlertSettings, latestAlertSettings } from '../queries/alerts/alertSettings.ts';

export function defaultAlertSettings(cfg: Pick<Config, 'alerts'>): AlertSettings {
  const rules = Object.fromEntries(
    ALERT_RULES.map((rule) => [rule, { enabled: true, params: Object.fromEntries(ALERT_PARAMS[rule].map((p) => [p.name, p.default])) }]),
  ) as AlertSettings['rules'];
  return { version: 0, author: 'system', savedAt: null, rules, notify: { webhooks: cfg.alerts.webhooks, emails: cfg.alerts.emails, lang: cfg.alerts.lang } };
}

/** The saved version over the defaults, so a setting added after the save has its default. */
export async function currentAlertSettings(db: Db, cfg: Pick<Config, 'alerts'>): Promise<AlertSettings> {
  const defaults = defaultAlertSettings(cfg);
  const saved = await latestAlertSettings(db);
  if (!saved) return defaults;
  const rules = Object.fromEntries(
    ALERT_RULES.map((r) => [r, { enabled: saved.rules[r]?.enabled ?? true, params: { ...defaults.rules[r].params, ...saved.rules[r]?.params } }]),
  ) as AlertSettings['rules'];
  return { ...saved, rules };
}

const MESSAGES: Record<AlertSettingsErrorCode, string> = {
  unknown: 'no such setting',
  flag: 'must be true or false',
  number: 'must be a number',
  whole: 'must be a whole number',
  range: 'must be between {min} and {max}',
  min_weeks: 'the weeks of history required ({minWeeks}) cannot exceed the weeks looked at ({weeks})',
  url: 'must be an http(s) URL',
  email: 'must be an e-mail address',
  not_allowed: '{reason}',
  lang: 'must be one of {choices}',
  list: 'must be a list of at most {max} texts',
};

function settingsError(field: string, code: AlertSettingsErrorCode, vars: Record<string, string | number> = {}): AlertSettingsError {
  const words = MESSAGES[code].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  return { field, code, vars, message: `${field}: ${words}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_RECIPIENTS = 50;
// As report schedules take them: a local part, then a domain of dot-separated labels.
const EMAIL = /^[^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Merges a rule's changes into its settings, collecting the errors. */
function mergeRule(rule: AlertRule, into: AlertSettings['rules'][AlertRule], change: unknown, errors: AlertSettingsError[]): void {
  if (!isObject(change)) return void errors.push(settingsError(rule, 'unknown'));
  for (const key of Object.keys(change)) if (key !== 'enabled' && key !== 'params') errors.push(settingsError(`${rule}.${key}`, 'unknown'));
  if (change.enabled !== undefined) {
    if (typeof change.enabled === 'boolean') into.enabled = change.enabled;
    else errors.push(settingsError(`${rule}.enabled`, 'flag'));
  }
  if (change.params === undefined) return;
  if (!isObject(change.params)) return void errors.push(settingsError(`${rule}.params`, 'unknown'));
  for (const [name, value] of Object.entries(change.params)) {
    const field = `${rule}.${name}`;
    const def = ALERT_PARAMS[rule].find((p) => p.name === name);
    if (!def) errors.push(settingsError(field, 'unknown'));
    else if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(settingsError(field, 'number'));
    else if (def.whole && !Number.isInteger(value)) errors.push(settingsError(field, 'whole'));
    else if (value < def.min || value > def.max) errors.push(settingsError(field, 'range', { min: def.min, max: def.max }));
    else into.params[name] = value;
  }
  const { weeks, minWeeks } = into.params;
  if (weeks !== undefined && minWeeks !== undefined && minWeeks > weeks) errors.push(settingsError(`${rule}.minWeeks`, 'min_weeks', { minWeeks, weeks }));
}

async function mergeNotify(cfg: Pick<Config, 'deliveryAllow'>, into: AlertSettings['notify'], change: unknown, errors: AlertSettingsError[]): Promise<void> {
  if (!isObject(change)) return void errors.push(settingsError('notify', 'unknown'));
  for (const [key, value] of Object.entries(change)) {
    if (key === 'lang') {
      if (REPORT_LANGS.includes(value as ReportLang)) into.lang = value as ReportLang;
      else errors.push(settingsError('notify.lang', 'lang', { choices: REPORT_LANGS.join(', ') }));
    } else if (key === 'webhooks' || key === 'emails') {
      if (!Array.isArray(value) || value.length > MAX_RECIPIENTS || !value.every((v) => typeof v === 'string')) {
        errors.push(settingsError(`notify.${key}`, 'list', { max: MAX_RECIPIENTS }));
        continue;
      }
      const list = value.map((v: string) => v.trim()).filter(Boolean);
      const before = errors.length;
      for (const [i, v] of list.entries()) {
        const field = `notify.${key}.${i}`;
        if (key === 'webhooks' && !/^https?:\/\/\S+$/.test(v)) errors.push(settingsError(field, 'url'));
        else if (key === 'emails' && !EMAIL.test(v)) errors.push(settingsError(field, 'email'));
        else {
          const reason = key === 'webhooks' ? await urlRefusal(cfg.deliveryAllow, v) : recipientRefusal(cfg.deliveryAllow, v);
          if (reason) errors.push(settingsError(field, 'not_allowed', { reason }));
        }
      }
      if (errors.length === before) into[key] = list;
    } else errors.push(settingsError(`notify.${key}`, 'unknown'));
  }
}

/** The settings after a change, and what is wrong with it (nothing saved when anything is). */
export async function mergeAlertSettings(
  cfg: Pick<Config, 'deliveryAllow'>,
  current: AlertSettings,
  change: { rules?: Record<string, unknown>; notify?: Record<string, unknown> },
): Promise<{ settings: AlertSettings; errors: AlertSettingsError[] }> {
  const settings: AlertSettings = structuredClone(current);
  const errors: AlertSettingsError[] = [];
  for (const [rule, ruleChange] of Object.entries(change.rules ?? {})) {
    if ((ALERT_RULES as readonly string[]).includes(rule)) mergeRule(rule as AlertRule, settings.rules[rule as AlertRule], ruleChange, errors);
    else errors.push(settingsError(rule, 'unknown'));
  }
  if (change.notify !== undefined) await mergeNotify(cfg, settings.notify, change.notify, errors);
  return { settings, errors };
}

// One save at a time in this process, so two saves cannot take the same version.
let queue: Promise<unknown> = Promise.resolve();

/** Saves a new version; 400 naming every bad field, 409 over a newer version than baseVersion. */
export function saveAlertSettings(
  db: Db,
  cfg: Pick<Config, 'alerts' | 'deliveryAllow'>,
  author: string,
  body: { rules?: Record<string, unknown>; notify?: Record<string, unknown>; baseVersion?: number },
): Promise<AlertSettings> {
  const run = queue.then(async () => {
    const now = await currentAlertSettings(db, cfg);
    if (body.baseVersion !== undefined && body.baseVersion !== now.version)
      throw conflict(`the alert rules are at version ${now.version} now, not ${body.baseVersion}: reload them and change them again`);
    const { settings, errors } = await mergeAlertSettings(cfg, now, body);
    if (errors.length) throw invalid(`the alert rules are not valid: ${errors.map((e) => e.message).join('; ')}`, { errors });
    const saved = { ...settings, version: now.version + 1, author, savedAt: new Date().toISOString() };
    await insertAlertSettings(db, saved);
    return saved;
  });
  queue = run.catch(() => undefined);
  return run;
}
