import { randomBytes } from 'node:crypto';
import type { AuditWho } from '../audit/audit.ts';
import { ConfigError, type Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domainError.ts';
import { allUsers } from '../queries/accounts/users.ts';
import { createUser } from './users.ts';

export const FIRST_ADMIN = 'admin';

/** The server itself, in the audit trail, for what it does at start. */
const STARTUP: AuditWho = { actor: 'server', role: 'admin', via: 'startup', ip: 'local' };

export const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/** 24 URL-safe characters from 18 random bytes (144 bits). */
const generatedPassword = () => randomBytes(18).toString('base64url');

function box(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  return [bar, ...lines.map((l) => `| ${l.padEnd(width)} |`), bar].join('\n');
}

/**
 * On a data directory without users, creates `admin` with ADMIN_PASSWORD (set
 * by a person) or a generated password, which is printed once here (never
 * logged) with how to replace it.
 */
export async function ensureFirstAdmin(db: Db, cfg: Config, print: (text: string) => void): Promise<void> {
  if ((await allUsers(db)).length > 0) return;
  const given = cfg.auth.adminPassword;
  const password = given ?? generatedPassword();
  try {
    await createUser({ db }, STARTUP, { name: FIRST_ADMIN, role: 'admin', password }, given ? 'person' : 'generated');
  } catch (err) {
    if (err instanceof DomainError && given) throw new ConfigError(`ADMIN_PASSWORD cannot be used: ${err.message}`);
    throw err;
  }
  if (given) {
    print(`created the user "${FIRST_ADMIN}" (role admin) with the password from ADMIN_PASSWORD`);
    return;
  }
  print(
    box([
      `First run: created the user "${FIRST_ADMIN}" (role admin) with this password:`,
      '',
      `    ${password}`,
      '',
      'It is shown only this once. Keep it, or set your own with',
      `    npm run users -- reset-password ${FIRST_ADMIN}`,
      'A generated password is enough on 127.0.0.1; to listen on a network',
      '(HOST other than loopback) an admin needs a password a person set.',
    ]),
  );
}

/**
 * Refuses to listen beyond loopback unless an enabled admin has a password a
 * person set: the generated first-run password has been printed to a console
 * and may be in a terminal's scrollback or a service log.
 */
export async function refuseUnsafeExposure(db: Db, cfg: Config): Promise<void> {
  if (isLoopbackHost(cfg.host)) return;
  const ready = (await allUsers(db)).some((u) => u.role === 'admin' && !u.disabled && u.password_set_by === 'person');
  if (ready) return;
  throw new ConfigError(
    `HOST=${cfg.host} listens beyond this machine, but no enabled admin has a password set by a person (the first-run admin still has its generated one). ` +
      `Set one with \`npm run users -- reset-password ${FIRST_ADMIN}\` (with the server stopped, or running on 127.0.0.1), then start again; ` +
      'or leave HOST at 127.0.0.1.',
  );
}

/** The enabled admin a start-up sign-in link signs in: `admin` when it can, else the first enabled admin. */
export async function linkUser(db: Db): Promise<string | undefined> {
  const admins = (await allUsers(db)).filter((u) => u.role === 'admin' && !u.disabled);
  return (admins.find((u) => u.name === FIRST_ADMIN) ?? admins[0])?.name;
}
