import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { DEMO_PASSWORD } from './demo-users.ts';

describe('password rules (NCSC: length over complexity, a deny-list)', () => {
  it.each([
    ['short1!A', /12 characters or more/],
    ['password1234', /too common/],
    ['Password2024!', /too common/],
    ['qwertyuiop123', /too common/],
    ['iloveyou iloveyou', null],
    ['aaaaaaaaaaaaaaaa', /too common|repeated/],
    ['abababababababab', /repeated/],
    ['x'.repeat(257) + 'yz', /256 characters or fewer/],
  ])('%s → %s', (password, expected) => {
    const problem = passwordProblem(password);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('accepts three random words, with no capital or symbol required', () => {
    expect(passwordProblem('kettle harbour meadow')).toBeNull();
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('sam.jones-is-great', { username: 'sam.jones' })).toMatch(/username/);
  });
});

describe('argon2id hashes', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('kettle harbour meadow');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'kettle harbour meadow')).toBe(true);
    expect(await verifyPassword(hash, 'kettle harbour meadoW')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
