// secrets: the admin's cryptography, kept small and in one place — password hashes
// (scrypt, with a per-password salt and the cost stored beside the hash so it can be raised
// later), random tokens for sessions, CSRF and the API, and the one-way digests under which
// tokens are stored (a copy of the database does not hand out live sessions or API keys).
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^15, r = 8, p = 1 takes 32 MiB and ~50–100 ms here — slow for guessing, fine for a login. */
export const SCRYPT_COST = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Shortest password `set-password` accepts. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest: scrypt takes any length, but a megabyte "password" is an attack on CPU, not a password. */
export const MAX_PASSWORD_LENGTH = 1024;
/** API tokens start with this, so they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'ndk_';

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Why a password is not acceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  if (password.trim() !== password) return 'the password must not start or end with spaces';
  return null;
}

/** `scrypt$N$r$p$salt$key` with base64url salt and key. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = SCRYPT_COST;
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 128 * N * r * 2 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches the stored hash. Comparison takes the same time whatever matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Refuse costs nobody set on purpose (a tampered row must not make logins eat the machine).
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  // A shortened key would still match (scrypt's output for a shorter length is a prefix).
  if (expected.length !== KEY_BYTES) return false;
  const key = await scryptAsync(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return timingSafeEqual(key, expected);
}

/** A random token (256 bits, base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API token: shown to the operator once, stored only as its digest. */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomToken();
}

/** The digest a token is stored and looked up under (SHA-256, hex). Tokens are random, so no salt is needed. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time equality of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
