import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { ReportFiles, ReportOptions, ReportWindow } from './types.ts';

export type { ReportFiles, ReportOptions, ReportWindow } from './types.ts';
export { REPORT_SECTIONS } from './types.ts';

/**
 * Builds one churn report: its content is a function of the data, the window
 * and the options only, so building the same window twice gives the same bytes.
 */
export async function buildReport(db: Db, cfg: Config, window: ReportWindow, options: ReportOptions): Promise<ReportFiles> {
  void db; void cfg; void window; void options;
  throw new Error('buildReport: content not built yet');
}
