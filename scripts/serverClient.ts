import type { Config } from '../server/config.ts';
import type { Db } from '../server/db/client.ts';
import { redactUrl } from '../server/log.ts';

export const serverUrl = (cfg: Config) => `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${cfg.port}`;

/** True when this product's server answers on the configured address (checked by its health endpoint). */
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

/**
 * A request to the running server, for commands that go through its API.
 * Minimal for now: the local admin credential is added here once accounts land.
 */
export function serverFetch(cfg: Config, apiPath: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${serverUrl(cfg)}${apiPath}`, init);
}
