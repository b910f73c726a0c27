// The alert rules form, pure: settings to editable text, the text back to a save body, and the server's field errors.
import { ALERT_RULES, type AlertRule, type AlertSettings, type AlertSettingsError, type AlertSettingsSave } from '../../../contract/alerts.ts';
import type { ReportLang } from '../../../contract/enums.ts';
import type { MessageKey, Translator } from '../lib/i18n.ts';

export interface RulesDraft {
  rules: Record<AlertRule, { enabled: boolean; params: Record<string, string> }>;
  /** One recipient per line. */
  webhooks: string;
  emails: string;
  lang: ReportLang;
}

export function draftOf(s: AlertSettings): RulesDraft {
  const rules = Object.fromEntries(
    ALERT_RULES.map((r) => [r, { enabled: s.rules[r].enabled, params: Object.fromEntries(Object.entries(s.rules[r].params).map(([k, v]) => [k, String(v)])) }]),
  ) as RulesDraft['rules'];
  return { rules, webhooks: s.notify.webhooks.join('\n'), emails: s.notify.emails.join('\n'), lang: s.notify.lang };
}

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The save body: numbers as numbers; a text that is no number goes as typed, for the server to refuse under its field. */
export function bodyOf(d: RulesDraft, baseVersion: number): AlertSettingsSave {
  const number = (text: string): number => {
    const n = Number(text.trim());
    return (text.trim() !== '' && Number.isFinite(n) ? n : text) as number;
  };
  const rules = Object.fromEntries(
    ALERT_RULES.map((r) => [r, { enabled: d.rules[r].enabled, params: Object.fromEntries(Object.entries(d.rules[r].params).map(([k, v]) => [k, number(v)])) }]),
  );
  return { rules, notify: { webhooks: lines(d.webhooks), emails: lines(d.emails), lang: d.lang }, baseVersion };
}

/** The refusals by form field ("dau_below_band.k", "notify.webhooks"), worded; a recipient's error names its line. */
export function errorsByField(errors: AlertSettingsError[], t: Translator): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const m = /^(notify\.(?:webhooks|emails))\.(\d+)$/.exec(e.field);
    const field = m ? m[1] : e.field;
    const text = t(`alerts.err.${e.code}`, e.vars);
    const said = m ? t('alerts.err.line', { line: Number(m[2]) + 1, text }) : text;
    out[field] = out[field] ? `${out[field]} ${said}` : said;
  }
  return out;
}

/** A rule setting's label; test/unit/web-alerts.test.ts checks that every name of ALERT_PARAMS has one in each language. */
export const paramLabel = (name: string, t: Translator): string => t(`alerts.param.${name}` as MessageKey);
