// Intl-based display formatting for one language. Pure: components derive one per language change.
import type { Lang } from './i18n.ts';
import type { Day, Money } from '../../../contract/common.ts';

export interface Formatter {
  readonly locale: string;
  /** Whole numbers: player counts. */
  int(n: number): string;
  /** Averages, at most one decimal. */
  decimal(n: number): string;
  /** Axis labels: 12K / 1.2万. */
  compact(n: number): string;
  percent(ratio: number): string;
  /** Model parameters and per-player expectations: four significant digits, whatever the scale. */
  sig(n: number): string;
  /** Decimal money string, formatted exactly (Intl reads the string; no float arithmetic). */
  money(amount: Money, currency: string): string;
  /** Long form, e.g. "Mar 5, 2025" / "2025年3月5日". */
  day(day: Day): string;
  /** Axis form, e.g. "Mar 5" / "3月5日". */
  shortDay(day: Day): string;
  /** The month of a day, e.g. "Sep 2026" / "2026年9月". */
  month(day: Day): string;
  /** ISO timestamp in the given IANA zone (the game zone, so it matches the day boundaries). */
  dateTime(iso: string, timeZone?: string): string;
}

const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
// 24-hour clock with seconds: unambiguous when reading ingest logs side by side.
const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};
const cache = new Map<Lang, Formatter>();

// Day strings carry no zone; reading and printing them as UTC keeps the calendar date unchanged.
const dayToDate = (day: Day) => new Date(`${day}T00:00:00Z`);

export function formatter(lang: Lang): Formatter {
  const cached = cache.get(lang);
  if (cached) return cached;
  const locale = LOCALES[lang];
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const sig = new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 });
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const moneyFormats = new Map<string, (amount: Money) => string>();
  const dateTimes = new Map<string, Intl.DateTimeFormat>();

  const moneyFormat = (currency: string) => {
    let fmt = moneyFormats.get(currency);
    if (!fmt) {
      // ES2023 Intl formats a decimal string exactly; the cast keeps ES2022-lib type checks happy.
      const exact = (nf: Intl.NumberFormat) => nf.format as unknown as (value: string) => string;
      try {
        fmt = exact(new Intl.NumberFormat(locale, { style: 'currency', currency }));
      } catch {
        // Not an ISO 4217 code Intl knows: plain number plus the code as given.
        const plain = exact(new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
        fmt = (amount) => `${plain(amount)} ${currency}`;
      }
      moneyFormats.set(currency, fmt);
    }
    return fmt;
  };

  const dateTimeFormat = (timeZone: string | undefined) => {
    const key = timeZone ?? '';
    let df = dateTimes.get(key);
    if (!df) {
      try {
        df = new Intl.DateTimeFormat(locale, { ...DATE_TIME, timeZone });
      } catch {
        df = new Intl.DateTimeFormat(locale, DATE_TIME); // unknown zone: fall back to the browser's
      }
      dateTimes.set(key, df);
    }
    return df;
  };

  const f: Formatter = {
    locale,
    int: (n) => int.format(n),
    decimal: (n) => decimal.format(n),
    compact: (n) => compact.format(n),
    percent: (ratio) => percent.format(ratio),
    sig: (n) => sig.format(n),
    money: (amount, currency) => moneyFormat(currency)(amount),
    day: (day) => longDay.format(dayToDate(day)),
    shortDay: (day) => shortDay.format(dayToDate(day)),
    month: (day) => month.format(dayToDate(day)),
    dateTime: (iso, timeZone) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimeFormat(timeZone).format(date);
    },
  };
  cache.set(lang, f);
  return f;
}
