/**
 * npm run ingest -- <file|dir> [...]
 * Loads payment and session files. When the dashboard server is running it
 * owns the embedded engine, so the files are handed to it over its API;
 * otherwise the engine is opened here. The output says which way it went.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { Ingester, collectFiles } from '../server/ingest/ingestRun.ts';
import type { IngestResult } from '../contract/ingest.ts';
import { runIngestAndRefresh } from '../server/ingest/runAndRefresh.ts';
import { ingestSettings } from '../server/ingestDefaults.ts';
import { progressLine } from '../server/progress.ts';
import { audit, cliWho } from '../server/audit/audit.ts';
import { ingestFacts } from '../server/audit/facts.ts';
import { isBeingWritten } from '../server/ingest/fileKind.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

/** Why the ingester passed a file by: an unfinished file's name, or a name that says no kind. */
function ignoredWhy(name: string): string {
  return isBeingWritten(name)
    ? 'a temporary or hidden name: a file still being written, loaded once renamed into place'
    : 'name must start with payments, sessions or friends and end in .ndjson, .jsonl or .csv, optionally .gz';
}

function printSummary(s: IngestResult): void {
  for (const f of s.files) {
    const detail =
      f.state === 'skipped'
        ? 'already ingested (same content), skipped'
        : f.state === 'rejected'
          ? `REJECTED: ${f.error}`
          : `${f.rowsLoaded} loaded, ${f.rowsQuarantined} quarantined, ${f.rowsDuplicate} duplicates${f.recovered ? ' (finished an interrupted load)' : ''}`;
    console.log(`  ${f.file}: ${detail}`);
  }
  for (const f of s.ignored) console.log(`  ${path.basename(f)}: ignored (${ignoredWhy(path.basename(f))})`);
  const total = s.rowsLoaded + s.rowsQuarantined + s.rowsDuplicate;
  console.log(
    `rows loaded: ${s.rowsLoaded}, quarantined: ${s.rowsQuarantined}, duplicates: ${s.rowsDuplicate}, ` +
      `seconds: ${s.seconds.toFixed(2)}, rows/s: ${Math.round(total / Math.max(s.seconds, 1e-6))}, stage days refreshed: ${s.stageDaysRefreshed}`,
  );
}

async function viaServer(cfg: Config, paths: string[]): Promise<IngestResult | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: handing the files to it`);
  const res = await serverFetch(cfg, `/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ paths }),
  });
  const body = (await res.json()) as IngestResult & { error?: string };
  if (!res.ok) throw new Error(`server refused: ${body.error ?? res.status}`);
  return body;
}

async function direct(cfg: Config, paths: string[]): Promise<IngestResult> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  try {
    const ingester = new Ingester(db, ingestSettings(cfg));
    const { files } = collectFiles(paths);
    let fileNo = 0;
    const result = await runIngestAndRefresh(
      { db, ingester, cfg },
      {
        paths,
        source: 'cli',
        onProgress: (p) => {
          if (p.phase === 'hash') fileNo++;
          progressLine(
            `file ${fileNo}/${files.length} ${p.file}: ${p.phase}${p.chunks ? ` chunk ${p.chunk}/${p.chunks}` : ''}`,
            fileNo - (p.phase === 'done' ? 0 : 1),
            files.length,
          );
        },
      },
      (done, total) => progressLine(`refreshing daily stage snapshots ${done}/${total}`, done, total),
    );
    await audit(db, cliWho(), { action: 'ingest.run', target: `ingest:${result.runId}`, detail: ingestFacts(paths)(result) });
    return result;
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.error('usage: npm run ingest -- <file|dir> [...]   (payments*/sessions* .ndjson|.csv, optionally .gz)');
    return args.length === 0 ? 2 : 0;
  }
  const cfg = loadConfig();
  const paths = args.map((a) => path.resolve(a));
  collectFiles(paths); // fails early, with the path, on a missing file
  const summary = (await viaServer(cfg, paths)) ?? (await direct(cfg, paths));
  printSummary(summary);
  return summary.files.some((f) => f.state === 'rejected') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof ConfigError || err instanceof DataDirLockedError;
    console.error(`error: ${known ? (err as Error).message : ((err as Error)?.message ?? String(err))}`);
    process.exit(1);
  },
);
