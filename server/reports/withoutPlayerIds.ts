/**
 * The copy of a report that leaves the building when its schedule does not
 * ask for player ids: player lists emptied (their counts, sums and "came
 * from" breakdown stay), the page re-rendered with a line saying the ids are
 * in the dashboard, and the CSV files that list players left out. The stored
 * files keep the ids for signed-in analysts.
 */
import { renderHtml } from './render.ts';
import { PLAYER_ID_FILES } from './renderCsv.ts';
import type { ReportFiles, ReportSummary } from './types.ts';

export function withoutPlayerIds(files: ReportFiles, opts: { dashboardUrl: string; timeZone: string }): ReportFiles {
  const s = files.summary;
  const summary: ReportSummary = {
    ...s,
    ...(s.declineMovers && { declineMovers: { ...s.declineMovers, top: [] } }),
    ...(s.atRisk && { atRisk: { ...s.atRisk, top: [] } }),
    playerIdsLeftOut: { dashboardUrl: opts.dashboardUrl },
  };
  return { html: renderHtml(summary, opts.timeZone), csv: files.csv.filter((c) => !PLAYER_ID_FILES.has(c.name)), summary };
}
