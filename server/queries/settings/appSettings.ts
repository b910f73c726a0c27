import type { Db } from '../../db/client.ts';
import { insertRows, one } from '../../db/query.ts';

/** Reads one key of app_settings (latest write wins); undefined when never set. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await one<{ value: string }>(db, `SELECT argMax(value, updated_at) AS value FROM app_settings WHERE key = {key:String} GROUP BY key`, { key });
  return r?.value;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await insertRows(db, 'app_settings', [{ key, value, updated_at: new Date().toISOString() }]);
}
