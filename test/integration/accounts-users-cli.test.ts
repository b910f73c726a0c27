import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentialPath } from '../../server/auth/localCredential.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let dir: string;
let env: NodeJS.ProcessEnv;

/** A port nobody listens on right now. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Runs `npm run users -- ...args` (as tsx scripts/users.ts), with `stdin` piped in. */
const users = (args: string[], stdin = '') => script('scripts/users.ts', args, stdin);

function script(file: string, args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(TSX, [file, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.stdin.end(stdin);
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'users-cli-'));
  env = { ...process.env, DATA_DIR: path.join(dir, 'data'), DEMO: 'off', HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run users without a server (opens the engine)', () => {
  it('adds, lists, changes the role of, disables and re-enables a user; passwords come from stdin and are never echoed', async () => {
    const add = await users(['add', 'nora', '--role', 'analyst', '--password-stdin'], 'nora has a passphrase\n');
    expect(add.err).toBe('');
    expect(add.out).toContain('no server running: opened the embedded engine');
    expect(add.out).toContain('added nora (analyst)');
    expect(add.out).not.toContain('nora has a passphrase');

    const weak = await users(['add', 'weak', '--role', 'viewer', '--password-stdin'], 'password123\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('error: the password must have at least 12 characters');

    expect((await users(['set-role', 'nora', 'designer'])).out).toContain('nora is now designer');
    expect((await users(['disable', 'nora'])).out).toContain('nora is disabled');
    const list = await users(['list']);
    expect(list.out).toMatch(/nora\s+designer\s+disabled/);
    expect((await users(['enable', 'nora'])).out).toContain('nora is enabled');
    expect((await users(['reset-password', 'nora', '--password-stdin'], 'nora chose anew\n')).out).toContain('new password set for nora');
  });

  it('adds an API token (printed once), lists and revokes it', async () => {
    const add = await users(['add-token', 'etl', '--role', 'operator']);
    expect(add.out).toMatch(/token etl \(operator\), shown only this once:\npld_[A-Za-z0-9_-]{43}/);
    expect((await users(['list-tokens'])).out).toMatch(/etl\s+operator\s+live/);
    expect((await users(['revoke-token', 'etl'])).out).toContain('token etl revoked');
    expect((await users(['list-tokens'])).out).toMatch(/etl\s+operator\s+revoked/);
  });

  it('says what is wrong with a bad command', async () => {
    const r = await users(['set-role', 'nora', 'boss']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('role must be one of viewer, analyst, designer, operator, admin');
    expect((await users(['frobnicate'])).err).toContain('usage: npm run users');
  });
});

describe('npm run users with the server running (through its API, with the local admin credential)', () => {
  let server: ChildProcess;
  beforeAll(async () => {
    server = spawn(TSX, ['test/helpers/serverProcess.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (d) => String(d).includes('listening') && resolve());
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  });
  afterAll(async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  it('goes through the server for every command', async () => {
    expect(existsSync(localCredentialPath(env.DATA_DIR as string))).toBe(true);
    const add = await users(['add', 'omar', '--role', 'viewer', '--password-stdin'], 'omar is on the team\n');
    expect(add.err).toBe('');
    expect(add.out).toContain('dashboard server is running');
    expect(add.out).toContain('added omar (viewer)');
    const list = await users(['list']);
    expect(list.out).toMatch(/nora\s+designer\s+enabled/);
    expect(list.out).toMatch(/omar\s+viewer\s+enabled/);
    expect((await users(['set-role', 'omar', 'operator'])).out).toContain('omar is now operator');
    const token = await users(['add-token', 'bi', '--role', 'viewer']);
    expect(token.out).toContain('dashboard server is running');
    expect((await users(['revoke-token', 'bi'])).out).toContain('token bi revoked');
    const refused = await users(['disable', 'ghost']);
    expect(refused.err).toContain('server refused: no user named "ghost"');
  });

  it('signs the other commands’ calls too (npm run models goes through the server as local-admin)', async () => {
    const fit = await script('scripts/models.ts', ['fit']);
    expect(fit.err).toBe('');
    expect(fit.out).toContain('dashboard server is running');
    expect(fit.out).toContain('no data yet: nothing to fit');
  });

  it('removes the local credential when the server stops', async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    expect(existsSync(localCredentialPath(env.DATA_DIR as string))).toBe(false);
  });
});
