/** Small interchange documents for tests, written in the style of FISC's texts. */

export const standards11 = `
format: tsunagu.catalog/v1
kind: ruleSetEdition
ruleSet:
  code: test-standards
  name: テスト用安全対策基準
  shortName: テスト基準
  kind: standard
  publisher: テスト発行者
edition:
  label: 第1版
  publishedOn: 2023-03
  status: published
  partialRevisions:
    - revisedOn: 2023-09-01
      body: 連絡会
      summary: 用語の修正
provisions:
  - code: 1.意義
    kind: section
    title: 意義
    text: 本基準は金融機関等の安全対策の目安である。
  - code: 統 14
    title: セキュリティ教育を行うこと。
    text: 教育テーマとしては、以下の例がある。(6)コンピュータウイルスへの対応
  - code: Ｐ１６
    title: 不正アクセスの監視機能を設けること。
    text: CD/ATM等を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。
  - code: 実 103 - 1
    title: 旧い基準
    text: この基準は次の版で廃止される。
  - code: 監1
    title: システム監査体制を整備すること。
    text: 監査法人を利用した監査を行う。
`;

export const standards12 = `
format: tsunagu.catalog/v1
kind: ruleSetEdition
ruleSet:
  code: test-standards
  name: テスト用安全対策基準
  shortName: テスト基準
  kind: standard
edition:
  label: 第2版
  publishedOn: 2024-03
  basedOn: 第1版
provisions:
  - code: 1.意義
    kind: section
    title: 意義
    text: 本基準は金融機関等の安全対策の目安である。
  - code: 統14
    title: セキュリティ教育を行うこと。
    text: 教育テーマとしては、以下の例がある。(6)サイバーセキュリティ（コンピュータウイルスへの対応等）
  - code: 実16
    title: 不正アクセスの監視機能を設けること。
    text: CD/ATM 等を利用したカード取引においては、暗証番号が規定回数誤入力された場合、以後のカード取引を禁止する。
  - code: 実14-1
    title: 新しい基準
    text: 新設された基準である。
  - code: 監1
    title: システム監査体制を整備すること。
    text: 監査法人を利用した監査を行う。
`;

export const checklist = `
format: tsunagu.catalog/v1
kind: checklistEdition
ruleSet:
  code: test-checklist
  name: テスト用チェックリスト
  kind: checklist
edition:
  label: 2018年10月版
  publishedOn: 2018-10
items:
  - number: 3
    category: 情報・セキュリティ管理態勢
    references:
      - ruleSet: test-standards
        provision: 統14
      - ruleSet: test-standards
        provision: A1
  - number: 22
    category: システム開発・運用管理
    objective: システムアクセス時の認証を実施する。
    appliesTo: [read, write]
    references:
      - ruleSet: test-standards
        provision: 実16
        subPart: (2)
`;
