import { createHash, randomInt } from 'node:crypto';

/**
 * The treatment/holdout draw of a launch. A player's group depends only on
 * (seed, player_id): SHA-256 of "<seed>:<player_id>" read as a number in
 * [0, 1), holdout when below the holdout share. The same seed therefore gives
 * the same groups whatever the order or the paging of the audience, and a
 * launch can be re-checked from its stored seed alone.
 */
export type Group = 'treatment' | 'holdout';

/** Seeds are whole numbers a JS number holds exactly (stored as UInt64). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** The player's draw in [0, 1): the first 48 bits of the hash. */
export function drawOf(seed: number, playerId: string): number {
  const h = createHash('sha256').update(`${seed}:${playerId}`).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

export const groupOf = (seed: number, playerId: string, holdoutShare: number): Group => (drawOf(seed, playerId) < holdoutShare ? 'holdout' : 'treatment');

/** A fresh seed when the designer gives none (48 bits: plenty, and exact in JSON). */
export const newSeed = (): number => randomInt(0, 2 ** 48 - 1);
