import { expect } from 'vitest';

/**
 * A downloaded CSV split as the export helper writes it: (a byte-order mark,) the
 * "# Filters: ..." comment line, the header, then the rows (CRLF-ended lines).
 * Fails when the frame is not there.
 */
export function csvParts(text: string): { comment: string; header: string; rows: string[] } {
  expect(text.endsWith('\r\n'), 'a CSV ends with CRLF').toBe(true);
  // fetch's text() drops the byte-order mark; the export helper's unit test checks that it is sent.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const [comment, header, ...rows] = body.slice(0, -2).split('\r\n');
  expect(comment).toMatch(/^"?# /);
  return { comment, header, rows };
}
