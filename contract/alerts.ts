// Alerts: rules that watch the data after each refresh (and on a timer), what they fired and their settings.
// GET /api/alerts, POST /api/alerts/:id/ack, GET and PUT /api/alerts/rules.
import type { Day } from './common.ts';
import type { ReportLang } from './enums.ts';

export const ALERT_RULES = ['no_new_file', 'dau_below_band', 'revenue_below_band', 'quarantine_share_jump', 'decline_rise'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** One numeric setting of a rule: whole or decimal, its bounds and its default. */
export interface AlertParamDef {
  name: string;
  whole: boolean;
  min: number;
  max: number;
  default: number;
}

const cooldown = (hours: number): AlertParamDef => ({ name: 'cooldownHours', whole: true, min: 0, max: 720, default: hours });

// The same weekday's median of the last `weeks` weeks ± k × MAD, widened to at least minDropPercent of the median.
const BAND: readonly AlertParamDef[] = [
  { name: 'weeks', whole: true, min: 2, max: 26, default: 6 },
  { name: 'minWeeks', whole: true, min: 2, max: 26, default: 4 },
  { name: 'k', whole: false, min: 0.5, max: 20, default: 3 },
  { name: 'minDropPercent', whole: false, min: 0, max: 100, default: 10 },
  cooldown(24),
];

/** Every rule's settings besides its enable flag, with bounds and defaults (README "Alerts" explains each). */
export const ALERT_PARAMS: Record<AlertRule, readonly AlertParamDef[]> = {
  no_new_file: [{ name: 'hours', whole: true, min: 1, max: 720, default: 6 }, cooldown(6)],
  dau_below_band: BAND,
  revenue_below_band: BAND,
  quarantine_share_jump: [
    { name: 'recentHours', whole: true, min: 1, max: 168, default: 24 },
    { name: 'baselineDays', whole: true, min: 1, max: 90, default: 7 },
    { name: 'jumpPoints', whole: false, min: 0.1, max: 100, default: 5 },
    { name: 'minRows', whole: true, min: 1, max: 1_000_000_000, default: 100 },
    cooldown(12),
  ],
  decline_rise: [
    { name: 'dayPoints', whole: false, min: 0.1, max: 100, default: 2 },
    { name: 'weekPoints', whole: false, min: 0.1, max: 100, default: 5 },
    cooldown(24),
  ],
};

export interface AlertRuleSettings {
  enabled: boolean;
  /** By the names of ALERT_PARAMS[rule]. */
  params: Record<string, number>;
}

/** Who hears of a new alert: webhooks and e-mail addresses (each checked against DELIVERY_ALLOW), and the e-mail's language. */
export interface AlertNotify {
  webhooks: string[];
  emails: string[];
  lang: ReportLang;
}

/** GET /api/alerts/rules, and the answer of PUT. */
export interface AlertSettings {
  /** 0 for the defaults before the first save. */
  version: number;
  author: string;
  savedAt: string | null;
  rules: Record<AlertRule, AlertRuleSettings>;
  notify: AlertNotify;
}

/** PUT /api/alerts/rules: only what changes; a rule or notify field left out keeps its value. baseVersion guards against overwriting a newer save. */
export interface AlertSettingsSave {
  rules?: Partial<Record<AlertRule, { enabled?: boolean; params?: Record<string, number> }>>;
  notify?: Partial<AlertNotify>;
  baseVersion?: number;
}

export type AlertSettingsErrorCode = 'unknown' | 'flag' | 'number' | 'whole' | 'range' | 'min_weeks' | 'url' | 'email' | 'not_allowed' | 'lang' | 'list';

/** Why a setting is refused: the dashboard words the code; message is the English wording for API clients. */
export interface AlertSettingsError {
  field: string;
  code: AlertSettingsErrorCode;
  vars: Record<string, string | number>;
  message: string;
}

/**
 * What a rule's last check found: `fired` made an alert; `cooling` tripped within the cool-down of the rule's last
 * alert; `repeat` tripped on a day already alerted; `no_history` too little history for a baseline (no alert);
 * `no_data` nothing to judge yet.
 */
export const CHECK_OUTCOMES = ['ok', 'fired', 'cooling', 'repeat', 'no_history', 'no_data', 'disabled'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/**
 * The figures a rule looked at, as decimal text. By rule: no_new_file: observed hours since the last file, high the
 * limit; dau_below_band / revenue_below_band: observed the day's figure, expected the baseline median, low..high the
 * band; quarantine_share_jump: observed the recent share (percent), expected the earlier share, high the limit;
 * decline_rise: observed the decline share (percent) on the day, expected the day before's, high its limit.
 */
export interface AlertFigures {
  /** The game day judged; null for no_new_file. */
  day: Day | null;
  observed: string | null;
  expected: string | null;
  low: string | null;
  high: string | null;
  /** Further values by name (weeks of history used, the MAD, the last file's time, the week-before share...). */
  detail: Record<string, string | number>;
}

export interface Alert extends AlertFigures {
  alertId: string;
  rule: AlertRule;
  /** The rule's settings when it fired. */
  params: Record<string, number>;
  firedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export interface AlertCheck extends AlertFigures {
  rule: AlertRule;
  outcome: CheckOutcome;
  checkedAt: string;
}

/** GET /api/alerts: every open (unacknowledged) alert, the latest ones whatever their state, and each rule's last check. */
export interface AlertList {
  open: Alert[];
  recent: Alert[];
  checks: AlertCheck[];
}
