import { REQUESTS } from '../contract/requests.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import { auditRefusals } from './audit/refused.ts';
import { createAccounts } from './auth/accounts.ts';
import { resolveActor } from './auth/actor.ts';
import { keptForMs } from './db/dataMemo.ts';
import type { Deps } from './deps.ts';
import { notFound } from './domainError.ts';
import { guardedRouters, type RouteDeps } from './routes/guardedRouter.ts';
import { alertRoutes } from './routes/alerts.ts';
import { auditRoutes } from './routes/audit.ts';
import { erasureRoutes } from './routes/erasure.ts';
import { BODY_LIMIT, errorAnswer } from './routes/errors.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { launchRoutes } from './routes/launches.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { modelRoutes } from './routes/models.ts';
import { offerRoutes } from './routes/offers.ts';
import { overviewRoutes } from './routes/overview.ts';
import { DURING_PREPARATION, PERMISSIONS, UNCACHED } from './routes/permissions.ts';
import { reportRoutes } from './routes/reports.ts';
import { requestId } from './routes/requestId.ts';
import { playerRoutes } from './routes/players.ts';
import { type CacheOptions, responseCache } from './routes/responseCache.ts';
import { retentionRoutes } from './routes/retention.ts';
import { sessionRoutes } from './routes/session.ts';
import { settingsRoutes } from './routes/settings.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { valueRoutes } from './routes/value.ts';
import { winbackRoutes } from './routes/winback.ts';
import { securityHeaders } from './securityHeaders.ts';
import { dashboardAssets } from './dashboardAssets.ts';

/** The response cache's settings: answers of the embedded engine stay until this process writes; a shared server's also expire. */
export function cacheOptions({ cfg, db }: Pick<Deps, 'cfg' | 'db'>): CacheOptions {
  const maxAgeMs = keptForMs(db, cfg);
  return { enabled: maxAgeMs > 0, maxAgeMs, maxEntries: 500 };
}

/** Builds the Express app without listening, so tests and the server share it. */
export function createApp(deps: Deps, webDist?: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // req.secure and req.ip believe X-Forwarded-* only from a proxy TRUST_PROXY names.
  app.set('trust proxy', deps.cfg.auth.trustProxy);
  app.use(requestId);
  app.use(securityHeaders);
  // The `compression` package rather than hand-wired node:zlib: it negotiates br/gzip,
  // adds Vary: Accept-Encoding, skips small answers (< 1 kB) and types that are
  // already compressed, and keeps res.write's back-pressure, so streamed CSVs still stream.
  // Brotli runs at quality 4 (its default), cheap enough for answers made per request.
  app.use(compression());
  app.use(express.json({ limit: BODY_LIMIT }));
  const api = express.Router();
  const accounts = deps.accounts ?? createAccounts(deps.db, deps.cfg);
  api.use(resolveActor({ ...deps, accounts }));
  const cache = responseCache(deps.db, cacheOptions(deps));
  const routeDeps: RouteDeps = {
    ...deps,
    accounts,
    router: guardedRouters({
      table: PERMISSIONS,
      requests: REQUESTS,
      uncached: UNCACHED,
      cache,
      prefix: '/api',
      preparing: { active: () => deps.preparation?.preparing ?? false, answers: DURING_PREPARATION },
    }),
  };
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
    alertRoutes,
    sessionRoutes,
    userRoutes,
    tokenRoutes,
    auditRoutes,
    erasureRoutes,
  ])
    api.use(routes(routeDeps));
  api.use((req, _res, next) => next(notFound(`no such endpoint: ${req.method} ${req.baseUrl}${req.path}`)));
  app.use('/api', api);

  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    app.use(dashboardAssets(webDist));
  }

  // A refused request (401, 403) is on the audit trail before its answer leaves.
  app.use(auditRefusals(deps));
  app.use(errorAnswer(deps.log));
  return app;
}
