import type { AuthConfig } from '../config.ts';
import { DomainError } from '../domainError.ts';
import type { Clock } from './sessions.ts';

interface Failures {
  count: number;
  lastAt: number;
}

/** Keys kept before the forgotten ones are swept, so a flood of names cannot grow memory for long. */
const SWEEP_ABOVE = 10_000;

/**
 * Failed sign-ins per account and per client address. Within the window the
 * first `free` failures cost nothing; after them each attempt must wait
 * base × 2^(failures − free) seconds (up to the max) after the last failure.
 * A success clears the account's count; an address's count drains with the window.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly cfg: AuthConfig['signIn'],
    private readonly now: Clock = Date.now,
  ) {}

  /** Throws 429 (with retryAfterSeconds) when the account or the address must still wait. */
  check(user: string, ip: string): void {
    const wait = Math.max(this.waitMs(accountKey(user), this.cfg.freeFailures), this.waitMs(addressKey(ip), this.cfg.freeFailuresPerAddress));
    if (wait <= 0) return;
    const retryAfterSeconds = Math.ceil(wait / 1000);
    throw new DomainError('too_many', `too many failed sign-ins; wait ${retryAfterSeconds} s before trying again`, { retryAfterSeconds, code: 'rate_limited' });
  }

  fail(user: string, ip: string): void {
    const at = this.now();
    for (const key of [accountKey(user), addressKey(ip)]) {
      const f = this.live(key, at);
      this.failures.set(key, { count: (f?.count ?? 0) + 1, lastAt: at });
    }
    if (this.failures.size > SWEEP_ABOVE) for (const [key] of this.failures) if (!this.live(key, at)) this.failures.delete(key);
  }

  succeed(user: string): void {
    this.failures.delete(accountKey(user));
  }

  private live(key: string, at: number): Failures | undefined {
    const f = this.failures.get(key);
    return f && at - f.lastAt < this.cfg.windowMinutes * 60_000 ? f : undefined;
  }

  private waitMs(key: string, free: number): number {
    const at = this.now();
    const f = this.live(key, at);
    if (!f || f.count < free) return 0;
    const delay = Math.min(this.cfg.delayMaxSeconds, this.cfg.delayBaseSeconds * 2 ** (f.count - free)) * 1000;
    return f.lastAt + delay - at;
  }
}

// Names are compared as typed but limited case-blind, so "Admin" and "admin" share one count.
const accountKey = (user: string) => `user:${user.toLowerCase().slice(0, 64)}`;
const addressKey = (ip: string) => `ip:${ip}`;
