import type { AlertSettings } from '../../../contract/alerts.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one } from '../../db/query.ts';
import { isoTime } from './isoTime.ts';

/** The latest saved version of the alert settings; undefined before the first save. */
export async function latestAlertSettings(db: Db): Promise<AlertSettings | undefined> {
  const r = await one<{ version: number; settings: string; author: string; savedAt: string }>(
    db,
    `SELECT version, settings, author, ${isoTime('saved_at')} AS savedAt FROM alert_settings ORDER BY version DESC LIMIT 1`,
  );
  if (!r) return undefined;
  const { rules, notify } = JSON.parse(r.settings) as Pick<AlertSettings, 'rules' | 'notify'>;
  return { version: Number(r.version), author: r.author, savedAt: r.savedAt, rules, notify };
}

/** Alert settings are read by no cached answer: a control write. */
export async function insertAlertSettings(db: Db, s: AlertSettings): Promise<void> {
  await insertRows(
    db,
    'alert_settings',
    [{ version: s.version, settings: JSON.stringify({ rules: s.rules, notify: s.notify }), author: s.author, saved_at: s.savedAt }],
    { control: true },
  );
}
