import type { Router } from 'express';
import type { AuditPage, AuditVerify } from '../../contract/audit.ts';
import { auditor } from '../audit/audited.ts';
import { auditCsv, auditPage } from '../audit/trail.ts';
import { verifyAudit } from '../audit/verify.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import { orderedDays } from './params.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function auditRoutes(deps: RouteDeps): Router {
  const { db } = deps;
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/audit',
    handle(async (req) => {
      const { limit, offset, ...filter } = inputOf(req, 'GET /api/audit').query;
      orderedDays(filter.from, filter.to);
      const page = { limit, offset };
      return (await auditPage(db, filter, page)) satisfies AuditPage;
    }),
  );
  r.get(
    '/audit.csv',
    handle(async (req, res) => {
      const { lang, header, ...filter } = inputOf(req, 'GET /api/audit.csv').query;
      orderedDays(filter.from, filter.to);
      // The export lists who read which player and from where: taking it is itself on the trail.
      await audited.record(req, { action: 'audit.export', detail: { ...filter } });
      await streamCsv(res, auditCsv(db, filter, { lang, header }));
    }),
  );
  r.get(
    '/audit/verify',
    handle(async () => (await verifyAudit(db)) satisfies AuditVerify),
  );
  return r;
}
