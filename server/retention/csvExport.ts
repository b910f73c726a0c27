import type { RetentionCohort } from '../../contract/retention.ts';
import type { Db } from '../db/client.ts';
import { csvLine } from '../csv.ts';
import { column, csvFile, type CsvColumn, type CsvStream } from '../export/csvFile.ts';
import type { CsvOptions } from '../../contract/csv.ts';
import { MAX_N, retentionMatrix, type CohortRequest, type RetentionQuery } from './retention.ts';

/**
 * The retention matrix as CSV: one row per cohort with its size, the filters
 * it was cut by (so rows pasted together from several exports stay apart) and
 * the share retained in each period as a percentage; empty for periods not
 * reached yet. The last column names the period still in progress (partial
 * counts), if any. Filter values are text from the game's logs: csvLine defuses
 * any that a spreadsheet would run as a formula.
 */
export function retentionColumns(q: Pick<RetentionQuery, 'grain' | 'server' | 'platform' | 'channel'> | null): CsvColumn<RetentionCohort>[] {
  const grain = q?.grain ?? 'day';
  const prefix = grain === 'day' ? 'D' : 'W';
  const unit = grain === 'day' ? '天' : '周';
  const period = (n: number): CsvColumn<RetentionCohort> => ({
    key: `${prefix}${n}`,
    label: { en: `${prefix}${n}`, zh: `第${n}${unit}` },
    cell: (c) => {
      const v = c.rates[n];
      return v === null || v === undefined ? null : (v * 100).toFixed(2);
    },
  });
  return [
    column('cohort', (c) => c.cohort),
    column('size', (c) => c.size),
    column('server_id', () => q?.server),
    column('platform', () => q?.platform),
    column('channel', () => q?.channel),
    ...Array.from({ length: MAX_N[grain] + 1 }, (_, n) => period(n)),
    column('partial_period', (c) => (c.partialPeriod === null ? null : `${prefix}${c.partialPeriod}`)),
  ];
}

/** The matrix as a report attachment: machine headers, for the report's own files. */
export function retentionCsv(q: Pick<RetentionQuery, 'grain' | 'server' | 'platform' | 'channel'> | null, rows: readonly RetentionCohort[]): string {
  const columns = retentionColumns(q);
  const lines = [csvLine(columns.map((c) => c.key)), ...rows.map((r) => csvLine(columns.map((c) => c.cell(r))))];
  return `${lines.join('\r\n')}\r\n`;
}

/** GET /api/retention.csv: the file name and comment line say what the matrix was cut by. */
export function retentionCsvFile(db: Db, req: CohortRequest | null, o: CsvOptions): CsvStream {
  const q = req?.q ?? null;
  const filters = q ? { grain: q.grain, mode: q.mode, from: q.from, to: q.to, server: q.server, platform: q.platform, channel: q.channel } : {};
  async function* pages() {
    if (req) yield await retentionMatrix(db, req.q, req.lastDay, req.completeThrough);
  }
  return csvFile({ subject: 'retention', filters, columns: retentionColumns(q), pages: pages() }, o);
}
