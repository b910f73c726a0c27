// The schedule form's text fields and the schedule they stand for; pure, so they are unit-tested.
import type { Delivery } from '../../../contract/delivery.ts';
import { REPORT_LANGS, type ReportLang } from '../../../contract/enums.ts';
import type { FieldError, ReportSchedule, ReportSection, ScheduleDraft } from '../../../contract/reports.ts';
import type { LocalTexts } from '../../../contract/texts.ts';
import { lang, messages, translate, type Lang, type MessageKey } from './i18n.ts';

export interface ScheduleForm {
  name: string;
  /** The name in each language, empty where the name above is shown. */
  names: Record<ReportLang, string>;
  cron: string;
  tz: string;
  period: ScheduleDraft['period'];
  langs: ScheduleDraft['langs'];
  /** One recipient per line (commas also split). */
  emails: string;
  webhooks: string;
  topN: string;
  sections: ReportSection[];
  enabled: boolean;
  includePlayerIds: boolean;
}

export function blankForm(tz: string, sections: readonly ReportSection[]): ScheduleForm {
  return {
    name: '',
    names: namesOf({}),
    cron: '0 8 * * 1',
    tz,
    period: 'week',
    langs: ['en', 'zh'],
    emails: '',
    webhooks: '',
    topN: '20',
    sections: [...sections],
    enabled: true,
    includePlayerIds: false,
  };
}

const namesOf = (t: LocalTexts<'name'>) => Object.fromEntries(REPORT_LANGS.map((l) => [l, t[l]?.name ?? ''])) as Record<ReportLang, string>;

export function formOf(s: ReportSchedule): ScheduleForm {
  const { texts, ...rest } = s;
  return {
    ...rest,
    names: namesOf(texts),
    emails: s.emails.join('\n'),
    webhooks: s.webhooks.join('\n'),
    topN: String(s.topN),
    sections: [...s.sections],
    langs: [...s.langs],
  };
}

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The request body; topN stays as typed when it is not a number so the server names the field. */
export function draftOf(f: ScheduleForm): Omit<ScheduleDraft, 'topN'> & { topN: number | string } {
  const n = Number(f.topN);
  return {
    name: f.name,
    texts: Object.fromEntries(REPORT_LANGS.filter((l) => f.names[l].trim()).map((l) => [l, { name: f.names[l].trim() }])),
    cron: f.cron,
    tz: f.tz,
    period: f.period,
    langs: f.langs,
    emails: lines(f.emails),
    webhooks: lines(f.webhooks),
    topN: /^\d+$/.test(f.topN.trim()) ? n : f.topN,
    sections: f.sections,
    enabled: f.enabled,
    includePlayerIds: f.includePlayerIds,
  };
}

export interface DeliverySummary {
  channel: Delivery['channel'];
  target: string;
  ok: boolean;
  attempts: number;
  /** The last attempt's error, '' when delivered. */
  error: string;
}

/** One line per delivery (a recipient's attempts grouped), in the order they started. */
export function summariseDeliveries(attempts: readonly Delivery[]): DeliverySummary[] {
  const by = new Map<string, Delivery[]>();
  for (const a of attempts) by.set(a.deliveryId, [...(by.get(a.deliveryId) ?? []), a]);
  return [...by.values()].map((group) => {
    const last = group.reduce((x, y) => (y.attempt > x.attempt ? y : x));
    return { channel: last.channel, target: last.target, ok: last.status === 'ok', attempts: group.length, error: last.status === 'ok' ? '' : last.error };
  });
}

export type DeliveryWarning = 'reports.warn.noRecipients' | 'reports.warn.noSmtp';

/** Why a schedule's reports would reach nobody (or nobody by e-mail), as a message key; null when they go out. */
export function deliveryWarning(s: Pick<ScheduleDraft, 'emails' | 'webhooks'>, smtp: boolean): DeliveryWarning | null {
  if (s.emails.length === 0 && s.webhooks.length === 0) return 'reports.warn.noRecipients';
  if (s.emails.length > 0 && !smtp) return 'reports.warn.noSmtp';
  return null;
}

/** A refused field in the user's language, from the server's code and values; the server's English for a code this build does not know. */
export function scheduleErrorText(e: FieldError, language: Lang = lang()): string {
  const key = `reports.err.${e.code}`;
  return key in messages.en ? translate(language, key as MessageKey, e.values) : e.message;
}
