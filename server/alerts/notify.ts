/**
 * Telling the recipients of a new alert, through the product's senders:
 * the webhook gets the alert as codes and values (a receiver words it), the
 * e-mail the alert worded in the chosen language. Each sender checks its
 * destination against DELIVERY_ALLOW and records every attempt in
 * `deliveries` (subject 'alert', the alert id); failures are recorded, not thrown.
 */
import type { Alert, AlertNotify } from '../../contract/alerts.ts';
import type { DeliveryChannel } from '../../contract/delivery.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { postWebhook } from '../delivery/webhook.ts';
import { sendMail } from '../reports/deliverEmail.ts';
import { alertMail } from './mailText.ts';

export interface AlertDelivery {
  alertId: string;
  channel: DeliveryChannel;
  target: string;
  ok: boolean;
}

export async function notifyAlert(db: Db, cfg: Config, notify: AlertNotify, alert: Alert): Promise<AlertDelivery[]> {
  const url = `${cfg.publicUrl}/?page=health`;
  const out: AlertDelivery[] = [];
  for (const target of notify.webhooks) {
    const payload = { event: 'alert', alert, baseCurrency: cfg.baseCurrency, gameTz: cfg.gameTz, links: { dashboard: url } };
    const r = await postWebhook(db, cfg, { subject: 'alert', subjectId: alert.alertId, url: target, payload });
    out.push({ alertId: alert.alertId, channel: 'webhook', target, ok: r.ok });
  }
  if (notify.emails.length === 0) return out;
  const { title, html } = alertMail(notify.lang, alert, { url, currency: cfg.baseCurrency });
  for (const to of notify.emails) {
    const r = await sendMail(db, cfg, { subject: 'alert', subjectId: alert.alertId, to, title, html, attachments: [] });
    out.push({ alertId: alert.alertId, channel: 'email', target: to, ok: r.ok });
  }
  return out;
}
