import { createHash, randomBytes } from 'node:crypto';

/** A random 256-bit secret (session or API token), URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How a random secret is stored: it has full entropy, so a fast hash is enough (unlike a password). */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
