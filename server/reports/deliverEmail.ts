/** Report e-mail through nodemailer, retried with backoff like webhooks, every attempt recorded in `deliveries`. */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { recipientRefusal, urlRefusal } from '../delivery/destination.ts';
import { recordAttempts, type DeliveryAttempt } from '../queries/delivery/recordAttempts.ts';

export interface Mail {
  subject: string;
  subjectId: string;
  to: string;
  title: string;
  html: string;
  attachments: { filename: string; content: string; contentType: string }[];
}

export interface MailOutcome {
  deliveryId: string;
  ok: boolean;
  attempts: DeliveryAttempt[];
}

/** The SMTP server first (where the connection goes), then the recipient's domain. */
async function mailRefusal(cfg: Config, smtpUrl: string, to: string): Promise<string | undefined> {
  const server = await urlRefusal(cfg.deliveryAllow, smtpUrl);
  return server ? `${server} (the SMTP server)` : recipientRefusal(cfg.deliveryAllow, to);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SMTP 5xx answers are permanent (bad address, refused): retrying will not help. */
const permanent = (code: number) => code >= 500 && code < 600;

/**
 * Sends one message to one recipient (so a bad address fails alone). Without
 * SMTP_URL, or when the SMTP server or the recipient's domain is outside
 * DELIVERY_ALLOW, nothing is sent (no connection is made) and one failed
 * attempt says why. Never throws.
 */
export async function sendMail(db: Db, cfg: Config, mail: Mail): Promise<MailOutcome> {
  const deliveryId = randomUUID();
  const attempts: DeliveryAttempt[] = [];
  const base = { deliveryId, subject: mail.subject, subjectId: mail.subjectId, channel: 'email' as const, target: mail.to };
  const refused = !cfg.smtp.url ? 'SMTP_URL is not set: e-mail is off' : await mailRefusal(cfg, cfg.smtp.url, mail.to);
  if (refused) {
    attempts.push({ ...base, attempt: 1, startedAt: new Date(), durationMs: 0, status: 'failed', httpStatus: 0, error: refused });
  } else if (cfg.smtp.url) {
    const transport = nodemailer.createTransport({
      url: cfg.smtp.url,
      connectionTimeout: cfg.webhook.timeoutMs,
      greetingTimeout: cfg.webhook.timeoutMs,
      socketTimeout: cfg.webhook.timeoutMs,
    });
    try {
      for (let n = 1; n <= cfg.webhook.attempts; n++) {
        const startedAt = new Date();
        let code = 0;
        let error = '';
        try {
          await transport.sendMail({ from: cfg.smtp.from, to: mail.to, subject: mail.title, html: mail.html, attachments: mail.attachments });
        } catch (err) {
          const e = err as Error & { responseCode?: number; response?: string; code?: string };
          code = e.responseCode ?? 0;
          error = (e.response ?? `${e.code ? `${e.code}: ` : ''}${e.message}`).slice(0, 300);
        }
        attempts.push({
          ...base,
          attempt: n,
          startedAt,
          durationMs: Date.now() - startedAt.getTime(),
          status: error ? 'failed' : 'ok',
          httpStatus: code,
          error,
        });
        if (!error || permanent(code) || n === cfg.webhook.attempts) break;
        await sleep(cfg.webhook.retryBaseMs * 2 ** (n - 1));
      }
    } finally {
      transport.close();
    }
  }
  await recordAttempts(db, attempts);
  return { deliveryId, ok: attempts.at(-1)?.status === 'ok', attempts };
}
