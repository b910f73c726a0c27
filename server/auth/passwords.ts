import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';
import { invalid } from '../domainError.ts';

export const MIN_PASSWORD_LENGTH = 12;
/** Longer input is refused before hashing, so a huge body cannot tie up the hasher. */
const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
/** The common-password list, lower-cased, built on first use. */
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common'].map((p) => String(p).toLowerCase()));
  return common;
};

/** Why a password is refused: `reason` lets the web say it in the user's language. */
export interface PasswordProblem {
  reason: 'too_short' | 'too_long' | 'user_name' | 'common';
  message: string;
}

/** Why `password` may not be used by `user`, or undefined when it may. */
export function passwordProblem(password: string, user: string): PasswordProblem | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { reason: 'too_short', message: `the password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${password.length})` };
  if (password.length > MAX_PASSWORD_LENGTH) return { reason: 'too_long', message: `the password may have at most ${MAX_PASSWORD_LENGTH} characters` };
  if (password.toLowerCase() === user.toLowerCase()) return { reason: 'user_name', message: 'the password must not be the user name' };
  if (commonPasswords().has(password.toLowerCase()))
    return { reason: 'common', message: 'this password is on the list of the most common passwords; choose another' };
  return undefined;
}

/** Throws a 400 with the reason when the password breaks the policy. */
export function checkPassword(password: unknown, user: string): string {
  if (typeof password !== 'string' || password === '') throw invalid('password is required', { code: 'password_policy', reason: 'missing' });
  const problem = passwordProblem(password, user);
  if (problem) throw invalid(problem.message, { code: 'password_policy', reason: problem.reason, minLength: MIN_PASSWORD_LENGTH });
  return password;
}

/** argon2id with the package's defaults (64 MiB, 3 passes, 4 lanes), stored in the PHC string format. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

let dummy: Promise<string> | undefined;

/**
 * True when `password` matches `hash`. Without a hash (unknown user) a dummy
 * hash is checked instead, so an unknown name takes as long as a wrong password.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (hash === undefined) dummy ??= hashPassword('not a password of anyone: a timing stand-in');
  const against = hash ?? (await (dummy as Promise<string>));
  const ok = await argon2.verify(against, password.slice(0, MAX_PASSWORD_LENGTH)).catch(() => false);
  return ok && hash !== undefined;
}
