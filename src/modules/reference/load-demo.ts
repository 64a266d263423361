/**
 * `tsunagu demo load`: the demo organisations and users (identity), the サンプル checklist they use, and
 * a submitted assessment between デモ銀行 and デモ電代株式会社, in one transaction. It sits here, above the
 * identity, catalog and assessment modules, for the same reason as the reference data.
 */
import type { Executor } from '../../db/database.js';
import { loadDemoAssessment } from '../assessment/index.js';
import { loadDemo } from '../identity/demo.js';
import { loadSampleChecklist } from './load-sample.js';

export async function loadDemoData(args: { trx: Executor }) {
  const { users } = await loadDemo({ trx: args.trx });
  await loadSampleChecklist({ trx: args.trx });
  const assessment = await loadDemoAssessment({ trx: args.trx });
  return { users, assessment };
}
