/**
 * A small checklist for assessment tests, in two editions: 第2版 rewords items 2 and 5 and changes
 * nothing else. Item 6 applies to 更新系 only.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { catalog } from '../catalog/index.js';

const items = (changed: boolean) => `
items:
  - number: 1
    category: 情報・セキュリティ管理態勢
    text: 情報セキュリティに関する方針・規程を定め、経営陣が承認しているか。
    objective: セキュリティ管理態勢を整備する。
    appliesTo: [read, write]
  - number: 2
    category: 情報・セキュリティ管理態勢
    text: ${changed ? '情報セキュリティに関する責任者を定め、その役割と権限を文書化しているか。' : '情報セキュリティに関する責任者を定めているか。'}
    appliesTo: [read, write]
  - number: 3
    category: 外部委託管理
    text: 外部委託先の選定基準を定め、委託先を評価しているか。
    appliesTo: [read, write]
  - number: 4
    category: システム開発・運用管理
    text: 利用者の認証情報を暗号化して保管しているか。
    appliesTo: [read, write]
  - number: 5
    category: APIセキュリティ機能
    text: ${changed ? 'アクセストークンの有効期限を設定し、失効の仕組みを設けているか。' : 'アクセストークンの有効期限を設定しているか。'}
    appliesTo: [read, write]
  - number: 6
    category: APIセキュリティ機能
    text: 決済指図の内容を利用者に確認させる仕組みを設けているか。
    appliesTo: [write]
  - number: 7
    category: 利用者保護
    text: 利用者からの問合せ・苦情の窓口を設けているか。
    appliesTo: [read, write]
`;

export const checklistV1 = `
format: tsunagu.catalog/v1
kind: checklistEdition
ruleSet:
  code: test-checklist
  name: テスト用チェックリスト
  kind: checklist
edition:
  label: 第1版
  publishedOn: 2025-04
  status: published
${items(false)}`;

export const checklistV2 = `
format: tsunagu.catalog/v1
kind: checklistEdition
ruleSet:
  code: test-checklist
  name: テスト用チェックリスト
  kind: checklist
edition:
  label: 第2版
  publishedOn: 2026-10
  status: published
  basedOn: 第1版
${items(true)}`;

export async function importChecklist(db: Kysely<DB>, yaml: string) {
  await db.transaction().execute((trx) => catalog.importDocument({ trx, doc: catalog.parseInterchange(yaml, 'fixture.yaml') }));
}
