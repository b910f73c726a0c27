import type { Request, Response, Router } from 'express';
import type { Me } from '../../contract/auth.ts';
import type { Actor } from '../auth/actor.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/cookies.ts';
import { csrfTokenOf } from '../auth/csrf.ts';
import { changeOwnPassword, signIn, signInWithLink, type SignedIn } from '../auth/signIn.ts';
import { audit, whoOf } from '../audit/audit.ts';
import { DomainError, invalid } from '../domainError.ts';
import type { RouteDeps } from './guardedRouter.ts';
import { handle } from './http.ts';
import { inputOf } from './input.ts';
import { PERMISSIONS } from './permissions.ts';

const meOf = (actor: Actor, csrfToken: string | null): Me => ({ user: actor.name, role: actor.role, kind: actor.kind, csrfToken, access: PERMISSIONS });

/** A 429 carries Retry-After as well as retryAfterSeconds in the body. */
function withRetryAfter(res: Response) {
  return (err: unknown): never => {
    if (err instanceof DomainError && err.kind === 'too_many') res.set('Retry-After', String(err.details?.retryAfterSeconds ?? 1));
    throw err;
  };
}

export function sessionRoutes({ db, accounts, router }: RouteDeps): Router {
  const r = router();
  const answerSignedIn = (req: Request, res: Response, { secret, session }: SignedIn): Me => {
    setSessionCookie(req, res, secret, accounts.cookieMaxAgeMs);
    return meOf({ name: session.user, role: session.role, kind: 'session' }, csrfTokenOf(secret));
  };

  r.get(
    '/session',
    handle(async (req) => meOf(req.actor as Actor, req.authSession?.csrfToken ?? null) satisfies Me),
  );
  r.post(
    '/session',
    handle(
      async (req, res) =>
        answerSignedIn(req, res, await signIn(db, accounts, inputOf(req, 'POST /api/session').body, req.ip ?? '').catch(withRetryAfter(res))) satisfies Me,
    ),
  );
  r.post(
    '/session/link',
    handle(
      async (req, res) => answerSignedIn(req, res, await signInWithLink(db, accounts, inputOf(req, 'POST /api/session/link').body, req.ip ?? '')) satisfies Me,
    ),
  );
  r.delete(
    '/session',
    handle(async (req, res) => {
      if (!req.authSession) throw invalid('only a browser session signs out; an API token is revoked instead');
      await accounts.sessions.signOut(req.authSession.tokenHash);
      clearSessionCookie(req, res);
      await audit(db, whoOf(req), { action: 'session.sign_out', target: req.actor?.name });
      res.status(204).end();
    }),
  );
  r.post(
    '/session/password',
    handle(async (req, res) => {
      if (!req.authSession) throw invalid('only a signed-in user changes their own password; an API token has none');
      return answerSignedIn(
        req,
        res,
        await changeOwnPassword(db, accounts, whoOf(req), inputOf(req, 'POST /api/session/password').body).catch(withRetryAfter(res)),
      ) satisfies Me;
    }),
  );
  return r;
}
