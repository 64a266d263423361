/**
 * The assessment part of `tsunagu demo load`, so that the tour shows the whole loop: デモ銀行 has a
 * connection with デモ電代株式会社 and a 参照系 template of 17 items of the サンプル checklist labelled
 * Sec-1…Sec-17; the connector has master answers, consents to share them with the bank, and has
 * submitted its answers to the bank's request, which awaits the bank's review. Everything goes
 * through the same use cases as the web app, so it is audited like any other change.
 */
import type { Executor } from '../../db/database.js';
import { addDays } from './reassessment.js';
import { todayInJapan } from '../../lib/dates.js';
import { invalid } from '../../lib/errors.js';
import type { AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import { createConnection } from './connections.js';
import * as organisationRepo from './organisation.repo.js';
import { grantShare, saveMasterAnswers } from './master-answers.js';
import { createRequest, saveRequestAnswers, submitRequest } from './requests.js';
import { createTemplate } from './templates.js';
import * as templateRepo from './template.repo.js';

export const DEMO_CHECKLIST = { ruleSet: 'api-checklist-sample', edition: 'サンプル第1版' } as const;

/** The 17 items of the demo bank's 参照系 sheet, in its order: among them the six the seed names (33 is 更新系 only). */
export const DEMO_TEMPLATE_ITEMS = [1, 2, 3, 9, 10, 21, 22, 25, 26, 27, 35, 36, 37, 39, 40, 46, 56] as const;

/** What デモ電代株式会社 answers where it does not answer はい. */
const NOT_YES: Record<number, { choice: 'no' | 'na'; explanation: string }> = {
  10: { choice: 'na', explanation: 'システムの開発・運用は自社で行っており、外部委託先はない（クラウド基盤の利用は No.12 で回答）。' },
  40: { choice: 'no', explanation: '相互TLS認証は未対応。2026年度第4四半期に対応予定（金融機関から求めがあれば前倒しする）。' },
};

async function memberAuth(trx: Executor, type: 'bank' | 'connector'): Promise<AuthContext> {
  const m = await organisationRepo.findDemoMember(trx, type);
  if (!m) throw invalid('assessment.demo_missing', 'デモ組織がありません', 'the demo organisations are missing');
  return {
    userId: m.user_id,
    email: m.email,
    displayName: m.display_name,
    organisation: { id: m.organisation_id, type, name: m.name },
    role: m.role as AuthContext['role'],
    via: 'session',
    scopes: null,
    sessionId: null,
  };
}

export async function loadDemoAssessment(args: { trx: Executor }) {
  const { trx } = args;
  const bank = await memberAuth(trx, 'bank');
  const connector = await memberAuth(trx, 'connector');
  const actor = (a: AuthContext): AuditActor => ({ userId: a.userId, organisationId: a.organisation.id, ip: null });
  const checklistItems = await templateRepo.listChecklistItemsOfEdition(trx, DEMO_CHECKLIST.ruleSet, DEMO_CHECKLIST.edition);
  const chosen = new Set<number>(DEMO_TEMPLATE_ITEMS);
  const connection = await createConnection({
    trx,
    actor: actor(bank),
    auth: bank,
    input: { connectorId: connector.organisation.id, serviceName: 'デモ家計簿アプリ', apiType: 'read', access: 'private', status: 'reviewing', reassessmentMonths: 12 },
  });
  const template = await createTemplate({
    trx,
    actor: actor(bank),
    auth: bank,
    input: {
      name: 'デモ銀行 参照系API 接続先確認シート',
      checklist: DEMO_CHECKLIST,
      answerScheme: 'yes_no',
      apiTypes: ['read'],
      accessTypes: ['private', 'public'],
      labelPrefix: 'Sec-',
      items: checklistItems
        .filter((i) => !chosen.has(i.number) && (!i.applies_to || i.applies_to.includes('read')))
        .map((i) => ({ number: i.number, included: false, exclusionReason: '当行の参照系接続では、契約審査時の別紙ヒアリングで確認するため対象外' })),
    },
  });
  await saveMasterAnswers({
    trx,
    actor: actor(connector),
    auth: connector,
    ruleSet: DEMO_CHECKLIST.ruleSet,
    edition: DEMO_CHECKLIST.edition,
    answers: DEMO_TEMPLATE_ITEMS.map((n) => ({ number: n, ...(NOT_YES[n] ?? { choice: 'yes' }) })),
  });
  await grantShare({ trx, actor: actor(connector), auth: connector, bankId: bank.organisation.id });
  const request = await createRequest({ trx, actor: actor(bank), auth: bank, input: { templateId: template.id, connectionId: connection.id, dueDate: addDays(todayInJapan(), 30) } });
  await saveRequestAnswers({
    trx,
    actor: actor(connector),
    auth: connector,
    id: request.id,
    input: {
      hearing: {
        serviceName: 'デモ家計簿アプリ',
        purpose: '利用者の同意を得て、口座の残高・入出金明細を取得し家計簿に表示する（参照系のみ）。',
        accessType: 'スマートフォンアプリ',
        userCount: '約5万人（初年度）',
        contact: 'デモ電代株式会社 セキュリティ室（demo-connector@demo.tsunagu.local）',
      },
    },
  });
  const submitted = await submitRequest({ trx, actor: actor(connector), auth: connector, id: request.id });
  return { connectionId: connection.id, templateId: template.id, requestId: request.id, items: request.items, submissionVersion: submitted.version };
}
