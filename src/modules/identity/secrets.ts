/** Random tokens and their stored hashes: a token is shown once; only its SHA-256 is kept. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * A readable random password for first start, resets and the demo users: 20 characters from an
 * unambiguous alphabet, with at least one upper-case letter, lower-case letter, digit and symbol, so
 * that it always meets the password policy (without that, about one in eighty lacked both a digit and
 * a symbol and was refused by the policy it was made for).
 */
export function randomPassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!#';
  for (;;) {
    const bytes = randomBytes(length * 2);
    let out = '';
    for (let i = 0; out.length < length && i < bytes.length; i++) {
      const b = bytes[i]!;
      // Rejection sampling keeps every character equally likely.
      if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
    }
    if (out.length === length && [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].every((re) => re.test(out))) return out;
  }
}
