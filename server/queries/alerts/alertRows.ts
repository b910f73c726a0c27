import type { Alert, AlertCheck, AlertRule } from '../../../contract/alerts.ts';
import type { Db } from '../../db/client.ts';
import { insertRows, one, rows } from '../../db/query.ts';
import { isoTime } from './isoTime.ts';

// Decimals and times as text: a Decimal read as a JSON number would pass through a float.
const ALERT_COLUMNS = `alert_id AS alertId, rule, if(isNull(day), NULL, toString(day)) AS day, toString(observed) AS observed,
  toString(expected) AS expected, toString(band_low) AS low, toString(band_high) AS high, detail, params, ${isoTime('fired_at')} AS firedAt,
  nullIf(acknowledged_by, '') AS acknowledgedBy, if(isNull(acknowledged_at), NULL, ${isoTime('acknowledged_at')}) AS acknowledgedAt`;

type Stored = Omit<Alert, 'detail' | 'params'> & { detail: string; params: string };

const parsed = (r: Stored): Alert => ({ ...r, detail: JSON.parse(r.detail), params: JSON.parse(r.params) });

/** Alerts newest first: the unacknowledged ones, or all of them. */
export async function listAlerts(db: Db, q: { openOnly: boolean; limit: number }): Promise<Alert[]> {
  const out = await rows<Stored>(
    db,
    `SELECT ${ALERT_COLUMNS} FROM alerts FINAL
     WHERE NOT {openOnly:Bool} OR isNull(acknowledged_at)
     ORDER BY fired_at DESC, alert_id LIMIT {limit:UInt32}`,
    q,
  );
  return out.map(parsed);
}

export async function alertById(db: Db, alertId: string): Promise<Alert | undefined> {
  const r = await one<Stored>(db, `SELECT ${ALERT_COLUMNS} FROM alerts FINAL WHERE alert_id = {alertId:String}`, { alertId });
  return r && parsed(r);
}

/** The rule's latest alert, acknowledged or not: its time and day, for the cool-down. */
export async function lastAlertOf(db: Db, rule: AlertRule): Promise<{ firedAt: string; day: string | null } | undefined> {
  return one(
    db,
    `SELECT ${isoTime('fired_at')} AS firedAt, if(isNull(day), NULL, toString(day)) AS day FROM alerts FINAL
     WHERE rule = {rule:String} ORDER BY fired_at DESC LIMIT 1`,
    { rule },
  );
}

/** A new alert or its acknowledged state (latest updated_at wins). Read by no cached answer: a control write. */
export async function writeAlert(db: Db, a: Alert): Promise<void> {
  await insertRows(
    db,
    'alerts',
    [
      {
        alert_id: a.alertId,
        rule: a.rule,
        day: a.day,
        observed: a.observed,
        expected: a.expected,
        band_low: a.low,
        band_high: a.high,
        detail: JSON.stringify(a.detail),
        params: JSON.stringify(a.params),
        fired_at: a.firedAt,
        acknowledged_by: a.acknowledgedBy ?? '',
        acknowledged_at: a.acknowledgedAt,
        updated_at: new Date().toISOString(),
      },
    ],
    { control: true },
  );
}

export async function writeChecks(db: Db, checks: AlertCheck[]): Promise<void> {
  await insertRows(
    db,
    'alert_checks',
    checks.map(({ rule, outcome, checkedAt, ...figures }) => ({ rule, outcome, figures: JSON.stringify(figures), checked_at: checkedAt })),
    { control: true },
  );
}

/** Each rule's last check. */
export async function latestChecks(db: Db): Promise<AlertCheck[]> {
  const out = await rows<Pick<AlertCheck, 'rule' | 'outcome' | 'checkedAt'> & { figures: string }>(
    db,
    `SELECT rule, outcome, figures, ${isoTime('checked_at')} AS checkedAt FROM alert_checks FINAL ORDER BY rule`,
  );
  return out.map(({ figures, ...c }) => ({ ...c, ...JSON.parse(figures) }));
}
