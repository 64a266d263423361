/**
 * Steps of the connector's browser tests: the other side (banks) played through the HTTP API of the
 * running server, files chosen in the browser's file dialog, a download read back.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { totpFor } from '../../src/modules/identity/sign-in.js';
import { TEST_PASSWORD } from '../../src/testing/auth.js';

export interface ApiSession {
  email: string;
  /** Calls the API as this user; returns status and JSON. */
  call(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** Calls the API and fails the test unless it succeeds. */
  ok(method: string, url: string, body?: unknown): Promise<any>;
}

/** Signs in over HTTP (enrolling MFA when required) and returns a client with the session cookie and CSRF token. */
export async function apiSession(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<ApiSession> {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(r.status, 200, `sign-in of ${email}: ${await r.clone().text()}`);
  const cookie = (r.headers.getSetCookie().find((c) => c.startsWith('tsunagu_session=')) ?? '').split(';')[0]!;
  const { secondFactor, csrfToken } = (await r.json()) as { secondFactor: 'totp' | 'enrol' | null; csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${url}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  if (secondFactor === 'enrol') {
    const { json } = await call('POST', '/api/auth/mfa/enrol');
    const confirmed = await call('POST', '/api/auth/mfa/confirm', { code: totpFor(json.secret, email, 'Tsunagu').generate() });
    assert.equal(confirmed.status, 200);
  }
  assert.notEqual(secondFactor, 'totp', 'a user with MFA enrolled needs its secret');
  return {
    email,
    call,
    ok: async (method, url, body) => {
      const res = await call(method, url, body);
      assert.ok(res.status < 300, `${method} ${url} → ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    },
  };
}

/** Clicks a button that opens the file dialog and chooses a file made of these bytes. */
export async function chooseFile(page: Page, button: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}

/** Clicks a download link and returns the bytes downloaded. */
export async function download(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

/** The accessible name of the article the keyboard focus is in. */
export const focusedArticle = (page: Page) => page.evaluate("document.activeElement?.closest('article')?.getAttribute('aria-label') ?? null");
