import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { resolveActor } from './auth/actor.ts';
import type { Deps } from './deps.ts';
import { DomainError, notFound, STATUS_OF_KIND } from './domainError.ts';
import { guardedRouters, type RouteDeps } from './routes/guardedRouter.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { launchRoutes } from './routes/launches.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { modelRoutes } from './routes/models.ts';
import { offerRoutes } from './routes/offers.ts';
import { overviewRoutes } from './routes/overview.ts';
import { PERMISSIONS, UNCACHED } from './routes/permissions.ts';
import { reportRoutes } from './routes/reports.ts';
import { playerRoutes } from './routes/players.ts';
import { responseCache } from './routes/responseCache.ts';
import { retentionRoutes } from './routes/retention.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { valueRoutes } from './routes/value.ts';
import { winbackRoutes } from './routes/winback.ts';
import { redactUrl } from './log.ts';
import { securityHeaders } from './securityHeaders.ts';

/** Builds the Express app without listening, so tests and the server share it. */
export function createApp(deps: Deps, webDist?: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(express.json({ limit: '100kb' }));
  const api = express.Router();
  api.use(resolveActor(deps));
  const cache = responseCache(deps.db, { maxAgeMs: deps.cfg.apiCacheSeconds * 1000, maxEntries: 500 });
  const routeDeps: RouteDeps = { ...deps, router: guardedRouters({ table: PERMISSIONS, uncached: UNCACHED, cache, prefix: '/api' }) };
  for (const routes of [
    healthRoutes,
    overviewRoutes,
    ingestRoutes,
    lifecycleRoutes,
    retentionRoutes,
    playerRoutes,
    valueRoutes,
    settingsRoutes,
    modelRoutes,
    offerRoutes,
    winbackRoutes,
    reportRoutes,
    launchRoutes,
    sessionRoutes,
  ])
    api.use(routes(routeDeps));
  api.use((req, _res, next) => next(notFound(`no such endpoint: ${req.method} ${req.baseUrl}${req.path}`)));
  app.use('/api', api);

  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  }

  // Errors leave as JSON with a message: 4xx for the caller's mistakes, 500 (logged) for ours.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof DomainError) {
      res.status(STATUS_OF_KIND[err.kind]).json({ error: err.message, ...err.details });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed' || e.status === 400) {
      res.status(400).json({ error: `invalid JSON body: ${e.message ?? ''}` });
      return;
    }
    // An engine error can carry the server's URL, credentials included.
    deps.log.error('request failed', { method: req.method, url: req.originalUrl, error: redactUrl((err as Error)?.stack ?? String(err)) });
    res.status(500).json({
      error: `internal error: ${String(e.message ?? err)
        .split('\n')[0]
        .slice(0, 300)}`,
    });
  });
  return app;
}
