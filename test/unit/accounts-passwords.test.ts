import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, passwordProblem, verifyPassword } from '../../server/auth/passwords.ts';
import { checkUserName } from '../../server/auth/userNames.ts';

describe('password policy', () => {
  it('needs at least 12 characters', () => {
    expect(passwordProblem('short pass1', 'ann')).toEqual({ reason: 'too_short', message: 'the password must have at least 12 characters (it has 11)' });
    expect(passwordProblem('twelve chars', 'ann')).toBeUndefined();
  });

  it('refuses the most common passwords whatever their case', () => {
    expect(passwordProblem('qwerty123456', 'ann')).toEqual({
      reason: 'common',
      message: 'this password is on the list of the most common passwords; choose another',
    });
    expect(passwordProblem('QWERTY123456', 'ann')?.reason).toBe('common');
    expect(passwordProblem('Password1234', 'ann')?.reason).toBe('common');
  });

  it('refuses the user name as password', () => {
    expect(passwordProblem('Administrator', 'administrator')).toEqual({ reason: 'user_name', message: 'the password must not be the user name' });
  });

  it('answers 400 with the reason and a code', () => {
    expect(() => checkPassword('short', 'ann')).toThrow(
      expect.objectContaining({ kind: 'invalid', details: { code: 'password_policy', reason: 'too_short', minLength: 12 } }),
    );
    expect(() => checkPassword(undefined, 'ann')).toThrow('password is required');
  });
});

describe('user names', () => {
  it('takes letters, digits, dot, underscore and dash, 1 to 64 of them', () => {
    expect(checkUserName('ann.lee_2-b')).toBe('ann.lee_2-b');
    for (const bad of ['', 'ann lee', 'ann@x', 'a'.repeat(65), 'ann/..', 42]) expect(() => checkUserName(bad)).toThrow(/1 to 64 letters/);
  });
});

describe('argon2id hashes', () => {
  it('are argon2id in the PHC format, salted, and verify only the right password', async () => {
    const a = await hashPassword('a good long passphrase');
    const b = await hashPassword('a good long passphrase');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'a good long passphrase')).toBe(true);
    expect(await verifyPassword(a, 'a good long passphrasE')).toBe(false);
    expect(await verifyPassword(undefined, 'a good long passphrase')).toBe(false);
  });
});
