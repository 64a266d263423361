/** Signing in for tests, through the real API: password, then MFA enrolment or a TOTP code. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.js';
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import { addUser, createOrganisation, identityRepo } from '../modules/identity/index.js';
import { totpFor } from '../modules/identity/sign-in.js';

export const TEST_PASSWORD = 'Tsunagu-test-2025!';

export interface SignedIn {
  headers: { cookie: string; 'x-csrf-token': string };
  organisationId: string;
  userId: string;
  email: string;
  /** For a user with MFA: the TOTP secret, to sign in again. */
  mfaSecret: string | null;
}

let counter = 0;

export async function createMember(db: Kysely<DB>, o: { type: 'secretariat' | 'bank' | 'connector' | 'association' | 'auditor'; role: 'admin' | 'editor' | 'reviewer' | 'viewer'; organisationId?: string; email?: string }) {
  return db.transaction().execute(async (trx) => {
    const orgId =
      o.organisationId ??
      (await createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type: o.type, name: `テスト${o.type}${++counter}`, registrationNumber: o.type === 'connector' ? `関東財務局長（電代）第${counter}号` : null })).id;
    const email = o.email ?? `${o.type}-${o.role}-${++counter}@test.tsunagu.local`;
    const user = await addUser({ trx, actor: SYSTEM_ACTOR, auth: null, organisationId: orgId, email, displayName: `${o.type} ${o.role}`, role: o.role, password: TEST_PASSWORD });
    return { organisationId: orgId, userId: user.id, email };
  });
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw];
  const c = list.find((x) => typeof x === 'string' && x.startsWith('tsunagu_session='));
  if (!c) throw new Error('no session cookie');
  return (c as string).split(';')[0]!;
}

export async function signInAs(app: FastifyInstance, email: string, password = TEST_PASSWORD, mfaSecret: string | null = null): Promise<Omit<SignedIn, 'organisationId' | 'userId'>> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (r.statusCode !== 200) throw new Error(`sign-in failed: ${r.statusCode} ${r.body}`);
  const { secondFactor, csrfToken } = r.json() as { secondFactor: 'totp' | 'enrol' | null; csrfToken: string };
  const headers = { cookie: cookieOf(r), 'x-csrf-token': csrfToken };
  let secret = mfaSecret;
  if (secondFactor === 'enrol') {
    const e = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers });
    secret = (e.json() as { secret: string }).secret;
    const code = totpFor(secret, email, 'Tsunagu').generate();
    const c = await app.inject({ method: 'POST', url: '/api/auth/mfa/confirm', headers, payload: { code } });
    if (c.statusCode !== 200) throw new Error(`MFA enrolment failed: ${c.body}`);
  } else if (secondFactor === 'totp') {
    if (!secret) throw new Error('a TOTP secret is needed');
    const code = totpFor(secret, email, 'Tsunagu').generate();
    const m = await app.inject({ method: 'POST', url: '/api/auth/mfa', headers, payload: { code } });
    if (m.statusCode !== 200) throw new Error(`MFA failed: ${m.body}`);
  }
  return { headers, email, mfaSecret: secret };
}

/** A new organisation of the type (or the given one), a member with the role, signed in. */
export async function signedIn(app: FastifyInstance, db: Kysely<DB>, o: Parameters<typeof createMember>[1]): Promise<SignedIn> {
  const m = await createMember(db, o);
  const s = await signInAs(app, m.email);
  return { ...s, organisationId: m.organisationId, userId: m.userId };
}

export { identityRepo };
