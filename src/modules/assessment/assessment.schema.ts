/**
 * Inputs and outputs of the assessment module, and the rules an answer must meet under each answer
 * scheme: (a) はい / いいえ / 該当なし with an explanation (the ②欄) required for いいえ and 該当なし, or
 * (b) FISC's self-assessment 現状 / 課題 / 改善計画 (現状 required; a 課題 needs its 改善計画).
 */
import { z } from 'zod';
import type { Problem } from '../../lib/errors.js';
import { isoDate } from '../catalog/interchange.schema.js';

export const apiType = z.enum(['read', 'write']);
export const accessType = z.enum(['private', 'public']);
export const answerScheme = z.enum(['yes_no', 'self_assessment']);
export const connectionStatus = z.enum(['applied', 'reviewing', 'contracted', 'suspended', 'terminated']);
export const verdict = z.enum(['accepted', 'clarification', 'not_met', 'accepted_with_condition']);
export const resultValue = z.enum(['conforming', 'conditional', 'non_conforming']);
export type ApiType = z.infer<typeof apiType>;
export type AnswerSchemeName = z.infer<typeof answerScheme>;
export type VerdictName = z.infer<typeof verdict>;
export type ResultName = z.infer<typeof resultValue>;

/** Japanese names, for messages, documents and spreadsheets. */
export const LABELS = {
  apiType: { read: '参照系（口座情報取得）', write: '更新系（決済指図伝達）' },
  access: { private: '非公開（個別接続）', public: '公開' },
  status: { applied: '申請中', reviewing: '審査中', contracted: '契約済', suspended: '停止', terminated: '終了' },
  choice: { yes: 'はい', no: 'いいえ', na: '該当なし' },
  verdict: { accepted: '確認済み', clarification: '要確認（説明依頼）', not_met: '未充足', accepted_with_condition: '条件付きで確認' },
  result: { conforming: '適合', conditional: '条件付適合', non_conforming: '不適合' },
  requestState: { sent: '回答依頼中', submitted: '提出済み', clarification: '説明依頼中', decided: '判定済み', withdrawn: '取り下げ' },
  scheme: { yes_no: 'はい／いいえ／該当なし（②欄に説明）', self_assessment: '現状・課題・改善計画（FISC 自己評価形式）' },
} as const;

const text = z.string().trim().min(1);

export const connectionInput = z.strictObject({
  connectorId: z.string().uuid(),
  serviceName: text.max(200),
  apiType,
  access: accessType,
  status: connectionStatus.default('applied'),
  contractDate: isoDate.nullable().default(null),
  reassessmentMonths: z.number().int().min(1).max(60).default(12),
});

export const connectionPatch = z.strictObject({
  status: connectionStatus.optional(),
  contractDate: isoDate.nullable().optional(),
  reassessmentMonths: z.number().int().min(1).max(60).optional(),
  serviceName: text.max(200).optional(),
});

export const hearingQuestion = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/, { message: '英字で始まる英数字（40字以内）にしてください / letters, digits and _ starting with a letter' }),
  label: text.max(200),
  kind: z.enum(['text', 'choice']).default('text'),
  choices: z.array(text).optional(),
  required: z.boolean().default(true),
});

/** The hearing questions banks ask besides the checklist (service name, purpose, access type…). */
export const DEFAULT_HEARING_QUESTIONS: z.input<typeof hearingQuestion>[] = [
  { key: 'serviceName', label: 'サービス名', kind: 'text', required: true },
  { key: 'purpose', label: 'API 接続の目的・サービスの概要', kind: 'text', required: true },
  { key: 'accessType', label: '利用者のアクセス方法', kind: 'choice', choices: ['Web', 'スマートフォンアプリ', 'その他'], required: true },
  { key: 'userCount', label: '想定利用者数', kind: 'text', required: false },
  { key: 'contact', label: 'セキュリティ責任者（部署・氏名・連絡先）', kind: 'text', required: true },
];

export const templateInput = z.strictObject({
  name: text.max(200),
  checklist: z.strictObject({ ruleSet: text, edition: text }),
  answerScheme,
  apiTypes: z.array(apiType).min(1),
  accessTypes: z.array(accessType).min(1),
  /** The bank's own labels: `Sec-` gives Sec-1, Sec-2… in order; items may also carry their own label. */
  labelPrefix: z.string().max(20).nullable().default(null),
  /** Items not listed are included, for the API types the checklist item itself applies to. */
  items: z
    .array(
      z.strictObject({
        number: z.number().int().positive(),
        included: z.boolean().default(true),
        exclusionReason: z.string().trim().nullable().default(null),
        label: z.string().trim().min(1).max(40).optional(),
        position: z.number().int().nonnegative().optional(),
        apiTypes: z.array(apiType).min(1).nullable().optional(),
        accessTypes: z.array(accessType).min(1).nullable().optional(),
      }),
    )
    .default([]),
  hearingQuestions: z.array(hearingQuestion).default(DEFAULT_HEARING_QUESTIONS as never),
});

export const requestInput = z.strictObject({
  templateId: z.string().uuid(),
  connectionId: z.string().uuid(),
  dueDate: isoDate,
});

