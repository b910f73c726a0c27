import type { Db } from '../../db/client.ts';
import { one } from '../../db/query.ts';

/**
 * Parts of these tables still on disk though no longer active (replaced by a
 * merge or a mutation, removed by the engine's cleanup a moment later), and
 * active parts that still carry a deleted-rows mask.
 */
export async function oldParts(db: Db, tables: string[]): Promise<{ inactive: number; masked: number }> {
  const r = await one<{ inactive: number; masked: number }>(
    db,
    `SELECT
       (SELECT toUInt64(count()) FROM system.parts WHERE database = currentDatabase() AND table IN {tables:Array(String)} AND NOT active) AS inactive,
       (SELECT toUInt64(count()) FROM system.parts WHERE database = currentDatabase() AND table IN {tables:Array(String)} AND active
          AND has_lightweight_delete) AS masked`,
    { tables },
  );
  return { inactive: Number(r?.inactive ?? 0), masked: Number(r?.masked ?? 0) };
}
