import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { atRiskSection, dataHealthSection, declineMoversSection, previousWindow, retentionSection, stageMixSection } from './content.ts';
import { headlineSection } from './contentHeadline.ts';
import { offersSection } from './contentOffers.ts';
import { renderHtml } from './render.ts';
import { reportCsvFiles } from './renderCsv.ts';
import { MAX_TOP_N, REPORT_LANGS, REPORT_SECTIONS, type ReportFiles, type ReportOptions, type ReportSummary, type ReportWindow } from './types.ts';
import { DomainError } from '../domainError.ts';

export type { ReportFiles, ReportOptions, ReportWindow } from './types.ts';
export { MAX_TOP_N, REPORT_SECTIONS } from './types.ts';

/** A window or options a report cannot be built for; the message says which and why. */
export class ReportInputError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: unknown): d is string => typeof d === 'string' && DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

function checkInput(window: ReportWindow, options: ReportOptions): void {
  if (!isDay(window?.from) || !isDay(window?.to)) throw new ReportInputError('the report window needs from and to as dates YYYY-MM-DD');
  if (window.from > window.to) throw new ReportInputError(`the report window starts (${window.from}) after it ends (${window.to})`);
  if (!REPORT_LANGS.includes(options?.lang)) throw new ReportInputError(`lang must be one of ${REPORT_LANGS.join(', ')}`);
  if (!Number.isInteger(options.topN) || options.topN < 1 || options.topN > MAX_TOP_N)
    throw new ReportInputError(`topN must be a whole number from 1 to ${MAX_TOP_N}`);
  const unknown = (options.sections ?? []).filter((s) => !REPORT_SECTIONS.includes(s));
  if (!Array.isArray(options.sections) || unknown.length)
    throw new ReportInputError(`unknown report sections: ${unknown.join(', ')} (known: ${REPORT_SECTIONS.join(', ')})`);
}

/**
 * Builds one churn report: its content is a function of the data, the window
 * and the options only (no clock, stable orders, fixed formatting), so
 * building the same window twice gives the same bytes.
 */
export async function buildReport(db: Db, cfg: Config, window: ReportWindow, options: ReportOptions): Promise<ReportFiles> {
  checkInput(window, options);
  const w = { from: window.from, to: window.to };
  const previous = previousWindow(w);
  const sections = REPORT_SECTIONS.filter((s) => options.sections.includes(s));
  const want = (s: (typeof sections)[number]) => sections.includes(s);
  // The opening summary draws on the stage mix and the offers, so they are computed whatever the sections.
  const [stageMix, declineMovers, atRisk, retention, offers, dataHealth] = await Promise.all([
    stageMixSection(db, w, previous),
    want('decline_movers') ? declineMoversSection(db, w, previous, options.topN) : undefined,
    want('at_risk') ? atRiskSection(db, w, options.topN) : undefined,
    want('retention') ? retentionSection(db, cfg, w, previous) : undefined,
    offersSection(db, cfg, w),
    want('data_health') ? dataHealthSection(db, cfg, w) : undefined,
  ]);
  const summary: ReportSummary = {
    window: w,
    previous,
    lang: options.lang,
    currency: cfg.baseCurrency,
    topN: options.topN,
    sections,
    dashboardUrl: cfg.dashboardUrl,
    headline: await headlineSection(db, w, stageMix, offers),
    ...(want('stage_mix') && { stageMix }),
    ...(declineMovers && { declineMovers }),
    ...(atRisk && { atRisk }),
    ...(retention && { retention }),
    ...(want('offers') && { offers }),
    ...(dataHealth && { dataHealth }),
  };
  return { html: renderHtml(summary, cfg.gameTz), csv: reportCsvFiles(summary), summary };
}
