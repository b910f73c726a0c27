/**
 * A report schedule as the product stores it, and the validation every way of
 * saving one goes through (dashboard, REPORT_SCHEDULES file, default).
 */
import { REPORT_LANGS, type ReportLang } from '../../contract/enums.ts';
import {
  REPORT_PERIODS,
  REPORT_SECTIONS,
  type FieldError,
  type ReportPeriod,
  type ReportSection,
  type ScheduleDraft,
  type ScheduleErrorCode,
} from '../../contract/reports.ts';
import type { LocalTexts } from '../../contract/texts.ts';
import { checkCron } from './scheduleWindows.ts';
import { MAX_TOP_N } from './types.ts';

const MAX_RECIPIENTS = 50;
// A practical address check (local@domain.tld); the SMTP server has the final word.
const EMAIL = /^[^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

function validUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Records a refused field: its code and values for the dashboard to word, and the English message. */
export function refuse(errors: FieldError[], field: string, code: ScheduleErrorCode, values: Record<string, string | number>, message: string): void {
  errors.push({ field, code, values, message });
}

/** A value outside the field's choices. */
function refuseUnknown(errors: FieldError[], field: string, value: string, allowed: readonly string[]): void {
  refuse(errors, field, 'unknown', { value, allowed: allowed.join(', ') }, `${field} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function list(input: Record<string, unknown>, field: string, errors: FieldError[]): string[] {
  const v = input[field] ?? [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    refuse(errors, field, 'list', {}, `${field} must be a list of text values`);
    return [];
  }
  const out = [...new Set((v as string[]).map((s) => s.trim()).filter(Boolean))];
  if (out.length > MAX_RECIPIENTS) refuse(errors, field, 'too_many', { max: MAX_RECIPIENTS }, `${field} may hold at most ${MAX_RECIPIENTS} entries`);
  return out;
}

/** The name in other languages: `{"zh": {"name": "..."}}`, known languages only, at most 120 characters; empty names left out. */
function nameTexts(v: unknown, errors: FieldError[]): LocalTexts<'name'> {
  if (v === undefined || v === null) return {};
  const bad = (field: string, code: ScheduleErrorCode, values: Record<string, string | number>, message: string) => (
    refuse(errors, field, code, values, message), {}
  );
  if (typeof v !== 'object' || Array.isArray(v))
    return bad('texts', 'texts_object', {}, 'texts must be an object of names by language, such as {"zh": {"name": "每周流失报告"}}');
  const out: LocalTexts<'name'> = {};
  for (const [lang, words] of Object.entries(v)) {
    if (!REPORT_LANGS.includes(lang as ReportLang)) return (refuseUnknown(errors, 'texts', lang, REPORT_LANGS), {});
    const name = (words as { name?: unknown } | null)?.name;
    if (name === undefined || name === null) continue;
    if (typeof name !== 'string') return bad(`texts.${lang}.name`, 'text', {}, `texts.${lang}.name must be text`);
    if (name.trim().length > 120) return bad(`texts.${lang}.name`, 'too_long', { max: 120 }, `texts.${lang}.name may be at most 120 characters`);
    if (name.trim()) out[lang as ReportLang] = { name: name.trim() };
  }
  return out;
}

/**
 * Checks a schedule given as JSON (field names as in ScheduleDraft) and
 * returns it normalised (trimmed, deduplicated, sections in report order)
 * with one message per bad field.
 */
export function validateSchedule(input: Record<string, unknown>, defaults: { tz: string }): { draft: ScheduleDraft; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const str = (field: string, fallback: string): string => {
    const v = input[field];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') {
      refuse(errors, field, 'text', {}, `${field} must be text`);
      return fallback;
    }
    return v.trim();
  };

  const name = str('name', '');
  if (!name) refuse(errors, 'name', 'required', {}, 'name is required');
  else if (name.length > 120) refuse(errors, 'name', 'too_long', { max: 120 }, 'name may be at most 120 characters');

  const texts = nameTexts(input.texts, errors);

  const cronExpr = str('cron', '').replace(/\s+/g, ' ');
  const cronCheck = checkCron(cronExpr);
  if (!cronExpr) refuse(errors, 'cron', 'required', {}, 'cron is required, for example "0 8 * * 1" (Mondays 08:00)');
  else if (!cronCheck.ok) refuse(errors, 'cron', cronCheck.code ?? 'cron_invalid', { value: cronExpr, detail: cronCheck.detail ?? '' }, cronCheck.message);

  const tz = str('tz', defaults.tz);
  if (!validTimeZone(tz)) refuse(errors, 'tz', 'time_zone', { value: tz }, `tz must be an IANA time zone such as Asia/Shanghai, got "${tz}"`);

  const period = str('period', 'week') as ReportPeriod;
  if (!REPORT_PERIODS.includes(period)) refuseUnknown(errors, 'period', period, REPORT_PERIODS);

  const langs = list(input, 'langs', errors) as ReportLang[];
  if (langs.length === 0) refuse(errors, 'langs', 'empty', {}, `langs must name at least one of ${REPORT_LANGS.join(', ')}`);
  const badLang = langs.find((l) => !REPORT_LANGS.includes(l));
  if (badLang !== undefined) refuseUnknown(errors, 'langs', badLang, REPORT_LANGS);

  const emails = list(input, 'emails', errors);
  const badEmail = emails.find((e) => !EMAIL.test(e));
  if (badEmail !== undefined) refuse(errors, 'emails', 'email', { value: badEmail }, `"${badEmail}" is not an e-mail address`);

  const webhooks = list(input, 'webhooks', errors);
  const badHook = webhooks.find((u) => !validUrl(u));
  if (badHook !== undefined) refuse(errors, 'webhooks', 'url', { value: badHook }, `"${badHook}" is not an http(s) URL`);

  const topNRaw = input.topN ?? 20;
  const topN = Number(topNRaw);
  if (typeof topNRaw !== 'number' || !Number.isInteger(topN) || topN < 1 || topN > MAX_TOP_N) {
    refuse(errors, 'topN', 'whole_range', { min: 1, max: MAX_TOP_N }, `topN must be a whole number from 1 to ${MAX_TOP_N}`);
  }

  const sectionsRaw = input.sections === undefined ? [...REPORT_SECTIONS] : list(input, 'sections', errors);
  const badSection = sectionsRaw.find((s) => !REPORT_SECTIONS.includes(s as ReportSection));
  if (badSection !== undefined) refuseUnknown(errors, 'sections', badSection, REPORT_SECTIONS);
  const sections = REPORT_SECTIONS.filter((s) => sectionsRaw.includes(s));
  if (sectionsRaw.length === 0) refuse(errors, 'sections', 'empty', {}, 'sections must name at least one section');

  const enabledRaw = input.enabled ?? true;
  if (typeof enabledRaw !== 'boolean') refuse(errors, 'enabled', 'boolean', {}, 'enabled must be true or false');
  const idsRaw = input.includePlayerIds ?? false;
  if (typeof idsRaw !== 'boolean') refuse(errors, 'includePlayerIds', 'boolean', {}, 'includePlayerIds must be true or false');

  return {
    draft: {
      name,
      texts,
      cron: cronExpr,
      tz,
      period,
      langs: REPORT_LANGS.filter((l) => langs.includes(l)),
      emails,
      webhooks,
      topN: Number.isInteger(topN) ? topN : 20,
      sections,
      enabled: enabledRaw !== false,
      includePlayerIds: idsRaw === true,
    },
    errors,
  };
}

/** True when saving `draft` over `current` would change anything. */
export function scheduleDiffers(current: ScheduleDraft, draft: ScheduleDraft): boolean {
  const keys: (keyof ScheduleDraft)[] = [
    'name',
    'texts',
    'cron',
    'tz',
    'period',
    'langs',
    'emails',
    'webhooks',
    'topN',
    'sections',
    'enabled',
    'includePlayerIds',
  ];
  return keys.some((k) => JSON.stringify(current[k]) !== JSON.stringify(draft[k]));
}
