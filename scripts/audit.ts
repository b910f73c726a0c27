/**
 * npm run audit -- verify
 *   Reads the whole audit trail in order, recomputes every entry's hash and its
 *   link to the one before, and checks the head anchor (DATA_DIR/audit.head):
 *   prints "intact (N entries)" and exits 0, or names the first broken entry and exits 1.
 * npm run audit -- list [--user U] [--action A] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]
 *   The latest matching entries, newest first.
 * Goes through the dashboard server when it is running (it owns the embedded
 * engine), otherwise opens the engine itself.
 */
import { parseArgs } from 'node:util';
import type { AuditPage, AuditVerify } from '../contract/audit.ts';
import { auditPage, type AuditFilter } from '../server/audit/trail.ts';
import { verifyAudit } from '../server/audit/verify.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError, type Db } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { openedEngineLine, serverFetch, serverUrl, tryServer } from './serverClient.ts';

const USAGE = 'usage: npm run audit -- verify | list [--user U] [--action A] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Asks the running server, or null when none answers. */
async function viaServer<T>(cfg: Config, apiPath: string): Promise<T | null> {
  if (!(await tryServer(cfg))) return null;
  console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it`);
  const res = await serverFetch(cfg, apiPath, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new ConfigError(`server refused: ${body.error ?? res.status}`);
  return body;
}

async function direct<T>(cfg: Config, run: (db: Db) => Promise<T>): Promise<T> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

async function verify(cfg: Config): Promise<void> {
  const v = (await viaServer<AuditVerify>(cfg, '/api/audit/verify')) ?? (await direct(cfg, (db) => verifyAudit(db)));
  if (v.intact) {
    console.log(`intact (${v.entries} entries)`);
    return;
  }
  const b = v.brokenAt!;
  console.log(`broken at entry ${b.seq} (${b.reason}): ${b.message}; the ${v.entries} entries before it are intact`);
  process.exitCode = 1;
}

function filterOf(values: Record<string, string | undefined>): AuditFilter {
  for (const k of ['from', 'to'] as const) {
    const v = values[k];
    if (v !== undefined && (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
      throw new ConfigError(`--${k} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  return { user: values.user, action: values.action, from: values.from, to: values.to };
}

async function list(cfg: Config, values: Record<string, string | undefined>): Promise<void> {
  const filter = filterOf(values);
  const limit = Number(values.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ConfigError(`--limit must be a whole number from 1 to 500, got "${values.limit}"`);
  const qs = new URLSearchParams(Object.entries({ ...filter, limit: String(limit) }).filter((e): e is [string, string] => !!e[1]));
  const page = (await viaServer<AuditPage>(cfg, `/api/audit?${qs}`)) ?? (await direct(cfg, (db) => auditPage(db, filter, { limit, offset: 0 })));
  for (const e of page.entries)
    console.log(
      `${e.seq}\t${e.at}\t${e.actor} (${e.role || '-'}, ${e.via})\t${e.ip}\t${e.action}\t${e.target}\t${e.outcome}${e.detail ? `\t${e.detail}` : ''}`,
    );
  console.log(`${page.entries.length} of ${page.total} matching entries`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { user: { type: 'string' }, action: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (rest.length) throw new ConfigError(USAGE);
  const cfg = loadConfig();
  if (command === 'verify') await verify(cfg);
  else if (command === 'list') await list(cfg, values);
  else throw new ConfigError(USAGE);
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
