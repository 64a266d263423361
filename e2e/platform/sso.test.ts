/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider) started on 127.0.0.1: a
 * member of an organisation that set up SSO signs in through the provider; a stranger is refused.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Provider from 'oidc-provider';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.js';
import { addUser, configureSso, createOrganisation, identityRepo } from '../../src/modules/identity/index.js';
import { shot, startHarness, type Harness } from '../support.js';

describe('single sign-on with OpenID Connect', () => {
  let h: Harness;
  let idp: http.Server;

  before(async () => {
    h = await startHarness();
    idp = http.createServer();
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'tsunagu', client_secret: 'test-client-secret-0123456789', redirect_uris: [`${h.baseUrl}/api/auth/sso/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      // The test IdP vouches for whatever login is typed, as its development sign-in does.
      findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
    });
    idp.on('request', provider.callback());
    await h.database.db.transaction().execute(async (trx) => {
      const org = await createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type: 'bank', name: 'SSO銀行' });
      await addUser({ trx, actor: SYSTEM_ACTOR, auth: null, organisationId: org.id, email: 'taro@sso-bank.example.jp', displayName: 'SSO 太郎', role: 'viewer' });
      const adminUser = (await identityRepo.findUserByEmail(trx, h.admin.email))!;
      const [home] = await identityRepo.membershipsOf(trx, adminUser.id);
      const secretariat = { userId: adminUser.id, email: adminUser.email, displayName: '', organisation: { id: home!.organisation_id, type: 'secretariat' as const, name: home!.name }, role: 'admin' as const, via: 'session' as const, scopes: null, sessionId: null };
      await configureSso({ trx, auth: secretariat, ip: null, organisationId: org.id, issuer, clientId: 'tsunagu', clientSecret: 'test-client-secret-0123456789', emailDomain: 'sso-bank.example.jp' });
    });
  });
  after(async () => {
    idp?.close();
    await h?.close();
  });

  async function throughProvider(email: string, name: string) {
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(h.baseUrl);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByRole('button', { name: /シングルサインオン/ }).click();
    await page.locator('input[name=login]').waitFor();
    await page.locator('input[name=login]').fill(email);
    await page.locator('input[name=password]').fill('anything');
    await shot(page, `${name}-idp`);
    await page.locator('button[type=submit]').click();
    // The provider asks for consent once.
    await page.locator('button[type=submit]').click();
    return { ctx, page };
  }

  it('signs a member in through the identity provider, without a Tsunagu password', async () => {
    const { ctx, page } = await throughProvider('taro@sso-bank.example.jp', 'sso');
    await page.getByRole('navigation').waitFor();
    const me = await (await page.request.get(`${h.baseUrl}/api/me`)).json();
    assert.equal(me.user.email, 'taro@sso-bank.example.jp');
    assert.equal(me.organisation.name, 'SSO銀行');
    await shot(page, 'sso-signed-in');
    await ctx.close();
  });

  it('refuses someone the provider knows but the organisation does not', async () => {
    const { ctx, page } = await throughProvider('stranger@sso-bank.example.jp', 'sso-stranger');
    await page.getByRole('alert').getByText('この組織の利用者として登録されていません').waitFor();
    const me = await page.request.get(`${h.baseUrl}/api/me`);
    assert.equal(me.status(), 401);
    await ctx.close();
  });
});
