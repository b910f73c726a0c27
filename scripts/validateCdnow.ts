/**
 * npm run validate:cdnow
 * Reproduces the published CDNOW results through the product's own path: the
 * sample (../shared/data/cdnow/CDNOW_sample.txt) ingested into a temporary
 * embedded engine, the calibration summaries computed in SQL, the BG/NBD and
 * Gamma-Gamma fits. Prints published and fitted values side by side and exits
 * non-zero when any differs at three significant figures.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/config.ts';
import { openReadyDb } from '../server/db/open.ts';
import { Ingester } from '../server/ingest/ingestRun.ts';
import { ingestSettings } from '../server/ingestDefaults.ts';
import { CDNOW_CALIBRATION_END, compareWithPublished, fitCdnow, ingestCdnowSample } from '../server/models/cdnowValidation.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/cdnow/CDNOW_sample.txt');

async function main(): Promise<number> {
  if (!existsSync(SAMPLE)) {
    console.error(
      `error: ${SAMPLE} is missing. The CDNOW data lives in the shared folder beside the repository (../shared/data/cdnow); put it there and run again.`,
    );
    return 2;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-cdnow-'));
  const cfg = loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off' } as NodeJS.ProcessEnv, dir);
  const db = await openReadyDb(cfg);
  try {
    console.log(`temporary embedded engine at ${db.dataPath}`);
    const loaded = await ingestCdnowSample(new Ingester(db, ingestSettings(cfg)), readFileSync(SAMPLE, 'utf8'), dir);
    console.log(`ingested ${loaded.toLocaleString('en')} CDNOW purchases; calibration ends ${CDNOW_CALIBRATION_END}, time unit = week`);
    const fits = await fitCdnow(db);
    console.log(
      `BG/NBD: ${fits.bgnbd.players.toLocaleString('en')} customers in ${fits.triples} distinct (x, t_x, T); ` +
        `Gamma-Gamma: ${fits.gammaGamma.players} repeat buyers; statistics ${fits.seconds.stats.toFixed(2)} s, fits ${fits.seconds.fit.toFixed(2)} s\n`,
    );
    const rows = compareWithPublished(fits);
    console.log(`${'model'.padEnd(12)}${'parameter'.padEnd(16)}${'published'.padStart(12)}${'fitted'.padStart(14)}  3 s.f.`);
    for (const r of rows) {
      const fitted = r.fitted === null ? 'none' : r.fitted.toFixed(r.name === 'log-likelihood' ? 1 : 4);
      console.log(`${r.model.padEnd(12)}${r.name.padEnd(16)}${String(r.published).padStart(12)}${fitted.padStart(14)}  ${r.matches ? 'match' : 'DIFFERS'}`);
    }
    const bad = rows.filter((r) => !r.matches);
    console.log(
      bad.length === 0 ? '\nall published values reproduced to three significant figures' : `\n${bad.length} value(s) differ from the published results`,
    );
    return bad.length === 0 ? 0 : 1;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${(err as Error)?.stack ?? String(err)}`);
    process.exit(1);
  },
);
