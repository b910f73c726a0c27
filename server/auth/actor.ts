import type { NextFunction, Request, Response } from 'express';
import type { ActorKind, Role } from '../../contract/auth.ts';
import type { Deps } from '../deps.ts';
import { DomainError, unauthenticated } from '../domainError.ts';
import type { Accounts } from './accounts.ts';
import { clearSessionCookie, sessionCookieOf } from './cookies.ts';
import { csrfTokenMatches, csrfTokenOf, SAFE_METHODS } from './csrf.ts';
import { LOCAL_ACTOR } from './localCredential.ts';
import { PERMISSIONS, type RouteKey } from '../routes/permissions.ts';
import { tokenOfBearer } from './tokens.ts';
import { WARMER_ACTOR } from '../readiness/warmRequest.ts';

/** Who is calling, as every route and the audit trail see it. */
export interface Actor {
  name: string;
  role: Role;
  kind: ActorKind;
}

declare global {
  namespace Express {
    interface Request {
      /** Set by resolveActor when the request proves who it is; absent for anonymous callers. */
      actor?: Actor;
      /** The sign-in session a cookie request belongs to. */
      authSession?: { tokenHash: string; csrfToken: string };
      /** Why a request that sent credentials is anonymous (an ended or expired session), for the 401 message. */
      anonymousReason?: { error: string; code: string };
    }
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

export const SESSION_EXPIRED = { error: 'your session has expired; sign in again', code: 'session_expired' };
export const CSRF_REFUSED = { error: 'missing or wrong CSRF token', code: 'csrf' };

/**
 * Finds who a request comes from: an `Authorization: Bearer` API token (or the
 * local tools' credential), else the session cookie. No credentials leave the
 * request anonymous (each route decides with its access); a bad bearer is
 * refused at once; an unknown or expired cookie leaves it anonymous with a
 * reason. A state-changing request of a session must carry its CSRF token.
 */
export function resolveActor({ db, accounts }: Pick<Deps, 'db'> & { accounts: Accounts }) {
  const byBearer = async (req: Request, bearer: string) => {
    if (accounts.local.matches(bearer)) {
      req.actor = { name: LOCAL_ACTOR, role: 'admin', kind: 'local' };
      return;
    }
    if (accounts.warmer.matches(bearer)) {
      // The page warmer (server/readiness/pageWarmer.ts) reads what every page shows, as the least role does.
      req.actor = { name: WARMER_ACTOR, role: 'viewer', kind: 'local' };
      return;
    }
    const t = await tokenOfBearer(db, bearer);
    if (!t) throw unauthenticated('the API token is unknown or revoked');
    req.actor = { name: t.name, role: t.role, kind: 'token' };
  };

  const byCookie = async (req: Request, res: Response, secret: string) => {
    const session = await accounts.sessions.resolve(secret);
    if (!session) {
      req.anonymousReason = SESSION_EXPIRED;
      clearSessionCookie(req, res);
      return;
    }
    req.actor = { name: session.user, role: session.role, kind: 'session' };
    req.authSession = { tokenHash: session.tokenHash, csrfToken: csrfTokenOf(secret) };
    if (SAFE_METHODS.has(req.method) || csrfTokenMatches(secret, req.get('x-csrf-token'))) return;
    if (PERMISSIONS[`${req.method} ${req.baseUrl}${req.path}` as RouteKey] === 'public') {
      // A sign-in (or a sign-in link) from a browser that still holds a session needs no CSRF token: it proves itself anew.
      req.actor = undefined;
      req.authSession = undefined;
      return;
    }
    // server/audit/refused.ts records the refusal, with its code as the reason.
    throw new DomainError('forbidden', CSRF_REFUSED.error, { code: CSRF_REFUSED.code });
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    const bearer = BEARER.exec(req.get('authorization') ?? '')?.[1];
    const cookie = bearer ? undefined : sessionCookieOf(req);
    const resolving = bearer ? byBearer(req, bearer) : cookie ? byCookie(req, res, cookie) : undefined;
    if (!resolving) {
      next();
      return;
    }
    resolving.then(() => next(), next);
  };
}
