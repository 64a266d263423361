/** Passwords: argon2id hashes and a policy with a clear Japanese message. */
import { hash, verify } from '@node-rs/argon2';
import type { Problem } from '../../lib/errors.js';

/** Algorithm 2 = argon2id; OWASP's minimum parameters (19 MiB, 2 passes). */
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS as never);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash to compare against when the user does not exist, so both paths take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('tsunagu-dummy-password-for-timing');
  return dummy;
}

export const PASSWORD_MIN_LENGTH = 12;

/**
 * At least 12 characters, at least three kinds of characters (upper, lower, digit, symbol or
 * Japanese), and not containing the e-mail's local part.
 */
export function passwordProblems(password: string, email?: string): Problem[] {
  const problems: Problem[] = [];
  const p = password.normalize('NFC');
  if ([...p].length < PASSWORD_MIN_LENGTH) {
    problems.push({ where: '/password', messageJa: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`, messageEn: `the password must be at least ${PASSWORD_MIN_LENGTH} characters` });
  }
  const kinds = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
  if (kinds < 3) {
    problems.push({
      where: '/password',
      messageJa: 'パスワードには英大文字・英小文字・数字・記号（または日本語）のうち3種類以上を含めてください',
      messageEn: 'the password must mix at least three of: upper case, lower case, digits, symbols (or Japanese)',
    });
  }
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && p.toLowerCase().includes(local)) {
    problems.push({ where: '/password', messageJa: 'パスワードにメールアドレスを含めないでください', messageEn: 'the password must not contain the e-mail address' });
  }
  return problems;
}
