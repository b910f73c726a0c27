import type { ReportRun } from '../../../contract/reports.ts';

/** A report run as stored (one row per run and language; the newest row of a run_id is its state): options and files as JSON text. */
export interface RunRow extends Omit<ReportRun, 'options' | 'files' | 'deliveries'> {
  options: string;
  files: string;
}

/** The SELECT list that reads a RunRow from report_runs. */
export const RUN_COLUMNS = `run_id AS runId, schedule_id AS scheduleId, schedule_version AS scheduleVersion,
  toString(window_from) AS windowFrom, toString(window_to) AS windowTo, lang, trigger, fired_at AS firedAt, options, state,
  started_at AS startedAt, finished_at AS finishedAt, error, output_dir AS outputDir, files`;
