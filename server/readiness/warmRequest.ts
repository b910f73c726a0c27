import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { hashSecret, newSecret } from '../auth/secrets.ts';

/** The name the page warmer's requests act under: a viewer, since it computes what every page shows. */
export const WARMER_ACTOR = 'page-warmer';

/**
 * The page warmer's credential: random at every start and held only in this
 * process's memory (never written anywhere), so nothing else can present it.
 */
export class WarmerCredential {
  readonly secret = `pld_warm_${newSecret()}`;
  private readonly hash = Buffer.from(hashSecret(this.secret));

  matches(bearer: string): boolean {
    return timingSafeEqual(Buffer.from(hashSecret(bearer)), this.hash);
  }
}

/** True for a request the page warmer sent (its actor is set by resolveActor from the credential above). */
export const isWarmRequest = (req: Request): boolean => req.actor?.kind === 'local' && req.actor.name === WARMER_ACTOR;

export interface WarmAnswer {
  status: number;
  body: string;
}

/** Sends one GET through the whole app (access check, parameters, cache, handler), as a page would. */
export type WarmGet = (path: string) => Promise<WarmAnswer>;

/** GETs of this server at `base` (http://127.0.0.1:port) with the warmer's credential. */
export function warmGetter(base: string, credential: WarmerCredential): WarmGet {
  return async (path) => {
    // identity: nothing to gain from compressing an answer nobody reads.
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${credential.secret}`, 'accept-encoding': 'identity' } });
    return { status: res.status, body: await res.text() };
  };
}
