// Period-comparison display: how a change reads, and the points of a sparkline. Pure, so unit tests call them directly.
import type { ChangeKind } from '../../../contract/overview.ts';
import type { Lang } from './i18n.ts';
import { translate } from './i18n.ts';

export type Direction = 'up' | 'down' | 'flat' | 'none';

export interface ChangeText {
  text: string;
  direction: Direction;
}

const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** "+12.5%" for a relative change, "+2.1 pt" for a share's change in points; "–" when there is nothing to compare. */
export function changeText(lang: Lang, kind: ChangeKind, change: number | null): ChangeText {
  if (change === null || !Number.isFinite(change)) return { text: '–', direction: 'none' };
  const direction: Direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  if (kind === 'relative') {
    const pct = new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    return { text: pct.format(change), direction };
  }
  const num = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return { text: translate(lang, 'change.points', { value: num.format(change * 100) }), direction };
}

/**
 * SVG polyline points of a sparkline: `values` spread over the width, the
 * lowest at the bottom and the highest at the top (a flat line in the middle
 * when all are equal); empty for fewer than two values.
 */
export function sparkPoints(values: readonly number[], width: number, height: number): string {
  if (values.length < 2) return '';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const y = (v: number) => (hi === lo ? height / 2 : height - ((v - lo) / (hi - lo)) * height);
  const step = width / (values.length - 1);
  return values.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
