/** Japanese first, English switchable; the choice is kept in localStorage. */
import * as features from './i18n/index';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export type Lang = 'ja' | 'en';

const baseJa = {
  appTitle: 'Tsunagu（つなぐ）API接続チェックリスト管理',
  catalog: 'カタログ',
  analyses: '改訂内容の分析',
  reviews: '見直し検討・対応方針',
  fiscalYear: '年度',
  policyDocument: '対応方針',
  evidence: '資料',
  suggested: '示唆',
  finding: '評価',
  conclusion: '結論',
  decision: '判断',
  comments: '連絡会メンバーの意見',
  comment: '意見',
  openCycle: '見直し検討を開始',
  state_draft: '作成中',
  state_deliberation: '審議中',
  state_decided: '決定',
  state_published: '公表',
  admin: '組織・利用者',
  tokens: 'API トークン',
  audit: '監査ログ',
  alert: '注意喚起',
  acknowledge: '確認しました',
  signIn: 'サインイン',
  signOut: 'サインアウト',
  sso: 'シングルサインオン（組織の ID プロバイダー）',
  email: 'メールアドレス',
  password: 'パスワード',
  code: '確認コード（6桁）または回復コード',
  verify: '確認',
  mfaTitle: '二要素認証',
  mfaEnrolTitle: '二要素認証の登録',
  mfaEnrolHelp: '認証アプリ（Google Authenticator、Microsoft Authenticator など）で QR コードを読み取り、表示された6桁のコードを入力してください。',
  recoveryTitle: '回復コード',
  recoveryHelp: '認証アプリが使えないときのための回復コードです。安全な場所に保管してください。この画面を閉じると二度と表示されません。',
  continue: '続ける',
  ruleSets: '規程・基準',
  editions: '版',
  provisions: '基準項目',
  items: '確認項目',
  search: '基準番号または本文で検索',
  code_: '基準番号',
  title: '見出し',
  text: '本文',
  excerpt: '抜粋',
  citedBy: 'この基準を関連規定とする確認項目',
  noCitations: 'この基準を関連規定とする確認項目はありません',
  references: '関連規定',
  category: '区分',
  objective: 'セキュリティ目標',
  published: '公表',
  status: '状態',
  basedOn: '基にした版',
  partialRevisions: '一部改訂',
  newAnalysis: '分析を作成',
  ruleSet: '規程・基準',
  from: '旧版',
  to: '新版',
  create: '作成',
  checklist: 'チェックリスト',
  changes: '主な改訂内容',
  judgment: '見直し要否',
  needed: '見直し要',
  notNeeded: '見直し不要',
  notJudged: '未判断',
  reason: '理由',
  summary: '要約（1行）',
  save: '保存',
  saved: '保存しました',
  cancel: '閉じる',
  edit: '編集',
  sideBySide: '新旧対照',
  oldText: '旧',
  newText: '新',
  noOldText: '旧本文なし（公表資料の記載のみ）',
  export: '出力',
  rows: '行',
  deleted: '削除:',
  underlined: '下線部:',
  organisations: '組織',
  members: '利用者',
  invite: '招待',
  role: '役割',
  inviteLink: '招待リンク（この画面でのみ表示されます）',
  name: '名前',
  type: '種別',
  createOrg: '組織を作成',
  registrationNumber: '登録番号',
  scopes: '権限の範囲',
  expiresInDays: '有効期間（日）',
  newToken: 'トークンを発行',
  tokenOnce: 'このトークンは一度だけ表示されます。今すぐ控えてください。',
  revoke: '失効',
  action: '操作',
  when: '日時',
  who: '利用者',
  target: '対象',
  verifyChain: 'ハッシュチェーンを検証',
  chainOk: '監査ログは正常です',
  chainBroken: '監査ログに不整合があります',
  acceptInvitation: '招待を受ける',
  displayName: '表示名',
  loading: '読み込み中…',
  notFound: '見つかりません',
  language: 'English',
  none: 'なし',
  menu: 'メニュー',
  analysisTitle: '題名',
  compared: '比較した版',
  createdAt: '作成日時',
  searchResults: '件',
  noProvisions: '該当する基準項目はありません',
} as const;

type BaseDict = Record<keyof typeof baseJa, string>;

