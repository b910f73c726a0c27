// A schedule's next run in words: when on the schedule's own clock, and how far off. Pure, for tests.
import type { Lang } from './i18n.ts';

const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
const HOUR = 3_600_000;

/** "Mon, Dec 7, 08:00" / "12月7日周一 08:00" on the clock of `timeZone`. */
export function runTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** "in 5 minutes", "in 3 hours", "in 2 days" / "5分钟后"…: minutes below an hour, hours below two days, days after. */
export function runDistance(iso: string, now: Date, lang: Lang): string {
  const ms = Math.max(0, new Date(iso).getTime() - now.getTime());
  const rtf = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'always' });
  if (ms < HOUR) return rtf.format(Math.max(1, Math.ceil(ms / 60_000)), 'minute');
  if (ms < 48 * HOUR) return rtf.format(Math.round(ms / HOUR), 'hour');
  return rtf.format(Math.round(ms / (24 * HOUR)), 'day');
}
