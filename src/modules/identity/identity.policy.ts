/**
 * Who may do what, as small named policies. The server checks them on every route; /api/me sends
 * the signed-in user's results to the web app so it can hide what the user may not do.
 */
import type { OrganisationType, Role } from './identity.repo.js';

export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  organisation: { id: string; type: OrganisationType; name: string };
  role: Role;
  via: 'session' | 'token';
  /** For API tokens: what the token may do (a subset of the user's own rights). */
  scopes: string[] | null;
  sessionId: string | null;
}

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, editor: 2, admin: 3 };
export const atLeast = (role: Role, min: Role) => RANK[role] >= RANK[min];
const isSecretariat = (a: AuthContext) => a.organisation.type === 'secretariat';

/** Each policy, with the API-token scope that grants it (null: never through a token). */
export const POLICIES = {
  /** Catalogs and analyses are read by everyone signed in. */
  'catalog.read': { scope: 'catalog:read', allow: (_a: AuthContext) => true },
  /** Catalogs are edited by the secretariat. */
  'catalog.write': { scope: 'catalog:write', allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'editor') },
  'revision.read': { scope: 'revision:read', allow: (_a: AuthContext) => true },
  /** Analyses are created by secretariat editors; summaries and judgments by its reviewers too. */
  'revision.create': { scope: 'revision:write', allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'editor') },
  'revision.judge': { scope: 'revision:write', allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'reviewer') },
  /** Published policy documents and the review cycles are read by everyone signed in. */
  'review.read': { scope: 'review:read', allow: (_a: AuthContext) => true },
  /** The secretariat's editors and admins run the review: evidence, cycles, decisions, states. */
  'review.manage': { scope: 'review:write', allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'editor') },
  /** Banks, connectors and the association give feedback for the review (ユーザーの使用状況や要望). */
  'review.feedback': { scope: null, allow: (a: AuthContext) => ['bank', 'connector', 'association'].includes(a.organisation.type) && atLeast(a.role, 'editor') },
  /** 連絡会 members (banks, connectors, the association) comment on a review under deliberation. */
  'review.comment': { scope: null, allow: (a: AuthContext) => ['bank', 'connector', 'association', 'secretariat'].includes(a.organisation.type) && atLeast(a.role, 'reviewer') },
  /** The secretariat publishes alerts (注意喚起) and sees who has acknowledged them. */
  'alert.publish': { scope: null, allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'editor') },
  /** Everyone signed in sees the alerts addressed to their organisation and acknowledges them. */
  'alert.read': { scope: null, allow: (_a: AuthContext) => true },
  /** Banks and connectors see their own assessments (what each sees is limited by organisation in every query). */
  'assessment.read': { scope: 'assessment:read', allow: (a: AuthContext) => a.organisation.type === 'bank' || a.organisation.type === 'connector' },
  /** A bank's editors keep its connections and templates and send requests to connectors. */
  'assessment.manage': { scope: 'assessment:write', allow: (a: AuthContext) => a.organisation.type === 'bank' && atLeast(a.role, 'editor') },
  /** A bank's reviewers judge answers item by item and propose the overall result. */
  'assessment.review': { scope: 'assessment:write', allow: (a: AuthContext) => a.organisation.type === 'bank' && atLeast(a.role, 'reviewer') },
  /** A bank's reviewers approve a result someone else proposed (four eyes, checked in the use case). */
  'assessment.approve': { scope: null, allow: (a: AuthContext) => a.organisation.type === 'bank' && atLeast(a.role, 'reviewer') },
  /** A connector's editors keep its master answers and evidence, answer requests, submit and share. */
  'assessment.answer': { scope: 'assessment:write', allow: (a: AuthContext) => a.organisation.type === 'connector' && atLeast(a.role, 'editor') },
  /** Both sides write in an item's thread: bank reviewers and connector editors. */
  'assessment.message': {
    scope: 'assessment:write',
    allow: (a: AuthContext) => (a.organisation.type === 'bank' && atLeast(a.role, 'reviewer')) || (a.organisation.type === 'connector' && atLeast(a.role, 'editor')),
  },
  /** Everyone signed in reads their organisation's notifications (requests received, reminders…). */
  'notification.read': { scope: 'assessment:read', allow: (_a: AuthContext) => true },
  /** An organisation's admins see its part of the audit log. */
  'audit.read.own': { scope: 'audit:read', allow: (a: AuthContext) => atLeast(a.role, 'admin') },
  /** Secretariat admins and auditors see every part. */
  'audit.read.all': { scope: 'audit:read', allow: (a: AuthContext) => (isSecretariat(a) && atLeast(a.role, 'admin')) || a.organisation.type === 'auditor' },
  /** The secretariat's admins create organisations. */
  'organisation.create': { scope: null, allow: (a: AuthContext) => isSecretariat(a) && atLeast(a.role, 'admin') },
  /** Everyone sees organisations' names (banks and connectors must find each other). */
  'organisation.list': { scope: null, allow: (_a: AuthContext) => true },
  /** An organisation's admins manage its members and invitations. */
  'members.manage': { scope: null, allow: (a: AuthContext) => atLeast(a.role, 'admin') },
  /** Everyone manages their own API tokens. */
  'apiToken.manage': { scope: null, allow: (_a: AuthContext) => true },
} as const;

export type PolicyName = keyof typeof POLICIES;

export function can(a: AuthContext, policy: PolicyName): boolean {
  const p = POLICIES[policy];
  if (a.via === 'token' && (p.scope === null || !a.scopes?.includes(p.scope))) return false;
  return p.allow(a);
}

/** Every policy's answer for this user: what the web app uses to hide or disable actions. */
export function permissionsOf(a: AuthContext): Record<PolicyName, boolean> {
  return Object.fromEntries((Object.keys(POLICIES) as PolicyName[]).map((k) => [k, can(a, k)])) as Record<PolicyName, boolean>;
}

export const TOKEN_SCOPES = ['catalog:read', 'catalog:write', 'revision:read', 'revision:write', 'review:read', 'review:write', 'assessment:read', 'assessment:write', 'audit:read'] as const;

/** MFA is required for secretariat users and for admins of any organisation. */
export function mfaRequired(memberships: { type: OrganisationType; role: Role }[]): boolean {
  return memberships.some((m) => m.type === 'secretariat' || m.role === 'admin');
}
