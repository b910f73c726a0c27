import { invalid } from '../domainError.ts';

/** A user name: letters, digits, dot, underscore, dash; 1 to 64 characters. */
export const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export function checkUserName(name: unknown): string {
  if (typeof name !== 'string' || !USER_NAME.test(name))
    throw invalid('a user name is 1 to 64 letters, digits, dots, underscores or dashes', { code: 'user_name' });
  return name;
}
