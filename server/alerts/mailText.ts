/**
 * The alert e-mail's words in English and Simplified Chinese: the dashboard
 * words the same alerts from web/src/lib/messages/alerts.ts, the webhook
 * carries codes and values only. One sentence per rule, from the alert's figures.
 */
import type { Alert, AlertRule } from '../../contract/alerts.ts';
import type { ReportLang } from '../../contract/enums.ts';

type Words = { title: string; rule: Record<AlertRule, string>; open: string; fired: string };

const WORDS: Record<ReportLang, Words> = {
  en: {
    title: 'Alert: {rule}',
    rule: {
      no_new_file: 'No new file for {observed} hours (limit {high} h); the last file was loaded at {lastFileAt}.',
      dau_below_band:
        'Daily active players on {day} were {observed}, below the expected band {low} – {high} (median {expected} of the same weekday in {weeks} weeks).',
      revenue_below_band:
        'Revenue on {day} was {observed} {currency}, below the expected band {low} – {high} (median {expected} of the same weekday in {weeks} weeks).',
      quarantine_share_jump: '{observed}% of the rows of the latest files were quarantined, against {expected}% before (limit {high}%).',
      decline_rise: 'The decline stage holds {observed}% of the active base on {day}, against {expected}% the day before.',
    },
    open: 'Open the dashboard to acknowledge it: {url}',
    fired: 'Fired at {firedAt} (UTC).',
  },
  zh: {
    title: '告警：{rule}',
    rule: {
      no_new_file: '已有 {observed} 小时没有新文件（上限 {high} 小时）；最后一个文件载入于 {lastFileAt}。',
      dau_below_band: '{day} 的日活跃玩家为 {observed}，低于预期区间 {low} – {high}（近 {weeks} 周同一星期几的中位数为 {expected}）。',
      revenue_below_band: '{day} 的收入为 {observed} {currency}，低于预期区间 {low} – {high}（近 {weeks} 周同一星期几的中位数为 {expected}）。',
      quarantine_share_jump: '最新文件中 {observed}% 的行被隔离，此前为 {expected}%（上限 {high}%）。',
      decline_rise: '{day} 退化期玩家占活跃玩家的 {observed}%，前一天为 {expected}%。',
    },
    open: '请在看板中确认：{url}',
    fired: '触发时间 {firedAt}（UTC）。',
  },
};

const RULE_NAMES: Record<ReportLang, Record<AlertRule, string>> = {
  en: {
    no_new_file: 'no new file',
    dau_below_band: 'DAU below the expected band',
    revenue_below_band: 'revenue below the expected band',
    quarantine_share_jump: 'quarantine share jumped',
    decline_rise: 'decline stage rose',
  },
  zh: {
    no_new_file: '没有新文件',
    dau_below_band: '日活跃低于预期区间',
    revenue_below_band: '收入低于预期区间',
    quarantine_share_jump: '隔离比例骤升',
    decline_rise: '退化期占比上升',
  },
};

const fill = (text: string, vars: Record<string, unknown>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '–'));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The e-mail's subject line and HTML body for one alert. */
export function alertMail(lang: ReportLang, alert: Alert, ctx: { url: string; currency: string }): { title: string; html: string } {
  const w = WORDS[lang];
  const vars = { ...alert.detail, ...alert, currency: ctx.currency, url: ctx.url };
  const title = fill(w.title, { rule: RULE_NAMES[lang][alert.rule] });
  const lines = [fill(w.rule[alert.rule], vars), fill(w.fired, vars), fill(w.open, vars)];
  const html = `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${escapeHtml(title)}</title><body>${lines
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}</body></html>`;
  return { title, html };
}
