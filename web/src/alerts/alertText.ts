// An alert or a rule's last check in words: pure, from its rule, figures and the user's formatter.
import type { AlertFigures, AlertRule, CheckOutcome } from '../../../contract/alerts.ts';
import type { Formatter } from '../lib/format.ts';
import type { Translator } from '../lib/i18n.ts';

export interface AlertContext {
  t: Translator;
  fmt: Formatter;
  /** The game time zone, for times. */
  tz: string;
  currency: string;
}

type Figure = 'observed' | 'expected' | 'low' | 'high';
const FIGURES: readonly Figure[] = ['observed', 'expected', 'low', 'high'];

/** How one figure of a rule reads: a count, money, hours or a share in percentage points. */
function figure(rule: AlertRule, value: string, c: AlertContext): string {
  if (rule === 'revenue_below_band') return c.fmt.money(value, c.currency);
  if (rule === 'dau_below_band') return c.fmt.int(Number(value));
  if (rule === 'no_new_file') return c.fmt.decimal(Number(value));
  return c.fmt.percent(Number(value) / 100);
}

function vars(rule: AlertRule, f: AlertFigures, c: AlertContext): Record<string, string | number> {
  const out: Record<string, string | number> = { ...f.detail };
  for (const k of FIGURES) out[k] = f[k] === null ? '–' : figure(rule, f[k], c);
  if (f.day) out.day = c.fmt.day(f.day);
  if (typeof f.detail.lastFileAt === 'string') out.lastFileAt = c.fmt.dateTime(f.detail.lastFileAt, c.tz);
  return out;
}

/** The sentence of an alert (or of a check that saw figures). */
export const alertText = (rule: AlertRule, f: AlertFigures, c: AlertContext): string => c.t(`alerts.text.${rule}`, vars(rule, f, c));

/** What a rule's last check saw: its figures, why it could not judge, or nothing when there was nothing to see. */
export function checkText(rule: AlertRule, outcome: CheckOutcome, f: AlertFigures, c: AlertContext): string {
  if (outcome === 'disabled' || outcome === 'no_data') return '';
  if (outcome !== 'no_history') return alertText(rule, f, c);
  if (rule === 'dau_below_band' || rule === 'revenue_below_band') return c.t('alerts.noHistory.band', vars(rule, f, c));
  if (rule === 'no_new_file') return '';
  return c.t(`alerts.noHistory.${rule}`, vars(rule, f, c));
}
