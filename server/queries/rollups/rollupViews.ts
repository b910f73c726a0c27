import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

/**
 * The SELECT of each named materialized view, read from the engine's catalogue
 * so a rollup rebuild runs exactly the SQL the views run on every insert.
 */
export async function viewSelects(db: Db, names: string[]): Promise<Map<string, string>> {
  const list = await rows<{ name: string; select: string }>(
    db,
    `SELECT name, as_select AS select FROM system.tables
     WHERE database = currentDatabase() AND engine = 'MaterializedView' AND name IN {names:Array(String)}`,
    { names },
  );
  return new Map(list.map((v) => [v.name, v.select]));
}
