import path from 'node:path';
import express from 'express';
import { notFound } from './domainError.ts';

/** Vite's content-hashed output (`assets/<name>-<hash>.<ext>`): a new build gives a new name, so the old one never changes. */
const HASHED_ASSET = /^assets\/[^/]+-[\w-]{8,}\.[a-z0-9]+$/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built dashboard: hashed assets cached by browsers for a year,
 * everything else (index.html first) revalidated on every load so a new
 * build is picked up at once; a missing asset is a 404, not index.html, so a
 * page left open across a deploy fails to load an old chunk visibly.
 */
export function dashboardAssets(webDist: string): express.Router {
  const router = express.Router();
  router.use(
    express.static(webDist, {
      index: 'index.html',
      setHeaders: (res, file) => {
        const rel = path.relative(webDist, file).split(path.sep).join('/');
        res.setHeader('Cache-Control', HASHED_ASSET.test(rel) ? IMMUTABLE : 'no-cache');
      },
    }),
  );
  router.use('/assets', (req, _res, next) => next(notFound(`no such asset: ${req.path}`)));
  router.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } }));
  return router;
}
