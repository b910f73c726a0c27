import type { Alert, AlertList } from '../../contract/alerts.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../domainError.ts';
import { alertById, latestChecks, listAlerts, writeAlert } from '../queries/alerts/alertRows.ts';

/** Open alerts stay listed however many; the history shows the latest `recent`. */
const MAX_OPEN = 500;

export async function alertList(db: Db, recent: number): Promise<AlertList> {
  const [open, history, checks] = await Promise.all([
    listAlerts(db, { openOnly: true, limit: MAX_OPEN }),
    listAlerts(db, { openOnly: false, limit: recent }),
    latestChecks(db),
  ]);
  return { open, recent: history, checks };
}

/**
 * Marks an alert acknowledged by `who`: it leaves the open list (the Data
 * health and Overview banners) and stays in the history. 404 for no such
 * alert, 409 when someone acknowledged it already.
 */
export async function acknowledgeAlert(db: Db, alertId: string, who: string): Promise<Alert> {
  const alert = await alertById(db, alertId);
  if (!alert) throw notFound(`no alert with id "${alertId}"`);
  if (alert.acknowledgedAt) throw conflict(`the alert was acknowledged already, by ${alert.acknowledgedBy} at ${alert.acknowledgedAt}`);
  const acknowledged: Alert = { ...alert, acknowledgedBy: who, acknowledgedAt: new Date().toISOString() };
  await writeAlert(db, acknowledged);
  return acknowledged;
}
