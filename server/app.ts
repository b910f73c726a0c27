import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { resolveActor } from './auth/actor.ts';
import type { Deps } from './deps.ts';
import { notFound } from './domainError.ts';
import { guardedRouters, type RouteDeps } from './routes/guardedRouter.ts';
import { BODY_LIMIT, errorAnswer } from './routes/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { launchRoutes } from './routes/launches.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { modelRoutes } from './routes/models.ts';
import { offerRoutes } from './routes/offers.ts';
import { overviewRoutes } from './routes/overview.ts';
import { PERMISSIONS, UNCACHED } from './routes/permissions.ts';
import { reportRoutes } from './routes/reports.ts';
import { requestId } from './routes/requestId.ts';
import { playerRoutes } from './routes/players.ts';
import { responseCache } from './routes/responseCache.ts';
import { retentionRoutes } from './routes/retention.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { valueRoutes } from './routes/value.ts';
import { winbackRoutes } from './routes/winback.ts';
import { securityHeaders } from './securityHeaders.ts';

/** Builds the Express app without listening, so tests and the server share it. */
export function createApp(deps: Deps, webDist?: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(securityHeaders);
  app.use(express.json({ limit: BODY_LIMIT }));
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

  app.use(errorAnswer(deps.log));
  return app;
}
