import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../web/src/lib/charts/common.ts';
import { endStateColor, endStateOption, endStateShares, floatMoney, intervalText, pointsText } from '../../web/src/lib/charts/launches.ts';
import { formatter } from '../../web/src/lib/format.ts';
import { translate, type Lang } from '../../web/src/lib/i18n.ts';
import type { LaunchTransition } from '../../contract/launches.ts';

type Loose = Record<string, any>;
const ctx = (lang: Lang = 'en'): ChartContext => ({ t: (key, vars) => translate(lang, key, vars), fmt: formatter(lang) });

// Treatment 8 players: 2 growth, 2 stable, 4 still decline; holdout 4: 1 stable, 2 decline, 1 lost.
const TRANSITIONS: LaunchTransition[] = [
  { group: 'holdout', from: 'decline', to: 'decline', players: 2 },
  { group: 'holdout', from: 'decline', to: 'lost', players: 1 },
  { group: 'holdout', from: 'decline', to: 'stable', players: 1 },
  { group: 'treatment', from: 'decline', to: 'decline', players: 3 },
  { group: 'treatment', from: 'growth', to: 'decline', players: 1 },
  { group: 'treatment', from: 'decline', to: 'growth', players: 2 },
  { group: 'treatment', from: 'decline', to: 'stable', players: 2 },
];

describe('end-state chart of a launch', () => {
  it('gives each group its own shares over the states anybody reached, in lifecycle order', () => {
    const { states, shares } = endStateShares(TRANSITIONS);
    expect(states).toEqual(['growth', 'stable', 'decline', 'lost']);
    expect(shares.treatment).toEqual([2 / 8, 2 / 8, 4 / 8, 0]);
    expect(shares.holdout).toEqual([0, 1 / 4, 2 / 4, 1 / 4]);
  });

  it('labels states and groups in both languages and formats shares as percents', () => {
    const en = endStateOption(TRANSITIONS, ctx('en')) as Loose;
    expect(en.xAxis.data).toEqual(['Growth', 'Stable', 'Decline', 'Lost']);
    expect(en.series.map((s: Loose) => s.name)).toEqual(['Treatment', 'Holdout']);
    expect(en.series[1].data).toEqual([0, 0.25, 0.5, 0.25]);
    expect(en.tooltip.valueFormatter(0.25)).toBe('25%');
    const zh = endStateOption(TRANSITIONS, ctx('zh')) as Loose;
    expect(zh.xAxis.data).toEqual(['成长期', '稳定期', '衰退期', '已流失']);
    expect(zh.series.map((s: Loose) => s.name)).toEqual(['实验组', '对照组']);
  });

  it('draws nothing for a launch without data after it, and an empty group stays at 0', () => {
    expect((endStateOption([], ctx()) as Loose).xAxis.data).toEqual([]);
    const onlyTreatment = endStateShares([{ group: 'treatment', from: 'decline', to: 'unknown', players: 3 }]);
    expect(onlyTreatment).toEqual({ states: ['unknown'], shares: { treatment: [1], holdout: [0] } });
    expect(endStateColor('growth')).toBe('#22a06b');
    expect(endStateColor('lost')).toBe('#9ca3af');
  });
});

describe('uplift wording', () => {
  it('writes rate differences as signed percentage points in both languages', () => {
    expect(pointsText(0.125, ctx('en'))).toBe('+12.5 pts');
    expect(pointsText(-0.0333, ctx('en'))).toBe('-3.3 pts');
    expect(pointsText(0, ctx('en'))).toBe('0 pts');
    expect(pointsText(0.5, ctx('zh'))).toBe('+50 个百分点');
  });

  it('formats statistics in money after rounding to cents, and intervals with a dash when missing', () => {
    expect(floatMoney(6.004999, 'USD', ctx())).toBe('$6.00');
    expect(floatMoney(-7.144836, 'USD', ctx())).toBe('-$7.14');
    expect(intervalText({ low: -0.192952, high: 1.192952 }, (v) => pointsText(v, ctx()))).toBe('[-19.3 pts, +119.3 pts]');
    expect(intervalText(null, String)).toBe('–');
  });
});
