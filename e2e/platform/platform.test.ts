/**
 * The platform as a new user meets it: the first admin signs in with the printed password, enrols
 * MFA, creates a bank and a connector, invites their first users by link; each sees only their part.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { shot, signInThroughUi, startHarness, type Harness } from '../support.js';

describe('platform in the browser', () => {
  let h: Harness;
  let ctx: BrowserContext;
  let page: Page;
  const links: Record<string, string> = {};

  before(async () => {
    h = await startHarness();
    ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    page = await ctx.newPage();
  });
  after(async () => {
    await ctx?.close();
    await h?.close();
  });

  it('signs the first admin in with the printed password and enrols MFA', async () => {
    await signInThroughUi(page, h.baseUrl, h.admin.email, h.admin.password, null, 'platform');
    // The secretariat lands on its dashboard.
    await page.getByRole('heading', { name: 'ダッシュボード' }).waitFor();
    await shot(page, 'platform-4-dashboard');
  });

  it('creates a bank and a connector and invites a first admin into each', async () => {
    await page.getByRole('link', { name: '組織・利用者' }).click();
    for (const [type, typeLabel, name, reg] of [
      ['bank', '金融機関', 'つなぐ銀行', ''],
      ['connector', '電子決済等代行業者', 'つなぐペイ株式会社', '関東財務局長（電代）第99号'],
    ] as const) {
      await page.getByRole('combobox', { name: '種別' }).click();
      await page.getByRole('option', { name: typeLabel, exact: true }).click();
      await page.getByRole('textbox', { name: '名前', exact: true }).fill(name);
      await page.getByRole('textbox', { name: '登録番号' }).fill(reg);
      await page.getByRole('button', { name: '組織を作成' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
      await page.getByRole('combobox', { name: '組織' }).click();
      await page.getByRole('option', { name, exact: true }).click();
      await page.getByRole('textbox', { name: 'メールアドレス' }).fill(`admin@${type}.example.jp`);
      await page.getByRole('combobox', { name: '役割' }).click();
      await page.getByRole('option', { name: '管理者', exact: true }).click();
      await page.getByRole('button', { name: '招待' }).click();
      links[type] = (await page.getByTestId('invite-link').innerText()).trim();
      assert.match(links[type]!, /\/invitations\/[A-Za-z0-9_-]{20,}$/);
    }
    await shot(page, 'platform-5-admin');
  });

  it('lets the invited bank admin choose a password, sign in, and see only their organisation', async () => {
    const bankCtx = await h.browser.newContext({ viewport: { width: 768, height: 1024 } });
    const p = await bankCtx.newPage();
    await p.goto(links.bank!);
    await p.getByLabel('表示名').fill('つなぐ銀行 管理者');
    await p.getByLabel('パスワード').fill('short');
    await p.getByRole('button', { name: '招待を受ける' }).click();
    await p.getByRole('alert').getByText('12文字以上').waitFor();
    await p.getByLabel('パスワード').fill('Tsunagu-Bank-2025!');
    await p.getByRole('button', { name: '招待を受ける' }).click();
    // Admins must enrol MFA too.
    await signInThroughUi(p, h.baseUrl, 'admin@bank.example.jp', 'Tsunagu-Bank-2025!', null, 'bank');
    // On a 768px tablet the navigation is folded behind the menu button.
    await p.getByRole('button', { name: 'メニュー' }).click();
    await p.getByRole('link', { name: '組織・利用者' }).click();
    await p.getByRole('heading', { name: /利用者（つなぐ銀行）/ }).waitFor();
    await shot(p, 'bank-admin-768');
    assert.equal(await p.getByText('admin@tsunagu.local').count(), 0, 'the secretariat’s members are not shown');
    // Another organisation's object through the same session: 404 and no data.
    const me = await (await p.request.get(`${h.baseUrl}/api/me`)).json();
    const orgs = (await (await p.request.get(`${h.baseUrl}/api/organisations`)).json()) as { id: string; type: string }[];
    const secretariat = orgs.find((o) => o.type === 'secretariat')!;
    assert.notEqual(me.organisation.id, secretariat.id);
    const r = await p.request.get(`${h.baseUrl}/api/organisations/${secretariat.id}/members`);
    assert.equal(r.status(), 404);
    assert.ok(!(await r.text()).includes('admin@tsunagu.local'));
    await bankCtx.close();
  });

  it('shows an alert to the bank on sign-in until it is acknowledged', async () => {
    await h.database.db.transaction().execute(async (trx) => {
      const { publishAlert } = await import('../../src/modules/alert/alert.js');
      const { identityRepo } = await import('../../src/modules/identity/index.js');
      const admin = (await identityRepo.findUserByEmail(trx, h.admin.email))!;
      const [m] = await identityRepo.membershipsOf(trx, admin.id);
      const auth = { userId: admin.id, email: admin.email, displayName: '', organisation: { id: m!.organisation_id, type: 'secretariat' as const, name: m!.name }, role: 'admin' as const, via: 'session' as const, scopes: null, sessionId: null };
      await publishAlert({ trx, actor: { userId: admin.id, organisationId: m!.organisation_id }, auth, input: { title: '不正送金の手口について', body: '認証情報の管理を確認してください。', severity: 'critical', audience: { allBanks: true }, itemNumbers: [39] } });
    });
    const c = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await c.newPage();
    await signInThroughUi(p, h.baseUrl, 'admin@bank.example.jp', 'Tsunagu-Bank-2025!', (await h.database.db.selectFrom('user_account').select('mfa_secret').where('email', '=', 'admin@bank.example.jp').executeTakeFirstOrThrow()).mfa_secret);
    const banner = p.getByTestId('alerts');
    await banner.getByText('注意喚起: 不正送金の手口について').waitFor();
    await shot(p, 'alert-banner');
    await banner.getByRole('button', { name: '確認しました' }).click();
    await banner.waitFor({ state: 'detached' });
    await p.reload();
    await p.getByRole('navigation').waitFor();
    assert.equal(await p.getByTestId('alerts').count(), 0);
    await c.close();
  });

  it('lets the connector admin in, without access to catalog editing or other organisations', async () => {
    const c = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await c.newPage();
    await p.goto(links.connector!);
    await p.getByLabel('表示名').fill('つなぐペイ 管理者');
    await p.getByLabel('パスワード').fill('Tsunagu-Pay-2025!');
    await p.getByRole('button', { name: '招待を受ける' }).click();
    await signInThroughUi(p, h.baseUrl, 'admin@connector.example.jp', 'Tsunagu-Pay-2025!');
    const me = await (await p.request.get(`${h.baseUrl}/api/me`)).json();
    assert.equal(me.organisation.type, 'connector');
    assert.equal(me.permissions['catalog.write'], false);
    await p.getByRole('link', { name: '改訂内容の分析' }).click();
    assert.equal(await p.getByRole('button', { name: '作成' }).count(), 0, 'no create form for a connector');
    await c.close();
  });
});
