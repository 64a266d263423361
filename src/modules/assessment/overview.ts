/**
 * Overviews: for a connector, where the answers it gave to different banks disagree; for a bank, the
 * dashboard of its connections, requests, results and re-assessments.
 */
import type { Executor } from '../../db/database.js';
import { todayInJapan, toIsoDate } from '../../lib/dates.js';
import type { AuthContext } from '../identity/index.js';
import * as connectionRepo from './connection.repo.js';
import type { Answer } from './assessment.schema.js';
import { dueReassessments } from './reassessment.js';
import * as requestRepo from './request.repo.js';
import { answerKey } from './requests.js';

/**
 * Items of the same checklist edition that the connector answered differently for different banks,
 * in their latest submissions. A conditional answer (another service or API type) may rightly
 * differ: the connection is shown beside each answer.
 */
export async function answerDisagreements(args: { trx: Executor; auth: AuthContext }) {
  const subs = await requestRepo.listLatestSubmissionsOfConnector(args.trx, args.auth.organisation.id);
  const byItem = new Map<string, { edition: string; number: number; text: string | null; answers: { requestId: string; bank: string; serviceName: string; apiType: string; label: string; answer: Answer }[] }>();
  for (const s of subs) {
    for (const it of s.content.items) {
      const key = `${s.checklist_edition_id}:${it.number}`;
      const entry = byItem.get(key) ?? { edition: `${s.content.checklist.ruleSetName} ${s.content.checklist.edition}`, number: it.number, text: it.text, answers: [] };
      entry.answers.push({ requestId: s.request_id, bank: s.bank_name, serviceName: s.content.connection.serviceName, apiType: s.content.connection.apiType, label: it.label, answer: it.answer });
      byItem.set(key, entry);
    }
  }
  return [...byItem.values()]
    .filter((e) => new Set(e.answers.map((a) => JSON.stringify(answerKey({ ...a.answer, evidence: [] })))).size > 1)
    .sort((a, b) => a.edition.localeCompare(b.edition) || a.number - b.number);
}

/** The bank's dashboard: connections by status, requests by state, results, overdue and due re-assessments. */
export async function bankDashboard(args: { trx: Executor; auth: AuthContext; today?: string }) {
  const { trx, auth } = args;
  const today = args.today ?? todayInJapan();
  const connections = await connectionRepo.listConnections(trx, auth.organisation.id);
  const requests = await requestRepo.listRequests(trx, auth.organisation.id);
  const count = <T extends string>(xs: T[]) => xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
  const decided = requests.filter((r) => r.state === 'decided' && r.result);
  const byYear = new Map<number, Record<string, number>>();
  for (const r of decided) {
    const d = todayInJapan(new Date(r.result_approved_at!));
    const fy = Number(d.slice(5, 7)) >= 4 ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
    const m = byYear.get(fy) ?? {};
    m[r.result!] = (m[r.result!] ?? 0) + 1;
    byYear.set(fy, m);
  }
  const due = await dueReassessments({ trx, auth, today });
  return {
    connectionsByStatus: count(connections.filter((c) => c.bank_id === auth.organisation.id).map((c) => c.status)),
    connectionsByApiType: count(connections.filter((c) => c.bank_id === auth.organisation.id).map((c) => c.api_type)),
    requestsByState: count(requests.map((r) => r.state)),
    overdueRequests: requests
      .filter((r) => (r.state === 'sent' || r.state === 'clarification') && toIsoDate(r.due_date)! < today)
      .map((r) => ({ id: r.id, connector: r.connector_name, serviceName: r.service_name, dueDate: toIsoDate(r.due_date) })),
    awaitingReview: requests.filter((r) => r.state === 'submitted').map((r) => ({ id: r.id, connector: r.connector_name, serviceName: r.service_name, proposed: r.result_proposed_at !== null })),
    resultsByFiscalYear: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([fiscalYear, m]) => ({ fiscalYear, conforming: m.conforming ?? 0, conditional: m.conditional ?? 0, nonConforming: m.non_conforming ?? 0 })),
    reassessments: {
      overdue: due.filter((d) => d.status === 'overdue' || d.status === 'never_assessed').length,
      dueSoon: due.filter((d) => d.status === 'due_soon').length,
      items: due.filter((d) => d.status !== 'ok'),
    },
  };
}
