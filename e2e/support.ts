/**
 * Browser tests: the real server in-process on 127.0.0.1 (fresh in-memory PGlite with the reference
 * data and a first admin), Debian's Chromium driven by playwright-core, screenshots in e2e/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { migrateToLatest, openDatabase, type Database } from '../src/db/database.js';
import { buildApp } from '../src/http/app.js';
import { bootstrapFirstAdmin } from '../src/modules/identity/index.js';
import { totpFor } from '../src/modules/identity/sign-in.js';
import { loadReferenceDataIfEmpty } from '../src/modules/reference/load-reference.js';
import { TEST_PASSWORD } from '../src/testing/auth.js';

export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export interface Harness {
  baseUrl: string;
  database: Database;
  admin: { email: string; password: string };
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const { ensureBrowser, CHROMIUM } = await import('../scripts/ensure-browser.mjs');
  ensureBrowser();
  const { ensureWebBuilt } = await import('../scripts/build-web.mjs');
  await ensureWebBuilt({ quiet: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  await database.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
  const admin = (await database.db.transaction().execute((trx) => bootstrapFirstAdmin({ trx })))!;
  const app = await buildApp({ db: database.db, signInRateLimit: 1000 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: address,
    database,
    admin: { email: admin.email, password: admin.password },
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Saves e2e/screenshots/<name>.png: the whole page, or only the viewport (the part scrolled to). */
export async function shot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  // A full-page capture of a scrolled page draws the fixed header where the viewport was: scroll to the top first.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Signs in through the form; enrols MFA (reading the secret shown) or enters a TOTP code. Returns the secret. */
export async function signInThroughUi(page: Page, baseUrl: string, email: string, password: string, secret: string | null = null, screenshotPrefix?: string): Promise<string | null> {
  await page.goto(baseUrl);
  await page.getByLabel(/メールアドレス|E-mail/).fill(email);
  await page.getByLabel(/^パスワード|^Password/).fill(password);
  if (screenshotPrefix) await shot(page, `${screenshotPrefix}-1-sign-in`);
  await page.getByRole('button', { name: /^サインイン$|^Sign in$/ }).click();
  const enrolHeading = page.getByRole('heading', { name: /二要素認証の登録|Set up two-factor/ });
  const totpHeading = page.getByRole('heading', { name: /^二要素認証$|^Two-factor authentication$/ });
  // Signed in: the header's sign-out button (the navigation itself is folded away on a tablet).
  const signedIn = page.getByRole('button', { name: /^サインアウト$|^Sign out$/ });
  await Promise.race([enrolHeading.waitFor(), totpHeading.waitFor(), signedIn.waitFor()]);
  if (await enrolHeading.isVisible()) {
    await page.getByRole('button', { name: /続ける|Continue/ }).click();
    const s = (await page.getByTestId('mfa-secret').innerText()).trim();
    if (screenshotPrefix) await shot(page, `${screenshotPrefix}-2-mfa-enrol`);
    await page.getByLabel(/確認コード|code/).fill(totpFor(s, email, 'Tsunagu').generate());
    await page.getByRole('button', { name: /^確認$|^Verify$/ }).click();
    await page.getByTestId('recovery-codes').waitFor();
    if (screenshotPrefix) await shot(page, `${screenshotPrefix}-3-recovery-codes`);
    await page.getByRole('button', { name: /続ける|Continue/ }).click();
    secret = s;
  } else if (await totpHeading.isVisible()) {
    await page.getByLabel(/確認コード|code/).fill(totpFor(secret!, email, 'Tsunagu').generate());
    await page.getByRole('button', { name: /^確認$|^Verify$/ }).click();
  }
  await signedIn.waitFor();
  return secret;
}

/**
 * A new browser window, 1280×900 unless `options` say otherwise, signed in through the form as this
 * user (the test members' password unless given). Close its `ctx` when done.
 */
export async function signedInPage(h: Harness, user: { email: string; password?: string }, options: BrowserContextOptions = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await ctx.newPage();
  await signInThroughUi(page, h.baseUrl, user.email, user.password ?? TEST_PASSWORD);
  return { ctx, page };
}

/**
 * The inner texts of a locator's matches, once there is at least one: lists and tables render after
 * their data arrives, and reading them at once races on a busy machine.
 */
export async function textsOf(l: Locator): Promise<string[]> {
  await l.first().waitFor();
  return l.allInnerTexts();
}
