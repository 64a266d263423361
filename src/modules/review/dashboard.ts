/**
 * The secretariat's dashboard: the current cycle's progress, the evidence linked to each of its
 * considerations, incidents per 年度, 更新系 API adoption across 年度, and the alerts (注意喚起) with
 * how many of their recipient organisations have acknowledged them.
 */
import type { Executor } from '../../db/database.js';
import { decide } from './decision.js';
import { updateApiAdoption } from './evidence.js';
import * as repo from './review.repo.js';
import { cycleEvidence } from './workflow.js';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

/** How many alerts the dashboard lists (the latest first). */
export const DASHBOARD_ALERTS = 10;

export interface ReviewDashboard {
  /** The latest version of the latest 年度's cycle of the checklist; null before the first one. */
  cycle: {
    id: string;
    checklist: string;
    fiscalYear: number;
    version: number;
    state: 'draft' | 'deliberation' | 'decided' | 'published';
    decision: { labelJa: string; labelEn: string };
    considerations: number;
    concluded: number;
    comments: number;
    documentDate: string | null;
  } | null;
  evidence: { key: string; label: string; title: string; count: number; suggested: 'needed' | 'not_needed' }[];
  /** Every 年度 from the first incident's to the last one's, years without incidents as zero. */
  incidents: ({ fiscalYear: number; total: number } & Record<Severity, number>)[];
  updateApi: { fiscalYear: number; banks: number; offering: number }[];
  alerts: { id: string; title: string; severity: 'info' | 'warning' | 'critical'; publishedAt: string; recipients: number; acknowledged: number }[];
}

export async function reviewDashboard(args: { trx: Executor; checklist?: string }): Promise<ReviewDashboard> {
  const { trx } = args;
  const checklist = args.checklist ?? 'api-checklist';
  const row = await repo.findLatestCycle(trx, checklist);

  let cycle: ReviewDashboard['cycle'] = null;
  let evidence: ReviewDashboard['evidence'] = [];
  if (row) {
    const conclusions = (await repo.listConclusions(trx, row.id)).map((c) => c.conclusion);
    const comments = await repo.countComments(trx, row.id);
    const decision = decide({ conclusions, override: row.decision_override, overrideReason: row.override_reason, majorRevision: row.major_revision });
    cycle = {
      id: row.id,
      checklist,
      fiscalYear: row.fiscal_year,
      version: row.version,
      state: row.state,
      decision: { labelJa: decision.labelJa, labelEn: decision.labelEn },
      considerations: conclusions.length,
      concluded: conclusions.filter((c) => c !== null).length,
      comments: Number(comments.n),
      documentDate: row.document_date,
    };
    evidence = (await cycleEvidence({ trx, cycleId: row.id })).map((c) => ({ key: c.key, label: c.label, title: c.title, count: c.evidence.length, suggested: c.suggested }));
  }

  const perYear = await repo.countIncidentsByFiscalYear(trx);
  const incidents: ReviewDashboard['incidents'] = [];
  if (perYear.length) {
    const years = perYear.map((r) => Number(r.fiscal_year));
    for (let y = Math.min(...years); y <= Math.max(...years); y++) incidents.push({ fiscalYear: y, total: 0, low: 0, medium: 0, high: 0, critical: 0 });
    for (const r of perYear) {
      const bar = incidents[Number(r.fiscal_year) - incidents[0]!.fiscalYear]!;
      bar[r.severity] += Number(r.n);
      bar.total += Number(r.n);
    }
  }

  // Alerts are read here, not through the alert module, because only their counts are shown.
  const alerts = await repo.listLatestAlertCounts(trx, DASHBOARD_ALERTS);

  return {
    cycle,
    evidence,
    incidents,
    updateApi: await updateApiAdoption(trx),
    alerts: alerts.map((a) => ({ id: a.id, title: a.title, severity: a.severity, publishedAt: new Date(a.published_at).toISOString(), recipients: Number(a.recipients), acknowledged: Number(a.acknowledged) })),
  };
}
