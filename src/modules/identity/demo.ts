/**
 * Demo organisations and users for the tour, created only by `tsunagu demo load`: every name says
 * デモ and every row is flagged is_demo; passwords are random and returned once.
 */
import type { Executor } from '../../db/database.js';
import { conflict } from '../../lib/errors.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import * as repo from './identity.repo.js';
import { addUser, createOrganisation } from './manage-identity.js';
import { randomPassword } from './secrets.js';

const DEMO = [
  { type: 'bank', name: 'デモ銀行', nameEn: 'Demo Bank', registrationNumber: null, users: [['demo-bank-admin@demo.tsunagu.local', 'デモ銀行 管理者', 'admin'], ['demo-bank-reviewer@demo.tsunagu.local', 'デモ銀行 審査担当', 'reviewer']] },
  { type: 'connector', name: 'デモ電代株式会社', nameEn: 'Demo Connector K.K.', registrationNumber: '関東財務局長（電代）第0号（デモ）', users: [['demo-connector@demo.tsunagu.local', 'デモ電代 セキュリティ責任者', 'editor']] },
  { type: 'association', name: 'デモ協会', nameEn: 'Demo Association', registrationNumber: null, users: [['demo-association@demo.tsunagu.local', 'デモ協会 担当', 'viewer']] },
  { type: 'auditor', name: 'デモ監査法人', nameEn: 'Demo Auditor', registrationNumber: null, users: [['demo-auditor@demo.tsunagu.local', 'デモ監査 担当', 'viewer']] },
] as const;

export async function loadDemo(args: { trx: Executor }) {
  const existing = await repo.listOrganisations(args.trx);
  if (existing.some((o) => o.is_demo)) {
    throw conflict('identity.demo_exists', 'デモ組織は既に作成されています', 'the demo organisations already exist');
  }
  const users: { organisation: string; email: string; role: string; password: string }[] = [];
  for (const d of DEMO) {
    const org = await createOrganisation({ trx: args.trx, actor: SYSTEM_ACTOR, auth: null, type: d.type, name: d.name, nameEn: d.nameEn, registrationNumber: d.registrationNumber, isDemo: true });
    for (const [email, name, role] of d.users) {
      const password = randomPassword();
      await addUser({ trx: args.trx, actor: SYSTEM_ACTOR, auth: null, organisationId: org.id, email, displayName: name, role, password, isDemo: true });
      users.push({ organisation: d.name, email, role, password });
    }
  }
  return { users };
}