const baseEn: BaseDict = {
  appTitle: 'Tsunagu — API connection checklist',
  catalog: 'Catalog',
  analyses: 'Revision analysis',
  reviews: 'Yearly review',
  fiscalYear: 'Fiscal year',
  policyDocument: 'Policy document',
  evidence: 'Evidence',
  suggested: 'Suggested',
  finding: 'Finding',
  conclusion: 'Conclusion',
  decision: 'Decision',
  comments: 'Comments from committee members',
  comment: 'Comment',
  openCycle: 'Open a review',
  state_draft: 'Draft',
  state_deliberation: 'Deliberation',
  state_decided: 'Decided',
  state_published: 'Published',
  admin: 'Organisations & users',
  tokens: 'API tokens',
  audit: 'Audit log',
  alert: 'Alert',
  acknowledge: 'Acknowledge',
  signIn: 'Sign in',
  signOut: 'Sign out',
  sso: 'Single sign-on (your organisation’s identity provider)',
  email: 'E-mail',
  password: 'Password',
  code: '6-digit code or recovery code',
  verify: 'Verify',
  mfaTitle: 'Two-factor authentication',
  mfaEnrolTitle: 'Set up two-factor authentication',
  mfaEnrolHelp: 'Scan the QR code with an authenticator app and enter the 6-digit code it shows.',
  recoveryTitle: 'Recovery codes',
  recoveryHelp: 'Keep these codes somewhere safe for when your authenticator is not available. They are not shown again.',
  continue: 'Continue',
  ruleSets: 'Rule sets',
  editions: 'Editions',
  provisions: 'Provisions',
  items: 'Checklist items',
  search: 'Search by code or text',
  code_: 'Code',
  title: 'Title',
  text: 'Text',
  excerpt: 'Excerpt',
  citedBy: 'Checklist items citing this provision',
  noCitations: 'No checklist item cites this provision',
  references: 'References',
  category: 'Category',
  objective: 'Objective',
  published: 'Published',
  status: 'Status',
  basedOn: 'Based on',
  partialRevisions: 'Partial revisions',
  newAnalysis: 'New analysis',
  ruleSet: 'Rule set',
  from: 'From',
  to: 'To',
  create: 'Create',
  checklist: 'Checklist',
  changes: 'Main changes',
  judgment: 'Judgment',
  needed: 'Revision needed',
  notNeeded: 'Not needed',
  notJudged: 'Not judged',
  reason: 'Reason',
  summary: 'Summary (one line)',
  save: 'Save',
  saved: 'Saved',
  cancel: 'Close',
  edit: 'Edit',
  sideBySide: 'Old / new',
  oldText: 'Old',
  newText: 'New',
  noOldText: 'Old text not available (published comparison only)',
  export: 'Export',
  rows: 'rows',
  deleted: 'deleted:',
  underlined: 'underlined:',
  organisations: 'Organisations',
  members: 'Members',
  invite: 'Invite',
  role: 'Role',
  inviteLink: 'Invitation link (shown only here)',
  name: 'Name',
  type: 'Type',
  createOrg: 'Create organisation',
  registrationNumber: 'Registration number',
  scopes: 'Scopes',
  expiresInDays: 'Lifetime (days)',
  newToken: 'Create token',
  tokenOnce: 'This token is shown once. Copy it now.',
  revoke: 'Revoke',
  action: 'Action',
  when: 'When',
  who: 'Who',
  target: 'Target',
  verifyChain: 'Verify hash chains',
  chainOk: 'The audit log verifies',
  chainBroken: 'The audit log has breaks',
  acceptInvitation: 'Accept invitation',
  displayName: 'Display name',
  loading: 'Loading…',
  notFound: 'Not found',
  language: '日本語',
  none: 'none',
  menu: 'Menu',
  analysisTitle: 'Title',
  compared: 'Editions compared',
  createdAt: 'Created',
  searchResults: 'found',
  noProvisions: 'No provision matches',
};

/*
 * Each feature keeps its own words in web/src/i18n/<feature>.ts as a `{ ja, en }` pair (the English
 * dictionary typed from the Japanese one, so a missing word fails the type check). They are merged
 * here so pages keep using `t.word`. Keys must not collide across features.
 */
const ja = { ...baseJa, ...features.catalog.ja, ...features.review.ja, ...features.assessment.ja, ...features.assessmentConnector.ja, ...features.answerSheetLayouts.ja } as const;
type Dict = Record<keyof typeof ja, string>;
const en: Dict = { ...baseEn, ...features.catalog.en, ...features.review.en, ...features.assessment.en, ...features.assessmentConnector.en, ...features.answerSheetLayouts.en };

const dicts: Record<Lang, Dict> = { ja, en };

/** Organisation types and roles as people read them. */
export const ORG_TYPE_LABELS: Record<Lang, Record<string, string>> = {
  ja: { secretariat: '事務局', bank: '金融機関', connector: '電子決済等代行業者', association: '協会', auditor: '監査' },
  en: { secretariat: 'Secretariat', bank: 'Bank', connector: 'Connector', association: 'Association', auditor: 'Auditor' },
};
export const ROLE_LABELS: Record<Lang, Record<string, string>> = {
  ja: { admin: '管理者', editor: '編集者', reviewer: '確認者', viewer: '閲覧者' },
  en: { admin: 'Admin', editor: 'Editor', reviewer: 'Reviewer', viewer: 'Viewer' },
};

/** Rule-set kinds and edition states as people read them. */
export const RULE_SET_KIND_LABELS: Record<Lang, Record<string, string>> = {
  ja: { standard: '基準', report: '報告書', selfRegulation: '自主基準', checklist: 'チェックリスト', other: 'その他' },
  en: { standard: 'Standard', report: 'Report', selfRegulation: 'Self-regulation', checklist: 'Checklist', other: 'Other' },
};
export const EDITION_STATUS_LABELS: Record<Lang, Record<string, string>> = {
  ja: { draft: '案', published: '公表', superseded: '旧版' },
  en: { draft: 'Draft', published: 'Published', superseded: 'Superseded' },
};

const I18n = createContext<{ lang: Lang; t: Dict; setLang: (l: Lang) => void }>({ lang: 'ja', t: ja, setLang: () => {} });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('tsunagu.lang') === 'en' ? 'en' : 'ja'));
  useEffect(() => {
    localStorage.setItem('tsunagu.lang', lang);
    document.documentElement.lang = lang;
    document.title = dicts[lang].appTitle;
  }, [lang]);
  return <I18n.Provider value={{ lang, t: dicts[lang], setLang }}>{children}</I18n.Provider>;
}

export const useI18n = () => useContext(I18n);

/** A list of words joined the way the language joins them. */
export const joinWords = (lang: Lang, xs: string[]) => xs.join(lang === 'ja' ? '、' : ', ');
/** "（Sec-3）" in Japanese, " (Sec-3)" in English. */
export const inParens = (lang: Lang, s: string) => (lang === 'ja' ? `（${s}）` : ` (${s})`);

/** 2025-01-30 → 2025年1月30日; 2024-03 → 2024年3月 (Japanese); ISO in English. */
export function formatDate(d: string | null | undefined, lang: Lang): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(d);
  if (!m) return d;
  if (lang === 'en') return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}`;
}

export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(local, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
