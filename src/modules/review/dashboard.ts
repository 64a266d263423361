/**
 * The secretariat's dashboard: the current cycle's progress, the evidence linked to each of its
 * considerations, incidents per 年度, 更新系 API adoption across 年度, and the alerts (注意喚起) with
 * how many of their recipient organisations have acknowledged them.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { decide } from './decision.js';
import { updateApiAdoption } from './evidence.js';
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
  const row = await trx
    .selectFrom('review_cycle')
    .innerJoin('rule_set', 'rule_set.id', 'review_cycle.checklist_rule_set_id')
    .selectAll('review_cycle')
    .where('rule_set.code', '=', checklist)
    .orderBy('review_cycle.fiscal_year', 'desc')
    .orderBy('review_cycle.version', 'desc')
    .executeTakeFirst();

  let cycle: ReviewDashboard['cycle'] = null;
  let evidence: ReviewDashboard['evidence'] = [];
  if (row) {
    const conclusions = (await trx.selectFrom('review_consideration').select('conclusion').where('cycle_id', '=', row.id).execute()).map((c) => c.conclusion);
    const comments = await trx.selectFrom('review_comment').select((eb) => eb.fn.countAll<string>().as('n')).where('cycle_id', '=', row.id).executeTakeFirstOrThrow();
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

  // 年度 of a date: April–March, named by its starting year (the year of the date three months earlier).
  const fy = sql<number>`cast(extract(year from (occurred_on - interval '3 months')) as integer)`;
  const perYear = await trx
    .selectFrom('incident')
    .select([fy.as('fiscal_year'), 'severity', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy([fy, 'severity'])
    .execute();
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
  const alerts = await trx
    .selectFrom('alert')
    .select((eb) => [
      'alert.id',
      'alert.title',
      'alert.severity',
      'alert.published_at',
      eb.selectFrom('alert_recipient').select((e) => e.fn.countAll<string>().as('n')).whereRef('alert_recipient.alert_id', '=', 'alert.id').as('recipients'),
      // Acknowledged: the recipient organisations where at least one member has acknowledged.
      eb
        .selectFrom('alert_recipient')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('alert_recipient.alert_id', '=', 'alert.id')
        .where((e) => e.exists(e.selectFrom('alert_acknowledgement as ack').select('ack.alert_id').whereRef('ack.alert_id', '=', 'alert_recipient.alert_id').whereRef('ack.organisation_id', '=', 'alert_recipient.organisation_id')))
        .as('acknowledged'),
    ])
    .orderBy('alert.published_at', 'desc')
    .orderBy('alert.id')
    .limit(DASHBOARD_ALERTS)
    .execute();

  return {
    cycle,
    evidence,
    incidents,
    updateApi: await updateApiAdoption(trx),
    alerts: alerts.map((a) => ({ id: a.id, title: a.title, severity: a.severity, publishedAt: new Date(a.published_at).toISOString(), recipients: Number(a.recipients), acknowledged: Number(a.acknowledged) })),
  };
}
