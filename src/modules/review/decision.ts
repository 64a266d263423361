/**
 * The overall decision of a review: 不要 when no consideration asks for revision, otherwise 要. The
 * secretariat may override it only with a recorded reason; a major revision (大幅な見直し) goes to the
 * expert panel (有識者検討会).
 */
import type { Conclusion } from './review.schema.js';

export function derivedDecision(conclusions: (Conclusion | null)[]): Conclusion | null {
  if (conclusions.some((c) => c === 'needed')) return 'needed';
  if (conclusions.length && conclusions.every((c) => c === 'not_needed')) return 'not_needed';
  // Some considerations are not concluded yet: no decision can be derived.
  return null;
}

export interface DecisionInput {
  conclusions: (Conclusion | null)[];
  override: Conclusion | null;
  overrideReason: string | null;
  majorRevision: boolean;
}

export interface Decision {
  derived: Conclusion | null;
  effective: Conclusion | null;
  overridden: boolean;
  /** 不要 / 要 / 要・有識者検討会, as the document and the dashboards say it. */
  labelJa: string;
  labelEn: string;
}

export function decide(d: DecisionInput): Decision {
  const derived = derivedDecision(d.conclusions);
  const overridden = d.override !== null && d.override !== derived;
  const effective = overridden ? d.override : derived;
  const labelJa = effective === null ? '未決定' : effective === 'not_needed' ? '不要' : d.majorRevision ? '要・有識者検討会' : '要';
  const labelEn = effective === null ? 'undecided' : effective === 'not_needed' ? 'not needed' : d.majorRevision ? 'needed (expert panel)' : 'needed';
  return { derived, effective, overridden, labelJa, labelEn };
}

/** What is wrong with a decision's inputs (an override without a reason, an expert panel without 要). */
export function decisionProblems(d: DecisionInput & { expertPanelDate: string | null }): { where: string; messageJa: string; messageEn: string }[] {
  const out = [];
  const derived = derivedDecision(d.conclusions);
  if (d.override !== null && d.override !== derived && !d.overrideReason?.trim()) {
    out.push({ where: '/overrideReason', messageJa: '検討事項の結論と異なる判断には理由が必要です', messageEn: 'overriding the derived decision needs a reason' });
  }
  const effective = d.override ?? derived;
  if (d.majorRevision && effective !== 'needed') {
    out.push({ where: '/majorRevision', messageJa: '大幅な見直しは「見直し要」の場合にのみ指定できます', messageEn: 'a major revision requires the decision 要' });
  }
  if (d.majorRevision && !d.expertPanelDate) {
    out.push({ where: '/expertPanelDate', messageJa: '大幅な見直しには有識者検討会の開催日が必要です', messageEn: 'a major revision needs the expert panel date' });
  }
  return out;
}
