import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BgNbdRow } from '../../server/models/bgnbd.ts';
import type { GammaGammaRow } from '../../server/models/gammaGamma.ts';

/**
 * The CDNOW sample's published per-customer summary (x, t_x, T in weeks, mean
 * spend zbar) as the fits take it: BG/NBD rows grouped on equal (x, t_x, T),
 * and one Gamma-Gamma row per repeat buyer. Read by the model tests and the
 * model benchmark.
 */
export function readCdnowSummary(cdnowDir: string): { bgnbd: BgNbdRow[]; spend: GammaGammaRow[] } {
  const lines = readFileSync(path.join(cdnowDir, 'cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split('\n');
  if (lines[0].trim() !== 'ID,x,t_x,T,zbar') throw new Error(`unexpected CDNOW summary header: ${lines[0]}`);
  const triples = new Map<string, BgNbdRow>();
  const spend: GammaGammaRow[] = [];
  for (const line of lines.slice(1)) {
    const [, x, t_x, T, zbar] = line.split(',').map(Number);
    const key = `${x}|${t_x}|${T}`;
    const row = triples.get(key);
    if (row) row.n++;
    else triples.set(key, { x, t_x, T, n: 1 });
    if (x > 0) spend.push({ x, zbar, n: 1 });
  }
  return { bgnbd: [...triples.values()], spend };
}
