import type { RetentionCohort } from '../../contract/retention.ts';
import type { Db } from '../db/client.ts';
import { csvLine } from '../csv.ts';
import { MAX_N, retentionMatrix, type CohortRequest, type RetentionQuery } from './retention.ts';

/**
 * The retention matrix as CSV: one row per cohort with its size, the filters
 * it was cut by (so rows pasted together from several exports stay apart) and
 * the share retained in each period as a percentage; empty for periods not
 * reached yet. The last column names the period still in progress (partial
 * counts), if any. Filter values are text from the game's logs: csvLine defuses
 * any that a spreadsheet would run as a formula.
 */
export function retentionCsv(q: Pick<RetentionQuery, 'grain' | 'server' | 'platform' | 'channel'> | null, rows: readonly RetentionCohort[]): string {
  const grain = q?.grain ?? 'day';
  const prefix = grain === 'day' ? 'D' : 'W';
  const lines = [
    csvLine(['cohort', 'size', 'server', 'platform', 'channel', ...Array.from({ length: MAX_N[grain] + 1 }, (_, n) => `${prefix}${n}`), 'partial_period']),
    ...rows.map((c) =>
      csvLine([
        c.cohort,
        c.size,
        q?.server,
        q?.platform,
        q?.channel,
        ...c.rates.map((v) => (v === null ? null : (v * 100).toFixed(2))),
        c.partialPeriod === null ? null : `${prefix}${c.partialPeriod}`,
      ]),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** GET /api/retention.csv: the file name says what the matrix was cut by. */
export async function retentionCsvFile(db: Db, req: CohortRequest | null): Promise<{ name: string; csv: string }> {
  if (!req) return { name: 'retention.csv', csv: retentionCsv(null, []) };
  const { q } = req;
  return { name: `retention_${q.grain}_${q.mode}_${q.from}_${q.to}.csv`, csv: retentionCsv(q, await retentionMatrix(db, q, req.lastDay, req.completeThrough)) };
}
