import type { Config } from '../server/config.ts';

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
