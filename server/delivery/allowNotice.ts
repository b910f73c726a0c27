/**
 * What the start-up log says about DELIVERY_ALLOW: destinations configured or
 * saved earlier that the list now refuses (they are recorded as failed
 * deliveries, never called), and that the default is loopback only.
 */
import type { ReportSchedule } from '../../contract/reports.ts';
import type { Config } from '../config.ts';
import { shownUrl } from './shownUrl.ts';
import { recipientRefusal, urlRefusal } from './destination.ts';

export async function allowListNotices(cfg: Config, schedules: readonly ReportSchedule[]): Promise<string[]> {
  const outside: string[] = [];
  const url = async (what: string, u: string | undefined) => {
    if (u && (await urlRefusal(cfg.deliveryAllow, u))) outside.push(`${what} ${shownUrl(u)}`);
  };
  await url('OFFERS_WEBHOOK_URL', cfg.offers.webhookUrl);
  await url('SMTP_URL', cfg.smtp.url);
  for (const s of schedules.filter((x) => !x.archived)) {
    for (const w of s.webhooks) await url(`report schedule ${s.scheduleId} webhook`, w);
    for (const e of s.emails) if (recipientRefusal(cfg.deliveryAllow, e)) outside.push(`report schedule ${s.scheduleId} recipient ${e}`);
  }
  if (outside.length === 0) return [];
  const list = cfg.deliveryAllow.isDefault
    ? `DELIVERY_ALLOW is not set, so only loopback (${cfg.deliveryAllow.text}) is allowed`
    : `DELIVERY_ALLOW is "${cfg.deliveryAllow.text}"`;
  return [
    `delivery: ${list}; these destinations will be refused, never called: ${outside.join('; ')}. An admin adds their hosts, domains or address blocks to DELIVERY_ALLOW.`,
  ];
}
