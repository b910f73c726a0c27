/**
 * One-line progress output for long work: redrawn in place on a terminal,
 * printed at most every few seconds (and at the end) otherwise, so logs stay readable.
 */
let lastPrint = 0;

export function progressLine(text: string, done?: number, total?: number): void {
  const pct = done !== undefined && total ? ` ${Math.floor((done / total) * 100)}%` : '';
  const bar = done !== undefined && total ? ` [${'#'.repeat(Math.round((done / total) * 20)).padEnd(20, '.')}]` : '';
  const finished = done !== undefined && done === total;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[2K${text}${bar}${pct}${finished ? '\n' : ''}`);
    return;
  }
  const now = Date.now();
  if (finished || now - lastPrint > 3000) {
    lastPrint = now;
    process.stderr.write(`${text}${pct}\n`);
  }
}
