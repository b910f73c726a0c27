import { hashSecret, newSecret } from './secrets.ts';
import type { Clock } from './sessions.ts';

export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

/**
 * One-time sign-in links printed at start on a loopback server, so the demo
 * opens without typing a password. Held in memory only: single use, gone after
 * 15 minutes or a restart.
 */
export class SignInLinks {
  private readonly links = new Map<string, { user: string; expiresAt: number }>();

  constructor(private readonly now: Clock = Date.now) {}

  /** A new link secret that signs `user` in once. */
  issue(user: string): string {
    const secret = newSecret();
    this.links.set(hashSecret(secret), { user, expiresAt: this.now() + SIGN_IN_LINK_TTL_MS });
    return secret;
  }

  /** The user a link secret signs in, once; undefined when unknown, used or expired. */
  consume(secret: string): string | undefined {
    const key = hashSecret(secret);
    const link = this.links.get(key);
    this.links.delete(key);
    return link && this.now() < link.expiresAt ? link.user : undefined;
  }
}
