/**
 * npm run backfill:stages -- [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 * Snapshots every player's lifecycle stage for each day of the range (default:
 * every day with data), for stage history and transitions. Goes through the
 * dashboard server when it is running (it owns the embedded engine).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import type { BackfillResult } from '../contract/lifecycle.ts';
import { backfillStages, BackfillRangeError } from '../server/lifecycle/backfill.ts';
import { progressLine } from '../server/progress.ts';
import { audit, cliWho } from '../server/audit/audit.ts';
import { backfillFacts } from '../server/audit/facts.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function viaServer(cfg: Config, range: { from?: string; to?: string }): Promise<BackfillResult | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it to backfill (no progress is shown until it finishes)`);
  const res = await serverFetch(cfg, `/api/lifecycle/backfill`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(range),
  });
  const body = (await res.json()) as BackfillResult & { error?: string };
  if (!res.ok) throw new Error(`server refused: ${body.error ?? res.status}`);
  return body;
}

async function direct(cfg: Config, range: { from?: string; to?: string }): Promise<BackfillResult> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  try {
    const t0 = performance.now();
    const result = await backfillStages(db, range, (done, total) => {
      const rate = done / ((performance.now() - t0) / 1000);
      progressLine(`snapshotting stages: day ${done}/${total} (${rate.toFixed(1)} days/s)`, done, total);
    });
    await audit(db, cliWho(), { action: 'stages.backfill', detail: backfillFacts(result) });
    return result;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
      throw new ConfigError(`--${k} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  if (values.from && values.to && values.from > values.to) throw new ConfigError(`--from (${values.from}) is after --to (${values.to})`);
  const cfg = loadConfig();
  const range = { from: values.from, to: values.to };
  const result = (await viaServer(cfg, range)) ?? (await direct(cfg, range));
  if (result.days === 0) console.log('no data yet: nothing to snapshot');
  else
    console.log(
      `snapshotted ${result.days} day(s), ${result.from} to ${result.to}, in ${result.seconds.toFixed(1)} s (${(result.days / Math.max(result.seconds, 1e-6)).toFixed(1)} days/s)`,
    );
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, BackfillRangeError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
