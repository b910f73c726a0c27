import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithPublished, fitCdnow, ingestCdnowSample, type CdnowFits } from '../../server/models/cdnowValidation.ts';
import { freshEngine, type TestEngine } from '../helpers/engine.ts';

/**
 * What `npm run validate:cdnow` checks, as a test: the CDNOW sample through
 * the ingester, the summaries in SQL, and the BG/NBD and Gamma-Gamma fits
 * equal to the published estimates at three significant figures.
 */
const SAMPLE = fileURLToPath(new URL('../../../shared/data/cdnow/CDNOW_sample.txt', import.meta.url));
const haveCdnow = existsSync(SAMPLE);
if (!haveCdnow && process.env.CI === 'true') throw new Error(`CI must check the models against CDNOW, but ${SAMPLE} is missing`);
if (!haveCdnow) console.warn(`skipping the CDNOW fit test: ${SAMPLE} is missing (the shared data folder beside the repository)`);

let engine: TestEngine;
let fits: CdnowFits;
beforeAll(async () => {
  if (!haveCdnow) return;
  engine = await freshEngine();
  expect(await ingestCdnowSample(engine.ingester, readFileSync(SAMPLE, 'utf8'), engine.dir)).toBe(6919);
  fits = await fitCdnow(engine.db);
});
afterAll(() => engine?.cleanup());

describe.skipIf(!haveCdnow)('CDNOW from the ingested sample', () => {
  it('fits every customer and the 946 repeat buyers', () => {
    expect([fits.bgnbd.status, fits.bgnbd.players]).toEqual(['ok', 2357]);
    expect([fits.gammaGamma.status, fits.gammaGamma.players]).toEqual(['ok', 946]);
  });

  it('reproduces the published BG/NBD and Gamma-Gamma estimates to three significant figures', () => {
    const rows = compareWithPublished(fits);
    expect(rows.map((r) => r.name)).toEqual(['r', 'alpha', 'a', 'b', 'log-likelihood', 'p', 'q', 'gamma']);
    for (const r of rows) expect(Number(r.fitted?.toPrecision(3)), `${r.model} ${r.name}`).toBe(Number(r.published.toPrecision(3)));
    expect(rows.every((r) => r.matches)).toBe(true);
  });
});
