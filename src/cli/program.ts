/**
 * The `tsunagu` command. stdout carries only results (machine-readable with --json); logs and
 * errors go to stderr. Exit codes: docs/cli.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { migrateToLatest, openDatabase, resolveOpenOptions } from '../db/database.js';
import { openReady } from '../db/open-ready.js';
import { AppError } from '../lib/errors.js';
import { exportAudit, recordAudit, SYSTEM_ACTOR, verifyAudit } from '../modules/audit/index.js';
import { addUser, createOrganisation, identityRepo, resetPassword, unlockUser } from '../modules/identity/index.js';
import { loadDemoData } from '../modules/reference/load-demo.js';
import { catalog } from '../modules/catalog/index.js';
import { loadReferenceData } from '../modules/reference/load-reference.js';
import {
  compareEditions,
  createAnalysis,
  createAnalysisFromTable,
  getAnalysis,
  listAnalyses,
  parseComparisonTable,
  presentComparison,
  updateAnalysisRow,
  type AnalysisView,
} from '../modules/revision/index.js';
import { renderAnalysisHtml } from '../render/analysis-html.js';
import { renderAnalysisMarkdown } from '../render/analysis-markdown.js';
import { renderAnalysisText } from '../render/analysis-text.js';
import { renderAnalysisXlsx } from '../render/analysis-xlsx.js';
import { registerChecklistCommands } from './commands/checklist.js';
import { registerReviewCommands } from './commands/review.js';
import { registerMeetingCommands } from './commands/meeting.js';
import { registerAlertCommands } from './commands/alert.js';
import { registerAssessmentCommands } from './commands/assessment.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { defaultIo, printJson, setFirstAdminNotice, table, withDb, writeOutput, type Io } from './support.js';
import { detectLang, t, type Lang } from './i18n.js';

type AnalysisFormat = 'text' | 'json' | 'markdown' | 'html' | 'xlsx';

async function emitAnalysis(io: Io, a: AnalysisView, format: AnalysisFormat, lang: Lang, file?: string) {
  if (format === 'xlsx' && !file) {
    throw new AppError('cli.output_required', 'invalid', {
      ja: 'xlsx 形式では -o/--output で出力ファイルを指定してください',
      en: 'xlsx output needs -o/--output FILE',
    });
  }
  switch (format) {
    case 'json':
      return writeOutput(io, `${JSON.stringify(a, null, 2)}\n`, file);
    case 'markdown':
      return writeOutput(io, renderAnalysisMarkdown(a, { lang }), file);
    case 'html':
      return writeOutput(io, renderAnalysisHtml(a, { lang }), file);
    case 'xlsx':
      return writeOutput(io, await renderAnalysisXlsx(a, { lang }), file);
    default:
      return writeOutput(io, renderAnalysisText(a, { lang }), file);
  }
}

export function buildProgram(lang: Lang, io: Io = defaultIo): Command {
  const program = new Command('tsunagu');
  const L = (ja: string, en: string) => t(lang, ja, en);
  // An empty database gets its first admin on whatever command opens it first: say so once.
  setFirstAdminNotice((a) =>
    io.err(L(`事務局の最初の管理者を作成しました: ${a.email} / パスワード: ${a.password}（二度と表示されません）\n`, `created the secretariat's first admin: ${a.email} / password: ${a.password} (not shown again)\n`)));
  program
    .description(L('Tsunagu — API接続チェックリストの管理（規程・基準のカタログ、改訂内容の分析）', 'Tsunagu — manage the API connection checklist (catalogs, revision analysis)'))
    .addOption(new Option('--lang <lang>', L('表示言語 (ja|en)。既定は LANG による', 'language (ja|en); defaults from LANG')).choices(['ja', 'en']))
    .helpOption('-h, --help', L('ヘルプを表示', 'show help'))
    .helpCommand('help [command]', L('コマンドのヘルプを表示', 'show help for a command'))
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError();
  const formatOpt = () =>
    new Option('-f, --format <format>', L('出力形式', 'output format')).choices(['text', 'json', 'markdown', 'html', 'xlsx']).default('text');
  const jsonOpt = () => new Option('--json', L('JSON で出力', 'print JSON'));
  const checklistOpts = (c: Command) =>
    c
      .option('--checklist-rule-set <code>', L('影響を調べるチェックリスト（既定：この規程を引用する最新のもの）', 'checklist to take impact from (default: the latest citing one)'))
      .option('--checklist-edition <label>', L('チェックリストの版', 'checklist edition'));
  const checklistOf = (o: { checklistRuleSet?: string; checklistEdition?: string }) =>
    o.checklistRuleSet && o.checklistEdition ? { ruleSetCode: o.checklistRuleSet, label: o.checklistEdition } : null;

  program
    .command('serve')
    .description(L('Web サーバーを起動（初回は参照データを読み込む）', 'start the web server (loads reference data on first start)'))
    .option('--host <host>', L('待ち受けアドレス', 'address to listen on'), process.env.HOST ?? '127.0.0.1')
    .option('--port <port>', L('ポート番号', 'port'), process.env.PORT ?? '3000')
    .action(async (o: { host: string; port: string }) => {
      const { startServer } = await import('../http/server.js');
      await startServer({ host: o.host, port: Number(o.port), lang, io });
    });

  const db = program.command('db').description(L('データベースの操作', 'database operations'));
  db.command('migrate')
    .description(L('マイグレーションを適用', 'apply migrations'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const opts = resolveOpenOptions();
      const database = await openDatabase(opts);
      try {
        const applied = await migrateToLatest(database.db);
        if (o.json) printJson(io, { database: database.kind, location: database.location, applied });
        else io.out(L(`適用したマイグレーション: ${applied.length} 件（${database.kind}）\n`, `applied ${applied.length} migration(s) (${database.kind})\n`));
      } finally {
        await database.close();
      }
    });

  program
    .command('reference')
    .description(L('参照データ（data/reference）の読み込み', 'reference data (data/reference)'))
    .command('load')
    .description(L('参照データを読み込む（カタログが空のときは起動時に自動で読み込まれます）', 'load the reference data (done automatically on first start)'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const database = await openReady({ ...resolveOpenOptions(), loadReference: false });
      try {
        const r = await database.db.transaction().execute((trx) => loadReferenceData({ trx }));
        if (o.json) printJson(io, r);
        else for (const i of r.imported) io.out(`${i.ruleSet} ${i.edition}: ${JSON.stringify(i.counts)}\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('import')
    .description(L('交換形式（JSON・YAML）のファイルを取り込む。全件成功か何もしないか', 'import interchange files (JSON/YAML); all or nothing'))
    .argument('<files...>', L('取り込むファイル（指定順に取り込む）', 'files, imported in order'))
    .addOption(jsonOpt())
    .action(async (files: string[], o: { json?: boolean }) => {
      const documents = files.map((f) => ({ fileName: path.basename(f), doc: catalog.parseInterchange(readFileSync(f, 'utf8'), f) }));
      const results = await withDb((d) => d.db.transaction().execute((trx) => catalog.importDocuments({ trx, documents })));
      if (o.json) printJson(io, results);
      else for (const r of results) io.out(L(`取り込みました: ${r.ruleSet} ${r.edition} ${JSON.stringify(r.counts)}\n`, `imported ${r.ruleSet} ${r.edition} ${JSON.stringify(r.counts)}\n`));
    });

  const exp = program.command('export').description(L('交換形式で出力', 'export in the interchange format'));
  exp
    .command('edition')
    .description(L('版（規程・基準またはチェックリスト）を出力', 'export an edition (rule set or checklist)'))
    .requiredOption('--rule-set <code>', L('規程・基準のコード', 'rule set code'))
    .requiredOption('--edition <label>', L('版', 'edition label'))
    .addOption(new Option('--format <format>', L('形式', 'format')).choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (o: { ruleSet: string; edition: string; format: 'yaml' | 'json'; output?: string }) => {
      const doc = await withDb((d) => catalog.exportEdition({ trx: d.db, ruleSetCode: o.ruleSet, label: o.edition }));
      writeOutput(io, catalog.serializeInterchange(doc, o.format), o.output);
    });
  exp
    .command('comparison')
    .description(L('公表済みの新旧対照（印刷どおりの記録）を出力', 'export a comparison recorded as printed'))
    .requiredOption('--rule-set <code>', L('規程・基準のコード', 'rule set code'))
    .requiredOption('--from <label>', L('旧版', 'old edition'))
    .requiredOption('--to <label>', L('新版', 'new edition'))
    .addOption(new Option('--format <format>', L('形式', 'format')).choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (o: { ruleSet: string; from: string; to: string; format: 'yaml' | 'json'; output?: string }) => {
      const doc = await withDb((d) => catalog.exportRecordedComparison({ trx: d.db, ruleSetCode: o.ruleSet, from: o.from, to: o.to }));
      writeOutput(io, catalog.serializeInterchange(doc, o.format), o.output);
    });

  const cat = program.command('catalog').description(L('カタログの参照', 'browse the catalogs'));
  cat
    .command('rule-sets')
    .description(L('規程・基準の一覧', 'list rule sets'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => catalog.listRuleSets({ trx: d.db }));
      if (o.json) return printJson(io, rows);
      io.out(table([[L('コード', 'code'), L('名称', 'name'), L('種別', 'kind'), L('版数', 'editions')], ...rows.map((r) => [r.code, r.shortName ?? r.name, r.kind, String(r.editionCount)])]));
    });
  cat
    .command('editions')
    .description(L('版の一覧', 'list editions of a rule set'))
    .requiredOption('--rule-set <code>', L('規程・基準のコード', 'rule set code'))
    .addOption(jsonOpt())
    .action(async (o: { ruleSet: string; json?: boolean }) => {
      const rs = await withDb((d) => catalog.getRuleSet({ trx: d.db, code: o.ruleSet }));
      if (o.json) return printJson(io, rs);
      io.out(table([[L('版', 'edition'), L('公表', 'published'), L('状態', 'status'), L('基にした版', 'based on')], ...rs.editions.map((e) => [e.label, e.publishedOn ?? '-', e.status, e.basedOn ?? '-'])]));
    });
  cat
    .command('provisions')
    .description(L('基準項目の一覧・検索', 'list or search provisions'))
    .requiredOption('--rule-set <code>', L('規程・基準のコード', 'rule set code'))
    .requiredOption('--edition <label>', L('版', 'edition label'))
    .option('--search <q>', L('基準番号または本文で検索', 'search by code or text'))
    .addOption(jsonOpt())
    .action(async (o: { ruleSet: string; edition: string; search?: string; json?: boolean }) => {
      const rows = await withDb((d) => catalog.listProvisions({ trx: d.db, ruleSetCode: o.ruleSet, label: o.edition, q: o.search }));
      if (o.json) return printJson(io, rows);
      io.out(table([[L('基準番号', 'code'), L('見出し', 'title')], ...rows.map((r) => [r.code, (r.title ?? '').slice(0, 40)])]));
    });
  cat
    .command('items')
    .description(L('確認項目と関連規定の一覧', 'list checklist items with cross-references'))
    .requiredOption('--rule-set <code>', L('チェックリストのコード', 'checklist code'))
    .requiredOption('--edition <label>', L('版', 'edition label'))
    .addOption(jsonOpt())
    .action(async (o: { ruleSet: string; edition: string; json?: boolean }) => {
      const rows = await withDb((d) => catalog.listChecklistItems({ trx: d.db, ruleSetCode: o.ruleSet, label: o.edition }));
      if (o.json) return printJson(io, rows);
      io.out(
        table([
          ['No.', L('区分', 'category'), L('関連規定', 'references')],
          ...rows.map((r) => [String(r.number), r.category, r.references.map((x) => `${x.provision}${x.subPart ? ` ${x.subPart}` : ''}`).join(', ')]),
        ]),
      );
    });

  const rev = program.command('revision').description(L('改訂内容の分析（図表1）', 'revision analysis (図表1)'));
  checklistOpts(
    rev
      .command('compare')
      .description(L('2つの版、または版と新旧対照表を比較する', 'compare two editions, or an edition and a comparison table'))
      .requiredOption('--rule-set <code>', L('規程・基準のコード', 'rule set code'))
      .requiredOption('--from <label>', L('旧版（新旧対照表の場合は基にする版）', 'old edition (the base for a comparison table)'))
      .option('--to <label>', L('新版', 'new edition'))
      .option('--table <file>', L('新旧対照表（CSV・xlsx）', 'comparison table (CSV or xlsx)'))
      .option('--new-label <label>', L('新旧対照表から作る版の名前', 'label of the edition made from the table'))
      .option('--published-on <date>', L('新しい版の公表日（YYYY-MM-DD または YYYY-MM）', 'publication date of the new edition'))
      .option('--save', L('分析を保存する（新旧対照表の場合は常に保存）', 'store the analysis (always stored for a table)'))
      .option('--title <title>', L('分析の表題', 'analysis title'))
      .addOption(formatOpt())
      .option('-o, --output <file>', L('出力ファイル', 'output file')),
  ).action(
    async (o: {
      ruleSet: string;
      from: string;
      to?: string;
      table?: string;
      newLabel?: string;
      publishedOn?: string;
      save?: boolean;
      title?: string;
      format: AnalysisFormat;
      output?: string;
      checklistRuleSet?: string;
      checklistEdition?: string;
    }) => {
      if (!o.to === !o.table) {
        throw new AppError('cli.usage', 'invalid', { ja: '--to か --table のどちらか一方を指定してください', en: 'give either --to or --table' });
      }
      const checklist = checklistOf(o);
      const a = await withDb(async (d) => {
        if (o.table) {
          if (!o.newLabel || !o.publishedOn) {
            throw new AppError('cli.usage', 'invalid', {
              ja: '--table には --new-label と --published-on が必要です',
              en: '--table needs --new-label and --published-on',
            });
          }
          const rows = await parseComparisonTable(readFileSync(o.table), o.table);
          return d.db.transaction().execute((trx) =>
            createAnalysisFromTable({ trx, ruleSetCode: o.ruleSet, base: o.from, newLabel: o.newLabel!, publishedOn: o.publishedOn!, rows, checklist, title: o.title, fileName: path.basename(o.table!) }),
          );
        }
        if (o.save) {
          return d.db.transaction().execute((trx) => createAnalysis({ trx, ruleSetCode: o.ruleSet, from: o.from, to: o.to!, checklist, title: o.title }));
        }
        return presentComparison(await compareEditions({ trx: d.db, ruleSetCode: o.ruleSet, from: o.from, to: o.to!, checklist }), o.title);
      });
      await emitAnalysis(io, a, o.format, lang, o.output);
    },
  );
  rev
    .command('list')
    .description(L('保存された分析の一覧', 'list stored analyses'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => listAnalyses({ trx: d.db }));
      if (o.json) return printJson(io, rows);
      io.out(table([['ID', L('表題', 'title'), L('変更', 'changed')], ...rows.map((r) => [r.id, r.title, String((r.counts as Record<string, number>).changed ?? 0)])]));
    });
  rev
    .command('show')
    .description(L('保存された分析を表示', 'show a stored analysis'))
    .argument('<id>', L('分析の ID', 'analysis id'))
    .addOption(formatOpt())
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (id: string, o: { format: AnalysisFormat; output?: string }) => {
      const a = await withDb((d) => getAnalysis({ trx: d.db, id }));
      await emitAnalysis(io, a, o.format, lang, o.output);
    });
  rev
    .command('edit-row')
    .description(L('行の要約・見直し要否の判断を編集', 'edit a row summary or judgment'))
    .argument('<id>', L('分析の ID', 'analysis id'))
    .argument('<rowId>', L('行の ID', 'row id'))
    .option('--summary <text>', L('1行の要約', 'one-line summary'))
    .option('--needed', L('チェックリストの見直し要', 'checklist revision needed'))
    .option('--not-needed', L('チェックリストの見直し不要', 'checklist revision not needed'))
    .option('--clear-judgment', L('判断を取り消す', 'clear the judgment'))
    .option('--reason <text>', L('判断の理由', 'reason for the judgment'))
    .addOption(jsonOpt())
    .action(async (id: string, rowId: string, o: { summary?: string; needed?: boolean; notNeeded?: boolean; clearJudgment?: boolean; reason?: string; json?: boolean }) => {
      if ([o.needed, o.notNeeded, o.clearJudgment].filter(Boolean).length > 1) {
        throw new AppError('cli.usage', 'invalid', { ja: '--needed・--not-needed・--clear-judgment は一つだけ指定してください', en: 'give only one of --needed, --not-needed, --clear-judgment' });
      }
      const revisionNeeded = o.needed ? true : o.notNeeded ? false : o.clearJudgment ? null : undefined;
      const row = await withDb((d) =>
        d.db.transaction().execute((trx) => updateAnalysisRow({ trx, analysisId: id, rowId, summary: o.summary, revisionNeeded, reason: o.reason })),
      );
      if (o.json) printJson(io, row);
      else io.out(L('更新しました\n', 'updated\n'));
    });

  registerReviewCommands(program, { io, lang, L, jsonOpt });
  registerChecklistCommands(program, { io, lang, L, jsonOpt });
  registerMeetingCommands(program, { io, lang, L, jsonOpt });
  registerAlertCommands(program, { io, lang, L, jsonOpt });
  registerAssessmentCommands(program, { io, lang, L, jsonOpt });

  const admin = program.command('admin').description(L('組織・利用者の管理（運用者向け）', 'organisations and users (for operators)'));
  admin
    .command('create-organisation')
    .description(L('組織を作成', 'create an organisation'))
    .addOption(new Option('--type <type>', L('種別', 'type')).choices(['secretariat', 'bank', 'connector', 'association', 'auditor']).makeOptionMandatory())
    .requiredOption('--name <name>', L('組織名', 'name'))
    .option('--name-en <name>', L('英語名', 'English name'))
    .option('--registration-number <no>', L('電子決済等代行業者の登録番号', 'connector registration number'))
    .addOption(jsonOpt())
    .action(async (o: { type: string; name: string; nameEn?: string; registrationNumber?: string; json?: boolean }) => {
      const org = await withDb((d) =>
        d.db.transaction().execute((trx) => createOrganisation({ trx, actor: SYSTEM_ACTOR, auth: null, type: o.type, name: o.name, nameEn: o.nameEn, registrationNumber: o.registrationNumber })),
      );
      if (o.json) printJson(io, { id: org.id, type: org.type, name: org.name });
      else io.out(`${org.id}\n`);
    });
  admin
    .command('create-user')
    .description(L('利用者を作成（パスワード省略時はランダムに生成して一度だけ表示）', 'create a user (a random password is printed once when none is given)'))
    .requiredOption('--organisation <id>', L('組織の ID', 'organisation id'))
    .requiredOption('--email <email>', L('メールアドレス', 'e-mail'))
    .option('--name <name>', L('表示名', 'display name'))
    .addOption(new Option('--role <role>', L('役割', 'role')).choices(['admin', 'editor', 'reviewer', 'viewer']).default('viewer'))
    .option('--password <password>', L('パスワード', 'password'))
    .action(async (o: { organisation: string; email: string; name?: string; role: string; password?: string }) => {
      const { randomPassword } = await import('../modules/identity/secrets.js');
      const password = o.password ?? randomPassword();
      await withDb((d) =>
        d.db.transaction().execute((trx) =>
          addUser({ trx, actor: SYSTEM_ACTOR, auth: null, organisationId: o.organisation, email: o.email, displayName: o.name ?? o.email, role: o.role, password }),
        ),
      );
      io.out(o.password ? L('作成しました\n', 'created\n') : L(`作成しました。パスワード: ${password}（二度と表示されません）\n`, `created; password: ${password} (not shown again)\n`));
    });
  admin
    .command('reset-password')
    .description(L('パスワードを再設定（ランダム・一度だけ表示）し、ロックを解除して全セッションを終了', 'reset a password (random, printed once), unlock, and end all sessions'))
    .requiredOption('--email <email>', L('メールアドレス', 'e-mail'))
    .action(async (o: { email: string }) => {
      const r = await withDb((d) => d.db.transaction().execute((trx) => resetPassword({ trx, actor: SYSTEM_ACTOR, email: o.email })));
      io.out(L(`新しいパスワード: ${r.password}（二度と表示されません）\n`, `new password: ${r.password} (not shown again)\n`));
    });
  admin
    .command('unlock')
    .description(L('サインイン失敗によるロックを解除', 'unlock an account locked by failed sign-ins'))
    .requiredOption('--email <email>', L('メールアドレス', 'e-mail'))
    .action(async (o: { email: string }) => {
      await withDb(async (d) => {
        const u = await identityRepo.findUserByEmail(d.db, o.email);
        if (!u) throw new AppError('identity.user_not_found', 'not_found', { ja: `利用者 ${o.email} が見つかりません`, en: `user ${o.email} not found` });
        await d.db.transaction().execute((trx) => unlockUser({ trx, actor: SYSTEM_ACTOR, auth: null, userId: u.id }));
      });
      io.out(L('ロックを解除しました\n', 'unlocked\n'));
    });

  program
    .command('demo')
    .description(L('デモ用の組織・利用者', 'demo organisations and users'))
    .command('load')
    .description(L('ツアー用のデモ組織（金融機関・電子決済等代行業者）と利用者を作成（名前に「デモ」と付く）', 'create demo organisations and users for the tour (named as demo)'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const r = await withDb((d) => d.db.transaction().execute((trx) => loadDemoData({ trx })));
      if (o.json) return printJson(io, r);
      io.out(L('デモ組織と利用者を作成しました（パスワードは二度と表示されません）:\n', 'created demo organisations and users (passwords are not shown again):\n'));
      for (const u of r.users) io.out(`  ${u.organisation}  ${u.email}  ${u.role}  ${u.password}\n`);
      io.out(
        L(
          `サンプルのチェックリストと、デモ銀行の参照系確認シート（${r.assessment.items} 項目、Sec-1…）への デモ電代株式会社 の提出済み回答を作成しました（回答依頼 ${r.assessment.requestId}）。\n`,
          `loaded the sample checklist and デモ電代株式会社's submitted answers to デモ銀行's 参照系 sheet (${r.assessment.items} items, Sec-1…; request ${r.assessment.requestId}).\n`,
        ),
      );
    });

  const audit = program.command('audit').description(L('監査ログ', 'audit log'));
  audit
    .command('verify')
    .description(L('監査ログのハッシュチェーンを検証（改ざん・削除・順序入替えを検出）', 'verify the audit hash chains (detects edits, deletions, reordering)'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const v = await withDb((d) => verifyAudit({ trx: d.db }));
      if (o.json) printJson(io, v);
      else if (v.ok) io.out(L(`監査ログは正常です（チェーン ${v.chains}、記録 ${v.entries} 件）\n`, `the audit log verifies (${v.chains} chains, ${v.entries} entries)\n`));
      else {
        io.out(L(`監査ログに ${v.breaks.length} 件の不整合があります\n`, `the audit log has ${v.breaks.length} break(s)\n`));
        for (const b of v.breaks) io.out(`  ${lang === 'ja' ? b.messageJa : b.messageEn}\n`);
      }
      if (!v.ok) throw new AuditBroken();
    });
  audit
    .command('export')
    .description(L('監査ログを出力（CSV・JSON）', 'export the audit log (CSV or JSON)'))
    .addOption(new Option('--format <format>', L('形式', 'format')).choices(['csv', 'json']).default('csv'))
    .option('--action <action>', L('操作で絞り込み', 'filter by action'))
    .option('--chain <chain>', L('チェーン（組織 ID または system）で絞り込み', 'filter by chain (organisation id or system)'))
    .option('--from <date>', L('この日時以降', 'from this time'))
    .option('--to <date>', L('この日時より前', 'before this time'))
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (o: { format: 'csv' | 'json'; action?: string; chain?: string; from?: string; to?: string; output?: string }) => {
      const text = await withDb((d) =>
        d.db.transaction().execute((trx) =>
          exportAudit({
            trx,
            actor: SYSTEM_ACTOR,
            format: o.format,
            query: { chains: o.chain ? [o.chain] : 'all', action: o.action, from: o.from ? new Date(o.from) : undefined, to: o.to ? new Date(o.to) : undefined },
          }),
        ),
      );
      writeOutput(io, text, o.output);
    });

  return program;
}

/** Thrown after the verification report is printed, to exit with EXIT.auditBroken. */
class AuditBroken extends Error {}

/** Runs the CLI and returns the exit code (the process is not exited here, for tests). */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const lang = detectLang(argv);
  const program = buildProgram(lang, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof AuditBroken) return EXIT.auditBroken;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof AppError) {
      const msg = lang === 'ja' ? e.messageJa : e.messageEn;
      io.err(`${t(lang, 'エラー', 'error')} [${e.code}]: ${msg}\n`);
      // A problem whose message already names its place (シート「チェックリスト」E12: …) is printed as it is.
      for (const p of e.problems) io.err(`  ${p.messageJa.startsWith(p.where) ? '' : `${p.where}: `}${lang === 'ja' ? p.messageJa : p.messageEn}\n`);
      return e.code === 'db.busy' ? EXIT.busy : e.code === 'cli.usage' ? EXIT.usage : exitCodeOf(e.kind);
    }
    io.err(`${t(lang, '予期しないエラー', 'unexpected error')}: ${(e as Error).message}\n`);
    return EXIT.internal;
  }
}
