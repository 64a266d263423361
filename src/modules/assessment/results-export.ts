/**
 * The results of an assessment as a file (xlsx, CSV or PDF), for the bank and for the connector: the
 * latest submission's answers, the bank's verdicts, conditions and remediation plans, and the result
 * with its approver. Each export is audited with the SHA-256 of the file handed out.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { todayInJapan } from '../../lib/dates.js';
import { renderResultsCsv, renderResultsPdf, renderResultsXlsx, type ResultsView } from '../../render/assessment-results.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import { getRequest, getSubmission, requestHeading } from './requests.js';

export type ResultsFormat = 'xlsx' | 'csv' | 'pdf';

const CONTENT_TYPE: Record<ResultsFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim();
const dayInJapan = (iso: string | null) => (iso ? todayInJapan(new Date(iso)) : null);

/** What the results files show, from the request as the caller sees it and its latest submission. */
export async function getResultsView(args: { trx: Executor; auth: AuthContext; id: string }): Promise<ResultsView> {
  const req = await getRequest(args);
  // Results are about what was submitted: the frozen snapshot, whichever side asks.
  const sub = await getSubmission(args);
  const submitted = new Map(sub.content.items.map((i) => [i.number, i]));
  return {
    ...requestHeading(req),
    exportedOn: todayInJapan(),
    submission: { version: sub.version, submittedOn: todayInJapan(new Date(sub.submittedAt)), sha256: sub.sha256 },
    result: {
      value: req.result.value,
      state: req.result.approvedAt ? 'decided' : req.result.proposedAt ? 'proposed' : 'none',
      proposedBy: req.result.proposedBy,
      approvedBy: req.result.approvedBy,
      approvedOn: dayInJapan(req.result.approvedAt),
      comment: req.result.comment,
    },
    items: req.items.map((i) => {
      const s = submitted.get(i.number);
      const a = s?.answer;
      return {
        label: i.label,
        number: i.number,
        category: i.category ?? s?.category ?? '',
        text: i.text ?? s?.text ?? '',
        answer: {
          choice: a?.choice ?? null,
          explanation: a?.explanation ?? null,
          currentState: a?.currentState ?? null,
          issues: a?.issues ?? null,
          improvementPlan: a?.improvementPlan ?? null,
          evidence: (a?.evidence ?? []).map((e) => e.fileName),
        },
        verdict: i.review?.verdict ?? null,
        condition: i.review?.condition ?? null,
        remediation: i.remediation.map((p) => ({ description: p.description, dueDate: p.dueDate, state: p.state })),
      };
    }),
  };
}

/**
 * The results as a file, for either side, audited (`assessment.exported` with the file's SHA-256).
 *
 * @throws AppError `assessment.request_not_found`, `assessment.submission_not_found` (nothing submitted yet).
 */
export async function exportRequestResults(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string; format: ResultsFormat }): Promise<{ fileName: string; contentType: string; bytes: Buffer; sha256: string }> {
  const view = await getResultsView(args);
  const bytes = args.format === 'csv' ? renderResultsCsv(view) : args.format === 'pdf' ? await renderResultsPdf(view) : await renderResultsXlsx(view);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await recordAudit(args.trx, args.actor, {
    action: 'assessment.exported',
    targetType: 'assessment_request',
    targetId: args.id,
    details: { document: 'results', format: args.format, submissionVersion: view.submission.version, result: view.result.state === 'decided' ? view.result.value : null, sha256 },
  });
  return { fileName: `確認結果_${fileSafe(view.bank)}_${fileSafe(view.connector)}_${fileSafe(view.serviceName)}.${args.format}`, contentType: CONTENT_TYPE[args.format], bytes, sha256 };
}
