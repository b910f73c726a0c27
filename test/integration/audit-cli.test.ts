import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentialPath } from '../../server/auth/localCredential.ts';
import { startApi, type ApiRig } from '../helpers/api.ts';
import { tokenFetch } from '../helpers/auth.ts';
import { freePort, runNode } from '../helpers/child.ts';

/**
 * `npm run audit -- verify` for real, in child processes: without a server
 * (the command opens the engine; this test never opens that data directory
 * itself, the embedded engine allows one process per directory) and with one
 * (the command asks GET /api/audit/verify).
 */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mod = (file: string) => pathToFileURL(path.join(REPO, file)).href;

/** A child that opens the engine, runs `body` with `db` in scope, and closes it. */
const withDb = (body: string) => `
  import { loadConfig } from '${mod('server/config.ts')}';
  import { openReadyDb } from '${mod('server/db/open.ts')}';
  import { audit, cliWho } from '${mod('server/audit/audit.ts')}';
  const db = await openReadyDb(loadConfig());
  try { ${body} } finally { await db.close(); }
`;

let dir: string;
let env: NodeJS.ProcessEnv;
const inChild = async (body: string) => {
  const r = await runNode(['--input-type=module', '-e', withDb(body)], env, dir);
  expect(r.code, r.stderr).toBe(0);
};
const verify = (e: NodeJS.ProcessEnv = env) => runNode([path.join(REPO, 'scripts/audit.ts'), 'verify'], e, dir);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
  env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DEMO: 'off', HOST: '127.0.0.1', PORT: String(await freePort()) };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run audit -- verify, without a server', () => {
  it('records a change made without the server, says intact with the count, then names the entry a deleted tail took away', async () => {
    await inChild(`for (const target of ['a', 'b', 'c']) await audit(db, cliWho(), { action: 'test.step', target });`);
    const backfill = await runNode([path.join(REPO, 'scripts/backfillStages.ts')], env, dir);
    expect(backfill.code, backfill.stderr).toBe(0);
    const listed = await runNode([path.join(REPO, 'scripts/audit.ts'), 'list', '--action', 'stages.'], env, dir);
    expect(listed.stdout).toMatch(/^4\t\S+\tcli:\S+ \(admin, cli\)\tlocal\tstages\.backfill\t\tok\t\{"from":null,"to":null,"days":0\}$/m);
    expect(listed.stdout).toContain('1 of 1 matching entries');

    const ok = await verify();
    expect(ok.stdout).toContain('no server running: opened the embedded engine');
    expect(ok.stdout).toContain('intact (4 entries)');
    expect(ok.code).toBe(0);

    await inChild(`await db.client.command({ query: 'ALTER TABLE audit_log DELETE WHERE seq = 4', clickhouse_settings: { mutations_sync: '2' } });`);
    const cut = await verify();
    expect(cut.stdout).toMatch(/broken at entry 4 \(head_missing\): the trail ends at entry 3 but the head anchor names entry 4/);
    expect(cut.code).toBe(1);
  }, 120_000);

  it('names an edited entry', async () => {
    await inChild(
      `await db.client.command({ query: "ALTER TABLE audit_log UPDATE target = 'z' WHERE seq = 2", clickhouse_settings: { mutations_sync: '2' } });`,
    );
    const edited = await verify();
    expect(edited.stdout).toMatch(/broken at entry 2 \(edited\)/);
    expect(edited.code).toBe(1);
  }, 60_000);
});

describe('npm run audit -- verify, with the server running', () => {
  let rig: ApiRig;
  beforeAll(async () => {
    rig = await startApi(async () => {});
  });
  afterAll(() => rig?.close());

  it('asks the server, which answers with its own trail', async () => {
    // A refused request leaves the one entry of this trail.
    expect((await fetch(`${rig.base}/api/audit/verify`)).status).toBe(401);
    expect((await rig.get('/api/audit/verify')).body).toEqual({ intact: true, entries: 1 });
    const port = new URL(rig.base).port;
    const { token: admin } = await tokenFetch(rig.engine.db, 'admin', 'cli-admin');
    // The command signs with the credential file a running server leaves for tools on its machine; an admin token serves here.
    writeFileSync(localCredentialPath(rig.engine.cfg.dataDir), admin, { mode: 0o600 });
    const r = await verify({ ...env, DATA_DIR: rig.engine.cfg.dataDir, PORT: port });
    expect(r.stdout).toContain(`dashboard server is running at http://127.0.0.1:${port}`);
    expect(r.stdout).toContain('intact (1 entries)');
    expect(r.code).toBe(0);
  }, 60_000);
});
