import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccounts } from '../../server/auth/accounts.ts';
import { setUserPassword } from '../../server/auth/users.ts';
import { localCredentialPath } from '../../server/auth/localCredential.ts';
import { cliWho } from '../../server/audit/audit.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { openReadyDb } from '../../server/db/open.ts';
import { rows } from '../../server/db/query.ts';
import { startServer } from '../../server/startServer.ts';
import { capturingLogger } from '../helpers/logger.ts';
import { signIn } from '../helpers/session.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A new data directory and its config; port 0 takes a free one. */
function configFor(env: Record<string, string> = {}): Config {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'first-run-'));
  dirs.push(dir);
  return { ...loadConfig({ DATA_DIR: path.join(dir, 'data'), DEMO: 'off', ...env } as NodeJS.ProcessEnv, dir), port: 0 };
}

async function start(cfg: Config) {
  const logged: string[] = [];
  const printed: string[] = [];
  const running = await startServer(cfg, { log: capturingLogger(logged), print: (t) => void printed.push(t) });
  return { running, logged, printed };
}

describe('first run on a new data directory', () => {
  const cfg = configFor();

  it('creates admin with a generated password printed once in a box, never logged, and a one-time sign-in link', async () => {
    const { running, logged, printed } = await start(cfg);
    try {
      const box = printed.find((p) => p.includes('First run'));
      expect(box).toBeDefined();
      const password = /^\|\s{5}(\S{24})\s+\|$/m.exec(box ?? '')?.[1] ?? '';
      expect(password).toHaveLength(24);
      expect(box).toContain('npm run users -- reset-password admin');
      expect(logged.join('\n')).not.toContain(password);
      expect(logged.some((m) => m.startsWith('dashboard at http://127.0.0.1:'))).toBe(true);

      const users = await rows<{ name: string; role: string; password_set_by: string }>(running.deps.db, 'SELECT name, role, password_set_by FROM users FINAL');
      expect(users).toEqual([{ name: 'admin', role: 'admin', password_set_by: 'generated' }]);
      expect((await signIn(running.url, 'admin', password)).status).toBe(200);

      // The demo opens without typing: the printed link signs in once.
      const link = running.signInLink ?? '';
      expect(printed.some((p) => p.includes(link))).toBe(true);
      const token = new URL(link).searchParams.get('signin');
      const use = () =>
        fetch(`${running.url}/api/session/link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const first = await use();
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ user: 'admin', role: 'admin', kind: 'session' });
      expect(first.headers.get('set-cookie')).toMatch(/^pld_session=.*HttpOnly/);
      const second = await use();
      expect(second.status).toBe(401);
      expect((await second.json()).code).toBe('bad_link');

      // Tools on this machine get an admin credential, readable by this user only.
      const file = localCredentialPath(cfg.dataDir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const local = readFileSync(file, 'utf8').trim();
      const me = await (await fetch(`${running.url}/api/session`, { headers: { authorization: `Bearer ${local}` } })).json();
      expect(me).toMatchObject({ user: 'local-admin', role: 'admin', kind: 'local' });
      expect(JSON.stringify(await rows(running.deps.db, 'SELECT * FROM audit_log'))).not.toContain(password);
    } finally {
      await running.stop();
    }
    expect(existsSync(localCredentialPath(cfg.dataDir))).toBe(false);
  });

  it('does not create a second admin or print a password at the next start, but prints a new link', async () => {
    const { running, printed } = await start(cfg);
    await running.stop();
    expect(printed.some((p) => p.includes('First run'))).toBe(false);
    expect(printed.some((p) => p.includes('?signin='))).toBe(true);
  });

  it('refuses to listen beyond loopback while the admin still has the generated password, and says how to fix it', async () => {
    const exposed = { ...cfg, host: '0.0.0.0' };
    await expect(start(exposed)).rejects.toThrow(/npm run users -- reset-password admin/);
    // After a person sets the password (the command without a server does this), the start goes through.
    const db = await openReadyDb(cfg);
    await setUserPassword({ db, sessions: createAccounts(db, cfg).sessions }, cliWho(), 'admin', 'a person chose this one');
    await db.close();
    const { running, printed } = await start(exposed);
    try {
      expect(running.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      expect(running.signInLink).toBeUndefined(); // no password-free link on a network
      expect(printed.some((p) => p.includes('?signin='))).toBe(false);
    } finally {
      await running.stop();
    }
  });
});

describe('ADMIN_PASSWORD', () => {
  it('refuses a weak one at start, with the reason', async () => {
    await expect(start(configFor({ ADMIN_PASSWORD: 'password' }))).rejects.toThrow(
      'ADMIN_PASSWORD cannot be used: the password must have at least 12 characters (it has 8)',
    );
  });

  it('takes a good one as set by a person, so the server may listen beyond loopback at once', async () => {
    const secret = 'studio admin passphrase';
    const { running, logged, printed } = await start(configFor({ ADMIN_PASSWORD: secret, HOST: '0.0.0.0' }));
    try {
      const users = await rows<{ password_set_by: string }>(running.deps.db, 'SELECT password_set_by FROM users FINAL');
      expect(users).toEqual([{ password_set_by: 'person' }]);
      expect([...logged, ...printed].join('\n')).not.toContain(secret);
      expect((await signIn(running.url.replace('0.0.0.0', '127.0.0.1'), 'admin', secret)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
