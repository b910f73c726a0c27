import type { NextFunction, Request, Response } from 'express';
import type { ActorKind, Role } from '../../contract/auth.ts';
import type { Deps } from '../deps.ts';
import { unauthenticated } from '../domainError.ts';
import { tokenOfBearer } from './tokens.ts';

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
    }
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Finds who a request comes from: an `Authorization: Bearer` API token. No
 * credentials leave the request anonymous (each route decides with its access);
 * credentials that prove nothing are refused at once.
 */
export function resolveActor({ db }: Pick<Deps, 'db'>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const bearer = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (!bearer) {
      next();
      return;
    }
    tokenOfBearer(db, bearer)
      .then((t) => {
        if (!t) throw unauthenticated('the API token is unknown or revoked');
        req.actor = { name: t.name, role: t.role, kind: 'token' };
        next();
      })
      .catch(next);
  };
}
