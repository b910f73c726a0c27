/**
 * npm run erase -- --player ID [--player ID ...] | --file ids.txt
 * Erases players on request: every table, the stored report files and the
 * ingest archive; their ids go on the deny list (keyed hashes). Waits until
 * the rows are physically removed and says so. Goes through the dashboard
 * server when it is running (it owns the embedded engine), otherwise opens
 * the engine itself. A malformed id anywhere in the list erases nothing.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ERASURE_MAX_PLAYERS, ERASURE_STEPS, parseIdList, PLAYER_ID_PROBLEMS, type ErasureResult } from '../contract/erasure.ts';
import { cliWho } from '../server/audit/audit.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { DomainError } from '../server/domainError.ts';
import { erasePlayers } from '../server/erasure/erase.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

const USAGE = 'usage: npm run erase -- --player ID [--player ID ...] | --file ids.txt (one id per line)';

/** The ids of the command line: all of them checked before anything is erased. */
function idsOf(players: string[], file: string | undefined): string[] {
  if (players.length === 0 && !file) throw new ConfigError(USAGE);
  let text = players.join('\n');
  if (file) {
    try {
      text += `\n${readFileSync(file, 'utf8')}`;
    } catch (err) {
      throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
    }
  }
  // A --player value is taken as given: spaces around it are a mistake, not something to trim away.
  const problems = players.flatMap((p, i) =>
    p !== p.trim() || p.trim() === '' ? [`--player #${i + 1}: ${PLAYER_ID_PROBLEMS[p.trim() ? 'spaces' : 'blank']}`] : [],
  );
  const { ids, bad } = parseIdList(text);
  const lineOf = (n: number) => (n <= players.length ? `--player #${n}` : `${file} line ${n - players.length}`);
  problems.push(...bad.map((b) => `${lineOf(b.line)}: ${PLAYER_ID_PROBLEMS[b.problem]}`));
  if (problems.length) throw new ConfigError(`${problems.length} malformed id(s), nothing erased:\n  ${problems.slice(0, 20).join('\n  ')}`);
  if (ids.length === 0) throw new ConfigError(`no player ids given, nothing erased\n${USAGE}`);
  return ids;
}

function batches(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += ERASURE_MAX_PLAYERS) out.push(ids.slice(i, i + ERASURE_MAX_PLAYERS));
  return out;
}

async function viaServer(cfg: Config, ids: string[]): Promise<ErasureResult[] | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it to erase (each batch reports when it finishes)`);
  const out: ErasureResult[] = [];
  for (const batch of batches(ids)) {
    const res = await serverFetch(cfg, '/api/erasure', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ players: batch }),
    });
    const body = (await res.json().catch(() => ({}))) as ErasureResult & { error?: string };
    if (!res.ok) throw new ConfigError(`server refused: ${body.error ?? res.status}`);
    printSteps(body);
    out.push(body);
  }
  return out;
}

async function direct(cfg: Config, ids: string[]): Promise<ErasureResult[]> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  try {
    const out: ErasureResult[] = [];
    for (const batch of batches(ids))
      out.push(await erasePlayers({ db, cfg }, batch, { who: cliWho(), onStep: (s) => console.log(`  ${ERASURE_STEPS[s.step]} (${s.seconds.toFixed(2)} s)`) }));
    return out;
  } finally {
    await db.close();
  }
}

function printSteps(r: ErasureResult): void {
  for (const s of r.steps) console.log(`  ${ERASURE_STEPS[s.step]} (${s.seconds.toFixed(2)} s)`);
}

function printResult(r: ErasureResult): void {
  console.log(`\nerased ${r.players} player(s) in ${r.seconds.toFixed(1)} s`);
  const w = Math.max(...r.tables.map((t) => t.table.length));
  console.log(`  ${'table'.padEnd(w)}  before   after  on disk`);
  for (const t of r.tables)
    if (t.before || t.after || t.onDisk)
      console.log(`  ${t.table.padEnd(w)}  ${String(t.before).padStart(6)}  ${String(t.after).padStart(6)}  ${String(t.onDisk).padStart(7)}`);
  const untouched = r.tables.filter((t) => !t.before && !t.after && !t.onDisk).length;
  if (untouched) console.log(`  (${untouched} other tables held none of their rows)`);
  for (const f of r.files) console.log(`  rewrote ${f.kind} file ${f.path}: ${f.removed} removed`);
  console.log(
    r.physicallyRemoved
      ? 'physically removed: no row of theirs is left on disk'
      : 'deleted for every reader; old parts are still on disk until the engine’s next cleanup (run the command again later to check)',
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { player: { type: 'string', multiple: true, default: [] }, file: { type: 'string' } } });
  const ids = idsOf(values.player ?? [], values.file);
  const cfg = loadConfig();
  const results = (await viaServer(cfg, ids)) ?? (await direct(cfg, ids));
  for (const r of results) printResult(r);
  if (results.some((r) => !r.physicallyRemoved)) process.exitCode = 2;
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, DomainError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
