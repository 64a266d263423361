/** Steps the review's browser tests share: choosing in a select, filling an evidence register's form. */
import type { Locator, Page } from 'playwright-core';
import { createOrganisation } from '../../src/modules/identity/index.js';
import { SYSTEM_ACTOR } from '../../src/modules/audit/index.js';
import { createMember } from '../../src/testing/auth.js';
import type { Harness } from '../support.js';

/** Picks an option of a Mantine select (a combobox) by its label. */
export async function pick(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Values for an evidence form: text by label; `true` ticks a checkbox; `{ pick }` chooses in a select. */
export type FormValues = Record<string, string | true | { pick: string }>;

export async function fillForm(page: Page, form: Locator, values: FormValues) {
  for (const [label, v] of Object.entries(values)) {
    if (v === true) await form.getByRole('checkbox', { name: label, exact: true }).check();
    else if (typeof v === 'object') await pick(page, form, label, v.pick);
    else await form.getByRole('textbox', { name: label, exact: true }).or(form.getByLabel(label, { exact: true })).first().fill(v);
  }
}

/** Opens the register's tab on the evidence screen and adds an entry through its form. */
export async function addEvidence(page: Page, register: string, values: FormValues) {
  await page.getByRole('tab', { name: register, exact: true }).click();
  const form = page.getByRole('form', { name: `${register}に登録` });
  await fillForm(page, form, values);
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await form.getByRole('status').getByText('登録しました').waitFor();
}

/** A new organisation and a member of it, straight in the database (as the admin screen would make them). */
export async function memberOf(h: Harness, type: 'bank' | 'connector', name: string, role: 'viewer' | 'editor' | 'reviewer', email: string) {
  const org = await h.database.db.transaction().execute((trx) => createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type, name, registrationNumber: type === 'connector' ? '関東財務局長（電代）第1号' : null }));
  const m = await createMember(h.database.db, { type, role, organisationId: org.id, email });
  return { ...m, name };
}
