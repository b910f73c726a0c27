import { describe, expect, it } from 'vitest';
import { formatter } from '../../web/src/lib/format.ts';
import { LANGS, detectLang, messages, translate } from '../../web/src/lib/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message table', () => {
  it('has exactly the same keys in every language', () => {
    const en = Object.keys(messages.en).sort();
    expect(en.length).toBeGreaterThan(50);
    for (const lang of LANGS) expect(Object.keys(messages[lang]).sort()).toEqual(en);
  });

  it('has no empty strings', () => {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(messages[lang])) {
        expect(text.trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(messages.en)) {
      expect(placeholders(messages.zh[key as keyof typeof messages.zh]), key).toEqual(placeholders(text));
    }
  });

  it('carries the product name in both languages', () => {
    expect(translate('en', 'app.name')).toBe('Player Lifecycle');
    expect(translate('zh', 'app.name')).toBe('玩家生命周期');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'chart.asOf', { day: 'May 2' })).toBe('as of May 2');
    expect(translate('zh', 'chart.asOf', { day: '5月2日' })).toBe('截至 5月2日');
    expect(translate('en', 'chart.asOf')).toBe('as of {day}');
  });
});

describe('detectLang', () => {
  it('prefers the URL, then the stored choice, then the browser', () => {
    expect(detectLang('zh', 'en', ['en-US'])).toBe('zh');
    expect(detectLang(null, 'zh', ['en-US'])).toBe('zh');
    expect(detectLang('fr', null, ['zh-CN', 'en'])).toBe('zh');
    expect(detectLang(null, 'xx', ['de-DE'])).toBe('en');
  });
});

describe('formatter', () => {
  it('formats counts, percentages and compact axis values per language', () => {
    expect(formatter('en').int(1234567)).toBe('1,234,567');
    expect(formatter('en').percent(0.0734)).toBe('7.3%');
    expect(formatter('en').decimal(1234.56)).toBe('1,234.6');
    expect(formatter('zh').compact(123_000)).toBe('12.3万');
  });

  it('formats money strings exactly, without going through a float', () => {
    const en = formatter('en');
    expect(en.money('12345.6700', 'USD')).toBe('$12,345.67');
    expect(en.money('0.0050', 'USD')).toBe('$0.01');
    // 2^53 is far below this; a float would print ...568.00 or similar.
    expect(en.money('12345678901234567.8900', 'USD')).toBe('$12,345,678,901,234,567.89');
    expect(formatter('zh').money('1234.5000', 'CNY')).toBe('¥1,234.50');
  });

  it('prints calendar days without shifting them across time zones', () => {
    expect(formatter('en').day('2025-03-05')).toBe('Mar 5, 2025');
    expect(formatter('zh').day('2025-03-05')).toBe('2025年3月5日');
    expect(formatter('en').shortDay('2025-12-31')).toBe('Dec 31');
  });

  it('prints timestamps in the given time zone and passes bad input through', () => {
    expect(formatter('en').dateTime('2025-03-05T23:30:00Z', 'Asia/Shanghai')).toBe('Mar 6, 2025, 07:30:00');
    expect(formatter('zh').dateTime('2025-03-05T23:30:00Z', 'UTC')).toBe('2025年3月5日 23:30:00');
    expect(formatter('en').dateTime('not a date', 'UTC')).toBe('not a date');
  });
});