/** One item's answer fields; any may be left empty while the connector works. */
export const answerFields = z.strictObject({
  choice: z.enum(['yes', 'no', 'na']).nullable().optional(),
  explanation: z.string().nullable().optional(),
  currentState: z.string().nullable().optional(),
  issues: z.string().nullable().optional(),
  improvementPlan: z.string().nullable().optional(),
  evidenceIds: z.array(z.string().uuid()).optional(),
});
export type AnswerFields = z.infer<typeof answerFields>;

export const masterAnswerInput = answerFields.extend({
  number: z.number().int().positive(),
  /** A conditional answer: for one service, or one API type, only. */
  scopeService: z.string().trim().max(200).default(''),
  scopeApiType: z.enum(['', 'read', 'write']).default(''),
  /** Removes this conditional answer (the one for this service or API type); the general answer cannot be removed. */
  remove: z.boolean().default(false),
});

export const requestAnswersInput = z.strictObject({
  items: z.array(answerFields.extend({ number: z.number().int().positive() })).default([]),
  hearing: z.record(z.string(), z.string()).optional(),
  /** Also write these answers into the master answer set (for every bank to come). */
  saveToMaster: z.boolean().default(false),
});

export const itemReviewInput = z.strictObject({
  verdict,
  condition: z.string().trim().nullable().default(null),
});

export const remediationInput = z.strictObject({
  description: text,
  dueDate: isoDate,
});

export const messageInput = z.strictObject({ body: z.string().max(10000, { message: 'メッセージは1万字までです / at most 10,000 characters' }) });
export const remediationAction = z.strictObject({ action: z.enum(['accept', 'complete']) });
export const decisionInput = z.strictObject({ approve: z.boolean(), comment: z.string().trim().nullable().default(null) });

export const resultInput = z.strictObject({
  result: resultValue,
  comment: z.string().trim().nullable().default(null),
});

/** An answer as stored and as frozen in a submission. */
export interface Answer {
  choice: 'yes' | 'no' | 'na' | null;
  explanation: string | null;
  currentState: string | null;
  issues: string | null;
  improvementPlan: string | null;
  evidence: { id: string; fileName: string; sha256: string }[];
}

/** What every document about a request names at its top: the request workbook and the results files. */
export interface RequestHeading {
  bank: string;
  connector: string;
  serviceName: string;
  apiType: ApiType;
  access: 'private' | 'public';
  /** The bank's 確認シート. */
  template: string;
  checklist: { name: string; edition: string; sample: boolean };
  scheme: AnswerSchemeName;
}

/** What the bank keeps: the frozen answers of one submission. */
export interface SubmissionContent {
  scheme: AnswerSchemeName;
  checklist: { ruleSet: string; ruleSetName: string; edition: string };
  bank: string;
  connector: string;
  connection: { serviceName: string; apiType: ApiType; access: 'private' | 'public' };
  hearing: { key: string; label: string; answer: string | null }[];
  items: { number: number; label: string; category: string; text: string | null; answer: Answer }[];
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * What keeps an answer from being submitted under a scheme, as problems at /items/<label>/<field>.
 *
 * @example answerProblems('yes_no', { choice: 'no', explanation: '' … }, 'Sec-3') // [{ where: '/items/Sec-3/explanation', … }]
 */
export function answerProblems(scheme: AnswerSchemeName, a: Pick<Answer, 'choice' | 'explanation' | 'currentState' | 'issues' | 'improvementPlan'> | undefined, label: string): Problem[] {
  const at = (f: string) => `/items/${label}/${f}`;
  if (scheme === 'yes_no') {
    if (!a || !a.choice) return [{ where: at('choice'), messageJa: `${label}: 回答（はい／いいえ／該当なし）を選んでください`, messageEn: `${label}: choose yes, no or n/a` }];
    if ((a.choice === 'no' || a.choice === 'na') && blank(a.explanation)) {
      return [{ where: at('explanation'), messageJa: `${label}: 「${LABELS.choice[a.choice]}」の場合は②欄に説明を記入してください`, messageEn: `${label}: an explanation is required for "${a.choice === 'no' ? 'no' : 'n/a'}"` }];
    }
    return [];
  }
  const out: Problem[] = [];
  if (!a || blank(a.currentState)) out.push({ where: at('currentState'), messageJa: `${label}: 現状を記入してください`, messageEn: `${label}: describe the current state` });
  if (a && !blank(a.issues) && blank(a.improvementPlan)) out.push({ where: at('improvementPlan'), messageJa: `${label}: 課題がある場合は改善計画を記入してください`, messageEn: `${label}: an issue needs an improvement plan` });
  return out;
}

/**
 * The result the item verdicts point to: 不適合 when an item is not met, 条件付適合 when one is accepted
 * with a condition, otherwise 適合. null while an item is unreviewed or awaiting clarification.
 */
export function suggestedResult(verdicts: (VerdictName | null)[]): ResultName | null {
  if (verdicts.some((v) => v === null || v === 'clarification')) return null;
  if (verdicts.includes('not_met')) return 'non_conforming';
  if (verdicts.includes('accepted_with_condition')) return 'conditional';
  return 'conforming';
}
