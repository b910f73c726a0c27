/** Delivering a finished report: the JSON summary with links by webhook, the HTML page and CSV files by e-mail. */
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { postWebhook } from '../delivery/webhook.ts';
import { sendMail } from './deliverEmail.ts';
import { formatDay } from './messages.ts';
import type { DeliveryChannel } from '../../contract/delivery.ts';
import { localWord } from '../../contract/texts.ts';
import type { ReportLang } from '../../contract/enums.ts';
import type { ReportSchedule, ReportWindow } from '../../contract/reports.ts';
import type { ReportFiles } from './types.ts';
import { withoutPlayerIds } from './withoutPlayerIds.ts';

export interface DeliveryOutcome {
  channel: DeliveryChannel;
  target: string;
  ok: boolean;
}

export interface ReportLinks {
  html: string;
  summary: string;
  archive: string;
  files: { name: string; url: string }[];
}

/** Links to a run's stored files and to the archive page, from PUBLIC_URL. */
export function reportLinks(cfg: Config, runId: string, files: ReportFiles): ReportLinks {
  const file = (name: string) => `${cfg.publicUrl}/api/reports/runs/${encodeURIComponent(runId)}/${encodeURIComponent(name)}`;
  return {
    html: file('report.html'),
    summary: file('summary.json'),
    archive: `${cfg.publicUrl}/?page=reports`,
    files: ['report.html', ...files.csv.map((c) => c.name), 'summary.json'].map((name) => ({ name, url: file(name) })),
  };
}

const TITLE: Record<ReportLang, (name: string, w: ReportWindow) => string> = {
  en: (name, w) => `${name}: ${formatDay('en', w.from)} to ${formatDay('en', w.to)}`,
  zh: (name, w) => `${name}：${formatDay('zh', w.from)} 至 ${formatDay('zh', w.to)}`,
};

/** The e-mail subject line, in the report's language. */
export const mailTitle = (lang: ReportLang, name: string, w: ReportWindow) => TITLE[lang](name, w);

export interface DeliverRequest {
  runId: string;
  schedule: ReportSchedule;
  window: ReportWindow;
  lang: ReportLang;
  files: ReportFiles;
}

/**
 * Sends to every webhook and address of the schedule, one after another;
 * failures are recorded, not thrown. Player ids go out only when the schedule
 * says so (includePlayerIds); every destination is checked against
 * DELIVERY_ALLOW by the sender, before it connects.
 */
export async function deliverReport(db: Db, cfg: Config, req: DeliverRequest): Promise<DeliveryOutcome[]> {
  const { runId, schedule, window, lang } = req;
  const links = reportLinks(cfg, runId, req.files);
  const files = schedule.includePlayerIds ? req.files : withoutPlayerIds(req.files, { dashboardUrl: links.archive, timeZone: cfg.gameTz });
  const out: DeliveryOutcome[] = [];
  const payload = {
    event: 'report',
    runId,
    scheduleId: schedule.scheduleId,
    schedule: schedule.name,
    window,
    lang,
    links,
    summary: files.summary,
  };
  for (const url of schedule.webhooks) {
    const r = await postWebhook(db, cfg, { subject: 'report', subjectId: runId, url, payload });
    out.push({ channel: 'webhook', target: url, ok: r.ok });
  }
  for (const to of schedule.emails) {
    const r = await sendMail(db, cfg, {
      subject: 'report',
      subjectId: runId,
      to,
      title: mailTitle(lang, localWord(schedule, 'name', lang), window),
      html: files.html,
      attachments: files.csv.map((c) => ({ filename: c.name, content: c.content, contentType: 'text/csv; charset=utf-8' })),
    });
    out.push({ channel: 'email', target: to, ok: r.ok });
  }
  return out;
}
