// The server's {code, values} explanations worded in the page's language (pure, so both languages are unit-tested).
import type { ChartContext } from '../lib/charts/common.ts';
import type { RescueReason, ServerPlan } from '../../../contract/winback.ts';

export function rescueReasonText(r: RescueReason, currency: string, { t, fmt }: ChartContext): string {
  const v = r.values;
  const money = (k: string) => fmt.money(String(v[k] ?? '0'), currency);
  const text =
    r.code === 'let_go_no_value'
      ? t('winback.reason.let_go_no_value')
      : t(`winback.reason.${r.code}`, {
          p: fmt.percent(Number(v.pWinBack)),
          value: money('valueIfKept'),
          ret: money('expectedReturn'),
          tier: t(`winback.tier.${String(v.tier) as 'small' | 'medium' | 'large'}`),
          cost: money('cost'),
        });
  return v.pAliveScored === false && r.code !== 'let_go_no_value' ? `${text} (${t('winback.reason.unscored')})` : text;
}

export function planReasonText(r: ServerPlan['reason'], currency: string, { t, fmt }: ChartContext): string {
  const v = r.values;
  return t(`winback.plan.${r.code}`, {
    returning: fmt.decimal(Number(v.expectedReturning ?? 0)),
    population: fmt.int(Number(v.population ?? 0)),
    min: fmt.int(Number(v.minReturning ?? 0)),
    revenue: fmt.money(String(v.expectedRevenue ?? '0'), currency),
    cost: fmt.money(String(v.expectedCost ?? '0'), currency),
  });
}
