import type { Router } from 'express';
import type { Alert, AlertList, AlertSettings } from '../../contract/alerts.ts';
import { acknowledgeAlert, alertList } from '../alerts/ack.ts';
import { currentAlertSettings, saveAlertSettings } from '../alerts/settings.ts';
import { auditor } from '../audit/audited.ts';
import { alertById } from '../queries/alerts/alertRows.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

/** Alerts: the open and recent ones with each rule's last check, acknowledging one, and the rules' settings. */
export function alertRoutes(deps: RouteDeps): Router {
  const { db, cfg } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/alerts',
    handle(async (req) => (await alertList(db, inputOf(req, 'GET /api/alerts').query.limit)) satisfies AlertList),
  );
  r.post(
    '/alerts/:id/ack',
    handle(async (req) => {
      const { id } = inputOf(req, 'POST /api/alerts/:id/ack').path;
      const who = req.actor?.name ?? 'anonymous';
      const entry = { action: 'alert.ack', target: `alert:${id}`, before: () => alertById(db, id), after: (a: Alert) => a };
      return (await audited.change(req, entry, () => acknowledgeAlert(db, id, who))) satisfies Alert;
    }),
  );
  r.get(
    '/alerts/rules',
    handle(async () => (await currentAlertSettings(db, cfg)) satisfies AlertSettings),
  );
  r.put(
    '/alerts/rules',
    handle(async (req) => {
      const body = inputOf(req, 'PUT /api/alerts/rules').body;
      const who = req.actor?.name ?? 'anonymous';
      const entry = { action: 'alert.rules', target: 'alerts:rules', before: () => currentAlertSettings(db, cfg), after: (s: AlertSettings) => s };
      return (await audited.change(req, entry, () => saveAlertSettings(db, cfg, who, body))) satisfies AlertSettings;
    }),
  );
  return r;
}
