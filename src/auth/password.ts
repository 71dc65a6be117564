// Passwords: argon2id hashes (@node-rs/argon2 defaults: m=19 MiB, t=2, p=1) and rules in line with NCSC
// guidance: length over complexity (no "one capital, one symbol" rules), a deny-list of common passwords,
// no forced expiry.
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

/** A hash of nothing anyone knows: verified against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`no account ${Math.random()}`);
  return dummyHash;
}

// ~49,000 passwords most often found in breaches (zxcvbn-ts's common list), lower-cased.
let denyList: Set<string> | undefined;
function commonPasswords(): Set<string> {
  denyList ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return denyList;
}

/**
 * Why a new password is not allowed, or null when it is. Checks length, the deny-list (also with trailing
 * digits and symbols removed, so "Password2024!" is refused), the username, and one repeated character.
 */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more. Three random words make a strong password you can remember.`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const compact = lower.replace(/[\s._-]+/g, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(stem) || list.has(compact)) return 'Password is too common. Choose a password that is harder to guess, such as three random words.';
  if (new Set(chars).size <= 2) return 'Password must not be one or two characters repeated';
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && compact.includes(username.replace(/[\s._-]+/g, ''))) return 'Password must not contain your username';
  return null;
}
