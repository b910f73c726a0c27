import { readFileSync } from 'node:fs';
import { localCredentialPath } from '../server/auth/localCredential.ts';
import { ConfigError, type Config } from '../server/config.ts';
import type { Db } from '../server/db/client.ts';
import { redactUrl } from '../server/log.ts';

export const serverUrl = (cfg: Config) => `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${cfg.port}`;

/** True when this product's server answers on the configured address (its public health answer names the engine: {ok, engine, version}). */
export async function tryServer(cfg: Config): Promise<boolean> {
  try {
    const res = await fetch(`${serverUrl(cfg)}/api/health`, { signal: AbortSignal.timeout(1500) });
    if (!res.ok) return false;
    const body = (await res.json()) as { engine?: string };
    return body.engine === 'embedded' || body.engine === 'remote';
  } catch {
    return false;
  }
}

/** What a command says when no server answers and it opens the engine itself; a server URL loses its credentials. */
export const openedEngineLine = (db: Db, cfg: Config) =>
  db.engine === 'embedded'
    ? `no server running: opened the embedded engine at ${db.dataPath}`
    : `no server running: talking to ${redactUrl(cfg.clickhouse.url ?? '')}`;

/** The credential the running server wrote for tools on its machine (DATA_DIR/local-admin.token, readable by its user only). */
function localCredential(cfg: Config): string {
  const file = localCredentialPath(cfg.dataDir);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new ConfigError(
      `the dashboard server is running but ${file} cannot be read: run this command as the user that started the server, with the same DATA_DIR`,
    );
  }
}

/** fetch on the running server (path from /api), signed with the local admin credential as a Bearer. */
export function serverFetch(cfg: Config, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${localCredential(cfg)}`);
  return fetch(`${serverUrl(cfg)}${path}`, { ...init, headers });
}

/** A JSON request to the running server; its 4xx/5xx message becomes the error. */
export async function serverJson<T>(cfg: Config, method: string, path: string, body?: object): Promise<T> {
  const res = await serverFetch(cfg, path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = res.status === 204 ? {} : ((await res.json()) as { error?: string });
  if (!res.ok) throw new ConfigError(`server refused: ${(answer as { error?: string }).error ?? res.status}`);
  return answer as T;
}
