import type { Router } from 'express';
import type { AuditPage, AuditVerify } from '../../contract/audit.ts';
import { auditor } from '../audit/audited.ts';
import { auditCsv, auditPage, type AuditFilter } from '../audit/trail.ts';
import { verifyAudit } from '../audit/verify.ts';
import { invalid } from '../domainError.ts';
import { handle, streamCsv } from './http.ts';
import { parseDay, parseWhole, queryString } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

const ACTION = /^[a-z_.]{1,64}$/;

/** ?user&action&from&to, each optional; 400 for a malformed one. */
function parseFilter(q: Record<string, unknown>): AuditFilter {
  const user = queryString(q, 'user');
  if (user !== undefined && user.length > 128) throw invalid('user must be at most 128 characters');
  const action = queryString(q, 'action');
  if (action !== undefined && !ACTION.test(action)) throw invalid(`action must be an action such as offer.save (or a prefix such as offer.), got "${action}"`);
  const fromRaw = queryString(q, 'from');
  const toRaw = queryString(q, 'to');
  const from = fromRaw === undefined ? undefined : parseDay(fromRaw, 'from');
  const to = toRaw === undefined ? undefined : parseDay(toRaw, 'to');
  if (from && to && from > to) throw invalid(`from (${from}) is after to (${to})`);
  return { user, action, from, to };
}

export function auditRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/audit',
    handle(async (req) => {
      const q = req.query as Record<string, unknown>;
      const filter = parseFilter(q);
      const page = { limit: parseWhole(q, 'limit', 100, 1, 500), offset: parseWhole(q, 'offset', 0, 0, 100_000_000) };
      return (await auditPage(db, filter, page)) satisfies AuditPage;
    }),
  );
  r.get(
    '/audit.csv',
    handle(async (req, res) => {
      const filter = parseFilter(req.query as Record<string, unknown>);
      // The export lists who read which player and from where: taking it is itself on the trail.
      await audited.record(req, { action: 'audit.export', detail: { ...filter } });
      await streamCsv(res, auditCsv(db, filter));
    }),
  );
  r.get(
    '/audit/verify',
    handle(async () => (await verifyAudit(db)) satisfies AuditVerify),
  );
  return r;
}
