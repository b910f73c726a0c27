import { CSV_COLUMNS, CSV_COMMENT, type CsvColumnKey, type CsvOptions } from '../../contract/csv.ts';
import type { ReportLang } from '../../contract/enums.ts';
import { csvLine } from '../csv.ts';

/**
 * The one way a list leaves as CSV. Every export names its columns by key
 * (headers come from contract/csv.ts in the user's language, or the keys with
 * ?header=keys), writes the filters it was cut by into its file name and a
 * first comment line, defuses formula-like text (csvCell) and reads its rows
 * page by page as the download goes, so a 1M-row list never sits in memory.
 */

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  key: string;
  label: Record<ReportLang, string>;
  cell: (row: T) => CsvValue;
}

/** A column whose header is in the shared table. */
export const column = <T>(key: CsvColumnKey, cell: (row: T) => CsvValue): CsvColumn<T> => ({ key, label: CSV_COLUMNS[key], cell });

export type CsvFilters = Record<string, string | number | boolean | null | undefined>;

export interface CsvExport<T> {
  /** What the file holds, first in its name: e.g. `value-top_spenders`. */
  subject: string;
  /** The filters the list was cut by; empty ones are left out. */
  filters: CsvFilters;
  columns: readonly CsvColumn<T>[];
  /** The rows, a page at a time, read only as the download consumes them (an empty list before any data). */
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>;
}

/** A CSV download: its file name and its CRLF-ended lines in chunks read as they are consumed. */
export interface CsvStream {
  name: string;
  chunks: AsyncIterable<string>;
}

const shown = (filters: CsvFilters) =>
  Object.entries(filters).filter((e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== '');

/** Letters, digits, dot, dash and underscore only: a filter value from the logs (应用宝, a/b) must not break the file name. */
const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_');

export function csvFileName(subject: string, filters: CsvFilters): string {
  return `${[subject, ...shown(filters).map(([k, v]) => `${k}-${v}`)].map(safeName).join('_')}.csv`;
}

/** `# Filters: asOf=2026-04-30; server=s1`, as one cell so a comma in a value stays inside it. */
export function csvCommentLine(filters: CsvFilters, lang: ReportLang): string {
  const pairs = shown(filters).map(([k, v]) => `${k}=${v}`);
  return csvLine([`# ${CSV_COMMENT.filters[lang]}: ${pairs.length ? pairs.join('; ') : CSV_COMMENT.none[lang]}`]);
}

/**
 * The file: a byte-order mark (spreadsheets then read the UTF-8 Chinese
 * headers and names right), the comment line, the header and the rows.
 */
export function csvFile<T>(x: CsvExport<T>, o: CsvOptions): CsvStream {
  return { name: csvFileName(x.subject, x.filters), chunks: lines(x, o) };
}

async function* lines<T>(x: CsvExport<T>, o: CsvOptions): AsyncGenerator<string> {
  const header = x.columns.map((c) => (o.header === 'keys' ? c.key : c.label[o.lang]));
  yield `\uFEFF${csvCommentLine(x.filters, o.lang)}\r\n${csvLine(header)}\r\n`;
  for await (const page of x.pages) {
    if (page.length) yield `${page.map((row) => csvLine(x.columns.map((c) => c.cell(row)))).join('\r\n')}\r\n`;
  }
}

/** Pages of a list read by limit and offset until one comes back short. */
export async function* offsetPages<T>(read: (limit: number, offset: number) => Promise<readonly T[]>, size = 5000): AsyncGenerator<readonly T[]> {
  for (let offset = 0; ; offset += size) {
    const page = await read(size, offset);
    yield page;
    if (page.length < size) return;
  }
}
