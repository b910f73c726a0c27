import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * The secret that keys player-id hashes: ERASURE_KEY, or a random key kept in
 * DATA_DIR/secrets/erasure.key (created on first use, readable by the owner
 * only). Without the key a stored hash cannot be matched against guessed ids.
 */
export function erasureKey(cfg: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ERASURE_KEY) return env.ERASURE_KEY;
  const file = path.join(cfg.dataDir, 'secrets', 'erasure.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

/** A player id as the deny list and the audit trail keep it: HMAC-SHA256 under the erasure key. */
export const playerKeyHash = (key: string, playerId: string): string => createHmac('sha256', key).update(playerId).digest('hex');
