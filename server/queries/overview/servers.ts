import type { Db } from '../../db/client.ts';
import { rows } from '../../db/query.ts';

export async function serverIds(db: Db): Promise<string[]> {
  return (await rows<{ s: string }>(db, `SELECT DISTINCT server_id AS s FROM player_server_first ORDER BY s`)).map((r) => r.s);
}
