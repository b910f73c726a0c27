/**
 * npm run models -- fit [--as-of YYYY-MM-DD] [--unit day|week]
 * Fits the lifetime models (engagement and monetary BG/NBD, Gamma-Gamma) on
 * the data up to the as-of day (default: the last complete day with data)
 * and rescores every player. Goes through the dashboard server when it is
 * running (it owns the embedded engine), otherwise opens the engine itself.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { MODEL_UNITS, type FitAnswer, type FitRequest, type ModelUnit } from '../contract/models.ts';
import { ModelsBusyError, ModelsInputError, refreshModels } from '../server/models/refresh.ts';
import { audit, cliWho } from '../server/audit/audit.ts';
import { fitFacts } from '../server/audit/facts.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const USAGE = 'usage: npm run models -- fit [--as-of YYYY-MM-DD] [--unit day|week]';

async function viaServer(cfg: Config, req: FitRequest): Promise<FitAnswer | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it to fit (no progress is shown until it finishes)`);
  const res = await serverFetch(cfg, `/api/models/fit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body = (await res.json()) as FitAnswer & { error?: string };
  if (!res.ok) throw new ConfigError(`server refused: ${body.error ?? res.status}`);
  return body;
}

async function direct(cfg: Config, req: FitRequest): Promise<FitAnswer> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  try {
    const result = await refreshModels({ db, cfg }, { ...req, onStep: (m) => console.log(`  ${m}`) });
    await audit(db, cliWho(), { action: 'models.fit', detail: fitFacts(result) });
    return result;
  } finally {
    await db.close();
  }
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(4));

function printSummary(result: FitAnswer): void {
  if (!result.asOf) {
    console.log('no data yet: nothing to fit');
    return;
  }
  console.log(`\nmodels as of ${result.asOf} (time unit: ${result.unit})`);
  for (const r of result.runs) {
    console.log(`${r.kind}: ${r.status}: ${r.message}`);
    const params = Object.entries(r.params)
      .map(([k, v]) => `${k} = ${fmt(v)}`)
      .join(', ');
    if (params) console.log(`  parameters: ${params}`);
    if (r.logLikelihood !== null) console.log(`  BG/NBD log-likelihood ${r.logLikelihood.toFixed(1)} after ${r.iterations} iterations`);
    console.log(
      `  ${r.players.toLocaleString('en')} players in ${r.triples.toLocaleString('en')} distinct (x, t_x, T); ${r.scoredPlayers.toLocaleString('en')} scored`,
    );
    console.log(`  seconds: statistics ${r.seconds.stats.toFixed(2)}, fit ${r.seconds.fit.toFixed(2)}, scoring ${r.seconds.score.toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'as-of': { type: 'string' }, unit: { type: 'string', default: 'day' } } });
  if (positionals.length !== 1 || positionals[0] !== 'fit') throw new ConfigError(USAGE);
  const asOf = values['as-of'];
  if (asOf !== undefined && (!DAY.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))))
    throw new ConfigError(`--as-of must be a date as YYYY-MM-DD, got "${asOf}"`);
  const unit = values.unit as ModelUnit;
  if (!MODEL_UNITS.includes(unit)) throw new ConfigError(`--unit must be day or week, got "${values.unit}"`);
  const cfg = loadConfig();
  const req = { asOf, unit };
  const result = (await viaServer(cfg, req)) ?? (await direct(cfg, req));
  printSummary(result);
  if (result.runs.some((r) => r.status === 'failed')) process.exitCode = 1;
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, ModelsBusyError, ModelsInputError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
