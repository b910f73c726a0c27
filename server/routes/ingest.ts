import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { Deps } from '../deps.ts';
import { runIngestAndRefresh } from '../ingest/runAndRefresh.ts';
import { lastRun, quarantineByReason, recentLedger, recentQuarantine } from '../queries/ingest/status.ts';
import { handle } from './http.ts';
import { invalid } from '../domainError.ts';

export function ingestRoutes(deps: Deps): Router {
  const { db } = deps;
  const r = Router();
  r.get(
    '/ingest/status',
    handle(async () => {
      const [ledger, byReason, recent, run] = await Promise.all([recentLedger(db, 200), quarantineByReason(db), recentQuarantine(db, 25), lastRun(db)]);
      return { ledger, quarantine: { total: byReason.reduce((n, x) => n + Number(x.rows), 0), byReason, recent }, lastRun: run };
    }),
  );
  // Used by `npm run ingest` when this server owns the embedded engine: the files are read from this machine's disk.
  r.post(
    '/ingest',
    handle(async (req) => {
      const paths = (req.body as { paths?: unknown } | undefined)?.paths;
      if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && path.isAbsolute(p))) {
        throw invalid('body must be {"paths": ["/absolute/file/or/dir", ...]}');
      }
      const missing = paths.find((p) => !existsSync(p));
      if (missing) throw invalid(`no such file or directory: ${missing}`);
      return runIngestAndRefresh(deps, { paths, source: 'api' });
    }),
  );
  return r;
}
