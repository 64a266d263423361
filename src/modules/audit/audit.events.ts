/**
 * The actions the audit log records, with when each happens. Every change is recorded in the same
 * transaction as the change itself; sign-ins, failures, lockouts and exports too.
 */
export const AUDIT_ACTIONS = {
  /** An interchange document was imported (rule-set or checklist edition, recorded comparison). */
  'catalog.imported': 'カタログを取り込み',
  /** An edition was exported in the interchange format. */
  'catalog.exported': 'カタログを出力',
  /** A column mapping for workbooks of another layout was saved (per organisation). */
  'catalog.column_mapping_created': '列の対応付けを登録',
  /** Reference data was loaded into an empty database. */
  'catalog.reference_loaded': '参照データを読み込み',
  /** A revision analysis was stored (from two editions or from a 新旧対照表). */
  'revision.analysis_created': '改訂内容の分析を作成',
  /** A row's summary or judgment was edited. */
  'revision.row_updated': '分析の行を編集',
  /** An analysis was exported (Markdown, HTML, xlsx, JSON). */
  'revision.analysis_exported': '改訂内容の分析を出力',
  /** An organisation was created. */
  'identity.organisation_created': '組織を作成',
  /** A user was created, or joined an organisation. */
  'identity.user_created': '利用者を作成',
  /** A user's password was set or reset. */
  'identity.password_reset': 'パスワードを再設定',
  /** A sign-in succeeded / failed / locked the account. */
  'auth.sign_in': 'サインイン',
  'auth.sign_in_failed': 'サインイン失敗',
  'auth.locked': 'アカウントをロック',
  'auth.unlocked': 'ロックを解除',
  /** An organisation's single sign-on provider was set. */
  'identity.sso_configured': 'シングルサインオンを設定',
  /** A review cycle was imported (reference data or a file). */
  'review.cycle_imported': '見直し検討を取り込み',
  /** An entry was added to an evidence register (feedback, incident, standard, 自主基準, 更新系API). */
  'review.evidence_added': '検討資料を登録',
  /** A cycle was opened, a consideration or the decision edited, or the state moved. */
  'review.cycle_created': '見直し検討を開始',
  'review.consideration_updated': '検討事項を編集',
  'review.decision_updated': '判断を編集',
  'review.state_changed': '見直し検討の状態を変更',
  'review.correction_created': '訂正版を作成',
  /** An alert (注意喚起) was published, e-mailed, or acknowledged by a recipient. */
  'alert.published': '注意喚起を発信',
  'alert.emailed': '注意喚起をメール送信',
  'alert.acknowledged': '注意喚起を確認',
  /** A 連絡会 meeting was recorded, its minutes published, or a member commented on a draft. */
  'review.meeting_recorded': '連絡会を記録',
  'review.minutes_published': '議事要旨を公表',
  'review.comment_added': '審議中の意見を登録',
  /** A policy document was exported. */
  'review.report_exported': '対応方針を出力',
  /** Assessments: a bank's connection or template was created or changed (a template carried over to a newer edition). */
  'assessment.connection_created': 'API接続を登録',
  'assessment.connection_updated': 'API接続を変更',
  'assessment.template_created': '確認シートを作成',
  'assessment.template_upgraded': '確認シートを新しい版へ移行',
  /** A connector uploaded an evidence file; anyone downloaded one. */
  'assessment.evidence_uploaded': '資料ファイルを登録',
  'assessment.evidence_downloaded': '資料ファイルをダウンロード',
  /** A connector's master answers were saved, or carried over to a newer edition. */
  'assessment.master_answers_saved': '回答（マスター）を保存',
  'assessment.answers_carried_over': '回答（マスター）を新しい版へ引き継ぎ',
  /** A connector consented to share its master answers with a bank, or revoked that consent. */
  'assessment.share_granted': '回答の共有に同意',
  'assessment.share_revoked': '回答の共有を取り消し',
  /** A request was sent, pre-filled, answered, submitted (a frozen snapshot) or withdrawn. */
  'assessment.request_sent': '回答依頼を送付',
  'assessment.request_prefilled': '回答依頼にマスター回答を入力',
  'assessment.answers_saved': '回答を保存',
  'assessment.submitted': '回答を提出',
  'assessment.request_withdrawn': '回答依頼を取り下げ',
  'assessment.state_changed': '回答依頼の状態を変更',
  /** A bank judged an item, someone wrote in an item's thread, a remediation plan was proposed or answered. */
  'assessment.item_reviewed': '項目を確認',
  'assessment.message_posted': '項目にメッセージ',
  'assessment.remediation_proposed': '改善計画を提示',
  'assessment.remediation_updated': '改善計画を更新',
  /** The overall result was proposed, sent back, or decided by a second person. */
  'assessment.result_proposed': '判定案を作成',
  'assessment.result_rejected': '判定案を差し戻し',
  'assessment.result_decided': '判定を承認',
  /** A due-date reminder was created or e-mailed. */
  'assessment.reminder_created': '回答期限の通知',
  'assessment.reminder_emailed': '回答期限の通知をメール送信',
  /** A request or its results were exported (xlsx, CSV, PDF), a filled workbook imported, a column mapping saved. */
  'assessment.exported': '回答依頼を出力',
  'assessment.imported': '回答を Excel から取り込み',
  'assessment.mapping_saved': '列の対応付けを保存',
  'assessment.mapping_deleted': '列の対応付けを削除',
  /** The audit log was exported. */
  'audit.exported': '監査ログを出力',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
