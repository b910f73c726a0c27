import type { AuditEntry, AuditPage } from '../../contract/audit.ts';
import type { CsvOptions } from '../../contract/csv.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, type CsvStream } from '../export/csvFile.ts';
import { auditActions } from '../queries/audit/auditActions.ts';
import { auditCount } from '../queries/audit/auditCount.ts';
import { auditEntries } from '../queries/audit/auditEntries.ts';
import type { AuditFilterParams } from '../queries/audit/auditFilterSql.ts';

/** The Audit page's filters as the routes read them; days are UTC and inclusive. */
export interface AuditFilter {
  user?: string;
  action?: string;
  from?: string;
  to?: string;
}

const NEWEST = Number.MAX_SAFE_INTEGER;
const CSV_PAGE = 5000;
const CSV_COLUMNS = ['seq', 'at', 'actor', 'role', 'via', 'ip', 'action', 'target', 'outcome', 'detail', 'before', 'after'] as const;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function params(f: AuditFilter): AuditFilterParams {
  return {
    user: f.user ?? '',
    action: f.action ?? '',
    fromAt: `${f.from ?? '1970-01-01'} 00:00:00`,
    toAt: `${f.to ? nextDay(f.to) : '2200-01-01'} 00:00:00`,
  };
}

/** GET /api/audit: one page of the matching entries, newest first, their total, and the actions for the filter. */
export async function auditPage(db: Db, f: AuditFilter, page: { limit: number; offset: number }): Promise<AuditPage> {
  const p = params(f);
  const [total, entries, actions] = await Promise.all([auditCount(db, p), auditEntries(db, p, { before: NEWEST, ...page }), auditActions(db)]);
  return { total, entries, actions };
}

/** GET /api/audit.csv: every matching entry, newest first, read page by page as the download goes. */
export function auditCsv(db: Db, f: AuditFilter, o: CsvOptions): CsvStream {
  const columns = CSV_COLUMNS.map((key) => column<AuditEntry>(key, (e) => e[key]));
  return csvFile({ subject: `audit-${new Date().toISOString().slice(0, 10)}`, filters: { ...f }, columns, pages: pages(db, params(f)) }, o);
}

async function* pages(db: Db, p: AuditFilterParams): AsyncGenerator<AuditEntry[]> {
  for (let before = NEWEST; ; ) {
    const page: AuditEntry[] = await auditEntries(db, p, { before, limit: CSV_PAGE, offset: 0 });
    yield page;
    if (page.length < CSV_PAGE) return;
    before = (page[page.length - 1] as AuditEntry).seq;
  }
}
