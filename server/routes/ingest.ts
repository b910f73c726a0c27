import type { Router } from 'express';
import path from 'node:path';
import type { IngestResult, IngestStatus } from '../../contract/ingest.ts';
import { auditor } from '../audit/audited.ts';
import { ingestFacts } from '../audit/facts.ts';
import { invalid } from '../domainError.ts';
import { ingestFromApi } from '../ingest/apiRun.ts';
import { ingestStatus, quarantineCsv } from '../ingest/status.ts';
import { handle, streamCsv } from './http.ts';
import { inputOf } from './input.ts';
import type { RouteDeps } from './guardedRouter.ts';

export function ingestRoutes(deps: RouteDeps): Router {
  const r = deps.router();
  const audited = auditor(deps);
  r.get(
    '/ingest/status',
    handle(async () => (await ingestStatus(deps.db)) satisfies IngestStatus),
  );
  r.get(
    '/ingest/quarantine.csv',
    handle(async (req, res) => {
      await audited.record(req, { action: 'export.quarantine', detail: {} });
      await streamCsv(res, quarantineCsv(deps.db, inputOf(req, 'GET /api/ingest/quarantine.csv').query));
    }),
  );
  // Used by `npm run ingest` when this server owns the embedded engine: the files are read from this machine's disk.
  r.post(
    '/ingest',
    handle(async (req) => {
      const { paths } = inputOf(req, 'POST /api/ingest').body;
      // The files are read from this machine's disk: a relative path would depend on where the server was started.
      if (paths.length === 0 || !paths.every((p) => path.isAbsolute(p))) throw invalid('body must be {"paths": ["/absolute/file/or/dir", ...]}');
      const ask = { paths };
      const entry = { action: 'ingest.run', target: (r: IngestResult) => `ingest:${r.runId}`, detail: ingestFacts(ask.paths) };
      return (await audited.change(req, entry, () => ingestFromApi(deps, ask))) satisfies IngestResult;
    }),
  );
  return r;
}
