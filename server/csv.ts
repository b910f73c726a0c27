/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) gets a leading apostrophe; plain
 * numbers, negative ones included, stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  const numeric = /^-?\d+(\.\d+)?$/.test(s);
  const safe = !numeric && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(',');
