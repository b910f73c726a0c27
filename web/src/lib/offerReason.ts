// Words a proposal's reason ({code, values} from the server) in the chosen language. Pure.
import type { Formatter } from './format.ts';
import type { MessageKey, Translator } from './i18n.ts';
import type { Reason } from '../../../contract/offers.ts';

const list = (raw: string | number | undefined, prefix: string, t: Translator, sep: string) =>
  String(raw ?? '')
    .split(',')
    .filter(Boolean)
    .map((v) => t(`${prefix}${v}` as MessageKey))
    .join(sep);

const range = (min: string | number | undefined, max: string | number | undefined) => ({ min: min ?? 0, max: max ?? '∞' });

/** "812 Whale/Dolphin players in Decline (Leaving/Lapsed), idle 7–30 days carry $48,200.00 of expected value; …" */
export function reasonText(reason: Reason, t: Translator, fmt: Formatter, currency: string): string {
  const v = reason.values;
  if (reason.code === 'empty') return t('offers.reason.empty');
  const sep = '/';
  const tiers = list(v.tiers, 'tier.', t, sep);
  const statuses = list(v.statuses, 'offers.status.', t, sep);
  const who = t('offers.who', {
    count: fmt.int(Number(v.members)),
    stages: list(v.stages, 'stage.', t, sep),
    tiers: tiers ? t('offers.who.tiers', { tiers }) : '',
    statuses: statuses ? t('offers.who.statuses', { statuses }) : '',
    idle: v.minIdle !== undefined || v.maxIdle !== undefined ? t('offers.who.idle', range(v.minIdle, v.maxIdle)) : '',
    level: v.minLevel !== undefined || v.maxLevel !== undefined ? t('offers.who.level', range(v.minLevel, v.maxLevel)) : '',
  });
  const money = (k: string) => fmt.money(String(v[k] ?? '0'), currency);
  const chance =
    v.source === 'measured'
      ? t('offers.reason.chance.measured', { rate: fmt.percent(Number(v.uplift)), kept: money('kept') })
      : t('offers.reason.chance.assumed', { rate: fmt.percent(Number(v.uplift)), churn: fmt.percent(Number(v.churn ?? 0)), atRisk: money('atRisk') });
  return t(`offers.reason.${reason.code}`, { who, chance, retained: money('retained'), cost: money('cost') });
}
