/**
 * The evidence registers: what the secretariat records all year, pulled into each cycle's
 * considerations by 年度. Each register says which consideration it feeds and what in an entry asks
 * for a revision of the checklist.
 */
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { fiscalYearRange } from '../../lib/dates.js';
import { parseOrThrow } from '../../lib/validate.js';
import { isoDate } from '../catalog/interchange.schema.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import * as repo from './review.repo.js';

const items = z.array(z.number().int().positive()).default([]);
const text = z.string().trim().min(1);

export const REGISTERS = {
  feedback: {
    table: 'feedback',
    dateColumn: 'received_on',
    consideration: 'usage',
    schema: z.strictObject({
      organisationName: text,
      organisationType: z.enum(['bank', 'connector', 'association', 'other']),
      receivedOn: isoDate,
      channel: z.enum(['exchange', 'survey', 'meeting', 'other']),
      content: text,
      requestsRevision: z.boolean().default(false),
      relatedItems: items,
    }),
    toRow: (v: any) => ({ organisation_name: v.organisationName, organisation_type: v.organisationType, received_on: v.receivedOn, channel: v.channel, content: v.content, requests_revision: v.requestsRevision, related_items: v.relatedItems }),
    asksRevision: (r: any) => r.requests_revision === true,
  },
  incident: {
    table: 'incident',
    dateColumn: 'occurred_on',
    consideration: 'incidents',
    schema: z.strictObject({
      occurredOn: isoDate,
      summary: text,
      parties: text,
      partyTypes: z.array(z.enum(['bank', 'connector', 'user', 'other'])).default([]),
      severity: z.enum(['low', 'medium', 'high', 'critical']),
      relatedItems: items,
      alertIssued: z.boolean().default(false),
      requiresRevision: z.boolean().default(false),
    }),
    toRow: (v: any) => ({ occurred_on: v.occurredOn, summary: v.summary, parties: v.parties, party_types: v.partyTypes, severity: v.severity, related_items: v.relatedItems, alert_issued: v.alertIssued, requires_revision: v.requiresRevision }),
    asksRevision: (r: any) => r.requires_revision === true,
  },
  standardTrend: {
    table: 'standard_trend',
    dateColumn: 'observed_on',
    consideration: 'standards',
    schema: z.strictObject({ body: text, specification: text, observedOn: isoDate, summary: text, relevance: z.enum(['none', 'watch', 'revision']) }),
    toRow: (v: any) => ({ body: v.body, specification: v.specification, observed_on: v.observedOn, summary: v.summary, relevance: v.relevance }),
    asksRevision: (r: any) => r.relevance === 'revision',
  },
  selfRegulation: {
    table: 'self_regulation_change',
    dateColumn: 'changed_on',
    consideration: 'selfRegulation',
    schema: z.strictObject({ edition: text, changedOn: isoDate, summary: text, requiresRevision: z.boolean().default(false) }),
    toRow: (v: any) => ({ edition: v.edition, changed_on: v.changedOn, summary: v.summary, requires_revision: v.requiresRevision }),
    asksRevision: (r: any) => r.requires_revision === true,
  },
  updateApi: {
    table: 'update_api_status',
    dateColumn: null,
    consideration: 'updateApi',
    schema: z.strictObject({ fiscalYear: z.number().int().min(2000).max(2100), bankName: text, offersUpdateApi: z.boolean() }),
    toRow: (v: any) => ({ fiscal_year: v.fiscalYear, bank_name: v.bankName, offers_update_api: v.offersUpdateApi }),
    asksRevision: (_r: any) => false,
  },
} as const;

export type RegisterName = keyof typeof REGISTERS;
export const REGISTER_NAMES = Object.keys(REGISTERS) as RegisterName[];

export async function addEvidence(args: { trx: Executor; actor: AuditActor; register: RegisterName; input: unknown; submittedBy?: string }) {
  const reg = REGISTERS[args.register];
  const value = parseOrThrow(reg.schema as z.ZodType, args.input, 'review.evidence_invalid');
  const values = { ...reg.toRow(value), ...(args.submittedBy && args.register === 'feedback' ? { submitted_by: args.submittedBy } : {}) };
  const { id } = await repo.insertRegisterEntry(args.trx, reg.table, values);
  await recordAudit(args.trx, args.actor, { action: 'review.evidence_added', targetType: reg.table, targetId: id, details: { register: args.register } });
  return { id };
}

/**
 * A register's entries in a period (by default the 年度); update-API status is kept per 年度 already.
 */
export async function listEvidence(trx: Executor, register: RegisterName, fiscalYear?: number, period?: [string, string]) {
  const reg = REGISTERS[register];
  let filter: Parameters<typeof repo.listRegisterEntries>[3];
  if (fiscalYear !== undefined) {
    if (reg.dateColumn) {
      const [from, to] = period ?? fiscalYearRange(fiscalYear);
      filter = { dateColumn: reg.dateColumn, from, to };
    } else filter = { fiscalYear };
  }
  return repo.listRegisterEntries(trx, reg.table, reg.dateColumn ?? 'bank_name', filter);
}

/** 更新系 API adoption per 年度: how many banks offer update APIs, of how many recorded. */
export async function updateApiAdoption(trx: Executor) {
  const rows = await repo.countUpdateApiStatus(trx);
  return rows.map((r) => ({ fiscalYear: r.fiscal_year, banks: Number(r.banks), offering: Number(r.offering) }));
}
