/**
 * npm run users -- add NAME --role ROLE | list | disable NAME | enable NAME
 *                  | reset-password NAME | set-role NAME ROLE
 *                  | add-token NAME --role ROLE | list-tokens | revoke-token NAME
 * Passwords are asked on the terminal without echo, or read from standard
 * input with --password-stdin. Goes through the dashboard server when it is
 * running (with the local admin credential it wrote), otherwise opens the
 * engine itself.
 */
import { parseArgs } from 'node:util';
import type { TokenCreated, TokenList, TokenRow, UserList, UserRow } from '../contract/auth.ts';
import { cliWho } from '../server/audit/audit.ts';
import { createAccounts } from '../server/auth/accounts.ts';
import { issueToken, revokeToken } from '../server/auth/tokenAdmin.ts';
import { listApiTokens } from '../server/auth/tokens.ts';
import { createUser, listUsers, setUserPassword, updateUser } from '../server/auth/users.ts';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/client.ts';
import { openReadyDb } from '../server/db/open.ts';
import { DomainError } from '../server/domainError.ts';
import { newPassword } from './passwordInput.ts';
import { openedEngineLine, serverJson, serverUrl, tryServer } from './serverClient.ts';

const USAGE = `usage: npm run users -- <command>
  add NAME --role ROLE        a user (password asked, or --password-stdin)
  list                        users and their roles
  disable NAME | enable NAME  disabling ends the user's sessions
  reset-password NAME         a new password (asked, or --password-stdin); ends the user's sessions
  set-role NAME ROLE          ROLE: viewer, analyst, designer, operator or admin
  add-token NAME --role ROLE  an API token, printed once
  list-tokens                 API tokens and their last use
  revoke-token NAME`;

/** The same commands, through the running server's API or straight on the engine. */
interface Backend {
  addUser(name: string, role: string, password: string): Promise<UserRow>;
  users(): Promise<UserRow[]>;
  update(name: string, change: { role?: string; disabled?: boolean }): Promise<UserRow>;
  resetPassword(name: string, password: string): Promise<UserRow>;
  addToken(name: string, role: string): Promise<TokenCreated>;
  tokens(): Promise<TokenRow[]>;
  revokeToken(name: string): Promise<TokenRow>;
  close(): Promise<void>;
}

const seg = (name: string) => encodeURIComponent(name);

function viaServer(cfg: Config): Backend {
  return {
    addUser: (name, role, password) => serverJson(cfg, 'POST', '/api/users', { name, role, password }),
    users: async () => (await serverJson<UserList>(cfg, 'GET', '/api/users')).users,
    update: (name, change) => serverJson(cfg, 'PUT', `/api/users/${seg(name)}`, change),
    resetPassword: (name, password) => serverJson(cfg, 'POST', `/api/users/${seg(name)}/password`, { password }),
    addToken: (name, role) => serverJson(cfg, 'POST', '/api/tokens', { name, role }),
    tokens: async () => (await serverJson<TokenList>(cfg, 'GET', '/api/tokens')).tokens,
    revokeToken: (name) => serverJson(cfg, 'DELETE', `/api/tokens/${seg(name)}`),
    close: async () => {},
  };
}

async function direct(cfg: Config): Promise<Backend> {
  const db = await openReadyDb(cfg);
  console.log(openedEngineLine(db, cfg));
  const ctx = { db, sessions: createAccounts(db, cfg).sessions };
  const who = cliWho();
  return {
    addUser: (name, role, password) => createUser(ctx, who, { name, role, password }),
    users: () => listUsers(db),
    update: (name, change) => updateUser(ctx, who, name, change),
    resetPassword: (name, password) => setUserPassword(ctx, who, name, password),
    addToken: (name, role) => issueToken(db, who, { name, role }),
    tokens: () => listApiTokens(db),
    revokeToken: (name) => revokeToken(db, who, name),
    close: () => db.close(),
  };
}

const userLine = (u: UserRow) =>
  `${u.name.padEnd(20)} ${u.role.padEnd(9)} ${u.disabled ? 'disabled' : 'enabled '} password by ${u.passwordSetBy.padEnd(9)} last sign-in ${u.lastSignInAt ?? 'never'}`;
const tokenLine = (t: TokenRow) =>
  `${t.name.padEnd(20)} ${t.role.padEnd(9)} ${t.revoked ? 'revoked' : 'live   '} by ${t.createdBy} at ${t.createdAt}, last used ${t.lastUsedAt ?? 'never'}`;

async function run(b: Backend, command: string, args: string[], opts: { role?: string }, password: () => string): Promise<void> {
  const arg = (i: number, what: string) => {
    const v = args[i];
    if (!v) throw new ConfigError(`${command} needs ${what}\n${USAGE}`);
    return v;
  };
  const role = () => {
    if (!opts.role) throw new ConfigError(`${command} needs --role ROLE\n${USAGE}`);
    return opts.role;
  };
  switch (command) {
    case 'add': {
      const name = arg(0, 'a user name');
      const r = role();
      const u = await b.addUser(name, r, password());
      console.log(`added ${u.name} (${u.role})`);
      return;
    }
    case 'list':
      for (const u of await b.users()) console.log(userLine(u));
      return;
    case 'disable':
    case 'enable': {
      const u = await b.update(arg(0, 'a user name'), { disabled: command === 'disable' });
      console.log(`${u.name} is ${u.disabled ? 'disabled; their sessions ended' : 'enabled'}`);
      return;
    }
    case 'reset-password': {
      const name = arg(0, 'a user name');
      const u = await b.resetPassword(name, password());
      console.log(`new password set for ${u.name}; their sessions ended`);
      return;
    }
    case 'set-role': {
      const u = await b.update(arg(0, 'a user name'), { role: arg(1, 'a role') });
      console.log(`${u.name} is now ${u.role}; their sessions ended`);
      return;
    }
    case 'add-token': {
      const t = await b.addToken(arg(0, 'a token name'), role());
      console.log(`token ${t.name} (${t.role}), shown only this once:\n${t.token}`);
      return;
    }
    case 'list-tokens':
      for (const t of await b.tokens()) console.log(tokenLine(t));
      return;
    case 'revoke-token': {
      const t = await b.revokeToken(arg(0, 'a token name'));
      console.log(`token ${t.name} revoked`);
      return;
    }
    default:
      throw new ConfigError(USAGE);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  const [command, ...args] = positionals;
  if (!command) throw new ConfigError(USAGE);
  // Asked before the engine opens: the embedded engine would take piped standard input as data for its inserts.
  const given =
    ['add', 'reset-password'].includes(command) && positionals[1] ? await newPassword(Boolean(values['password-stdin']), positionals[1]) : undefined;
  const password = () => {
    if (given === undefined) throw new ConfigError(`${command} needs a user name\n${USAGE}`);
    return given;
  };
  const cfg = loadConfig();
  const running = await tryServer(cfg);
  if (running) console.log(`dashboard server is running at ${serverUrl(cfg)}: asking it`);
  const backend = running ? viaServer(cfg) : await direct(cfg);
  try {
    await run(backend, command, args, values, password);
  } finally {
    await backend.close();
  }
}

main().catch((err: unknown) => {
  const known = [ConfigError, DataDirLockedError, DomainError].some((E) => err instanceof E);
  console.error(`error: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}`);
  process.exit(1);
});
