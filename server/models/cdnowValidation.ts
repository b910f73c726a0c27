/**
 * The CDNOW reproduction (../shared/data/cdnow/README.md) end to end: the
 * sample's purchases loaded through the real ingester, the weekly
 * calibration summaries computed in SQL (calibration ends 1997-09-30), the
 * BG/NBD and Gamma-Gamma fits, and the published estimates beside them.
 * Shared by `npm run validate:cdnow` and its integration test.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.ts';
import type { Ingester } from '../ingest/ingestRun.ts';
import { bgnbdStats, gammaGammaStats } from '../queries/models/sufficientStats.ts';
import { toModelUnit } from './units.ts';
import { fitBgNbd, type BgNbdFit } from './bgnbd.ts';
import { cdnowPayments } from './cdnowPayments.ts';
import { fitGammaGamma, type GammaGammaFit } from './gammaGamma.ts';

export const CDNOW_CALIBRATION_END = '1997-09-30';

/** Fader, Hardie & Lee 2005 (Marketing Science 24(2); Journal of Marketing Research 42(4)). */
export const CDNOW_PUBLISHED = [
  { model: 'BG/NBD', name: 'r', value: 0.243 },
  { model: 'BG/NBD', name: 'alpha', value: 4.414 },
  { model: 'BG/NBD', name: 'a', value: 0.793 },
  { model: 'BG/NBD', name: 'b', value: 2.426 },
  { model: 'BG/NBD', name: 'log-likelihood', value: -9582.4 },
  { model: 'Gamma-Gamma', name: 'p', value: 6.25 },
  { model: 'Gamma-Gamma', name: 'q', value: 3.74 },
  { model: 'Gamma-Gamma', name: 'gamma', value: 15.44 },
] as const;

export interface CdnowComparison {
  model: string;
  name: string;
  published: number;
  fitted: number | null;
  /** Both round to the same three significant figures. */
  matches: boolean;
}

export interface CdnowFits {
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  /** Distinct (x, t_x, T) rows the BG/NBD fit read. */
  triples: number;
  seconds: { stats: number; fit: number };
}

/** Writes the sample's purchases as a payments file of the input contract into `dir` and ingests it; returns the rows loaded. */
export async function ingestCdnowSample(ingester: Ingester, sampleText: string, dir: string): Promise<number> {
  const file = path.join(dir, 'payments_cdnow_sample.ndjson');
  writeFileSync(
    file,
    `${cdnowPayments(sampleText)
      .map((p) => JSON.stringify(p))
      .join('\n')}\n`,
  );
  const run = await ingester.run({ paths: [file], source: 'cli' });
  const f = run.files[0];
  if (f?.state !== 'done' || f.rowsQuarantined > 0) throw new Error(`the CDNOW sample did not load cleanly: ${JSON.stringify(f)}`);
  return f.rowsLoaded;
}

/** The weekly summaries in SQL, then both fits. */
export async function fitCdnow(db: Db): Promise<CdnowFits> {
  const t0 = performance.now();
  const [days, spend] = await Promise.all([
    bgnbdStats(db, { kind: 'monetary', calibrationEnd: CDNOW_CALIBRATION_END }),
    gammaGammaStats(db, { calibrationEnd: CDNOW_CALIBRATION_END }),
  ]);
  const t1 = performance.now();
  const bgnbd = fitBgNbd(toModelUnit(days, 'week'));
  const gammaGamma = fitGammaGamma(spend);
  return { bgnbd, gammaGamma, triples: days.length, seconds: { stats: (t1 - t0) / 1000, fit: (performance.now() - t1) / 1000 } };
}

const threeFigures = (v: number) => Number(v.toPrecision(3));

export function compareWithPublished(fits: CdnowFits): CdnowComparison[] {
  const fitted: Record<string, number | null> = {};
  if (fits.bgnbd.status !== 'too_few_players') Object.assign(fitted, fits.bgnbd.params, { 'log-likelihood': fits.bgnbd.logLikelihood });
  if (fits.gammaGamma.status !== 'too_few_players') Object.assign(fitted, fits.gammaGamma.params);
  return CDNOW_PUBLISHED.map(({ model, name, value }) => {
    const v = fitted[name] ?? null;
    return { model, name, published: value, fitted: v, matches: v !== null && threeFigures(v) === threeFigures(value) };
  });
}
