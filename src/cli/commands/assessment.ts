/**
 * `tsunagu assessment …`: the Excel round trip of a request, its results files, the list of requests
 * and the due-date reminders, run by the operator on behalf of a user (`--as EMAIL`). The commands
 * act with that user's membership and rights, through the same use cases as the HTTP routes, and the
 * audit log names that user as the actor.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Executor } from '../../db/database.js';
import { formatJaDate, isIsoDate } from '../../lib/dates.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import {
  ASSESSMENT_LABELS,
  exportRequestResults,
  exportRequestWorkbook,
  importRequestWorkbook,
  listRequests,
  runReminders,
  deleteAnswerSheetMapping,
  saveAnswerSheetMapping,
  tryAnswerSheetMapping,
  type ResultsFormat,
} from '../../modules/assessment/index.js';
import { actorOfAuth, authContextOfUser, authorize, type PolicyName } from '../../modules/identity/index.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb, writeOutput } from '../support.js';
import { readTextFile } from './review.js';

/** The user the operator acts for, allowed to do what the command does (as the route would check). */
async function actingAs(trx: Executor, o: { as: string; organisation?: string }, policy: PolicyName) {
  const auth = await authContextOfUser(trx, o.as, o.organisation);
  authorize(auth, policy);
  return { auth, actor: actorOfAuth(auth) };
}

/** A mapping file: JSON or YAML holding the `mapping` object of docs/formats.md. */
async function readMappingFile(file: string): Promise<unknown> {
  const text = readTextFile(file);
  const { default: YAML } = await import('yaml');
  try {
    return YAML.parse(text);
  } catch (e) {
    throw invalid('cli.file_syntax', `ファイル ${file} を JSON・YAML として読めません`, `cannot read ${file} as JSON or YAML`, [{ where: file, messageJa: (e as Error).message.split('\n')[0]!, messageEn: (e as Error).message.split('\n')[0]! }]);
  }
}

function readBinaryFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('cli.file_not_found', `ファイル ${file} が見つかりません`, `file ${file} not found`);
    throw e;
  }
}

export function registerAssessmentCommands(program: Command, { io, lang, L, jsonOpt }: CommandContext) {
  const asOpt = () => new Option('--as <email>', L('この利用者として操作する（その利用者の所属と権限で。監査ログの操作者）', 'act as this user (with their membership and rights; the audit log names them)')).makeOptionMandatory();
  const orgOpt = () => new Option('--organisation <id>', L('複数の組織に所属する利用者の場合、どの組織として操作するか', 'for a user in several organisations: which one to act for'));
  const assessment = program.command('assessment').description(L('API接続の確認（回答依頼の Excel 入出力・確認結果・通知）', 'assessments (request workbooks, results, reminders)'));

  assessment
    .command('list')
    .description(L('回答依頼の一覧（金融機関: 送付分、電子決済等代行業者: 受信分）', 'requests (banks: sent; connectors: received)'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .addOption(jsonOpt())
    .action(async (o: { as: string; organisation?: string; json?: boolean }) => {
      const rows = await withDb(async (d) => {
        const { auth } = await actingAs(d.db, o, 'assessment.read');
        return listRequests({ trx: d.db, auth });
      });
      if (o.json) return printJson(io, rows);
      const state = (s: keyof typeof ASSESSMENT_LABELS.requestState) => (lang === 'ja' ? ASSESSMENT_LABELS.requestState[s] : s);
      const due = (d: string) => (lang === 'ja' ? formatJaDate(d) : d);
      io.out(
        table([
          ['ID', L('相手', 'counterpart'), L('サービス', 'service'), L('状態', 'state'), L('期限', 'due'), L('項目', 'items'), L('判定', 'result')],
          ...rows.map((r) => [
            r.id,
            r.side === 'bank' ? r.connector.name : r.bank.name,
            r.serviceName,
            state(r.state),
            `${due(r.dueDate)}${r.overdue ? L('（期限切れ）', ' (overdue)') : ''}`,
            String(r.items),
            r.result ? (lang === 'ja' ? ASSESSMENT_LABELS.result[r.result] : r.result) : '-',
          ]),
        ]),
      );
    });

  assessment
    .command('export-xlsx')
    .description(L('回答依頼を Excel の回答票（はじめに・ヒアリング・チェックリスト、入力欄以外は保護）として出力', 'export a request as a workbook (instructions, hearing, checklist; protected except the answer cells)'))
    .requiredOption('--request <id>', L('回答依頼の ID', 'request id'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .requiredOption('-o, --output <file>', L('出力ファイル（.xlsx）', 'output file (.xlsx)'))
    .addOption(jsonOpt())
    .action(async (o: { request: string; as: string; organisation?: string; output: string; json?: boolean }) => {
      const f = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const { auth, actor } = await actingAs(trx, o, 'assessment.read');
          return exportRequestWorkbook({ trx, actor, auth, id: o.request });
        }),
      );
      writeOutput(io, f.bytes, o.output);
      if (o.json) printJson(io, { file: o.output, fileName: f.fileName, bytes: f.bytes.length });
      else io.out(L(`出力しました: ${o.output}\n`, `written: ${o.output}\n`));
    });

  assessment
    .command('import-xlsx')
    .description(L('記入した回答票を取り込む（全件成功か何もしないか。問題はセル番地つきで1行ずつ表示）', 'import a filled workbook (all or nothing; problems one per line with their cell)'))
    .argument('<file>', L('回答票（.xlsx）', 'the workbook (.xlsx)'))
    .requiredOption('--request <id>', L('回答依頼の ID', 'request id'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .option('--mapping <name>', L('金融機関独自の様式のとき、その金融機関が登録した列の対応付けの名前', "for a bank's own layout: the name of the bank's column mapping"))
    .addOption(jsonOpt())
    .action(async (file: string, o: { request: string; as: string; organisation?: string; mapping?: string; json?: boolean }) => {
      const data = readBinaryFile(file);
      const r = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const { auth, actor } = await actingAs(trx, o, 'assessment.answer');
          return importRequestWorkbook({ trx, actor, auth, id: o.request, data, fileName: path.basename(file), mapping: o.mapping });
        }),
      );
      if (o.json) return printJson(io, r);
      io.out(
        L(
          `取り込みました: ${r.rows} 行を読み、${r.changed} 項目の回答を変更${r.hearingChanged ? '、ヒアリングを変更' : ''}しました（シート「${r.sheet}」）\n`,
          `imported: read ${r.rows} rows, ${r.changed} answer(s) changed${r.hearingChanged ? ', hearing changed' : ''} (sheet ${r.sheet})\n`,
        ),
      );
      if (r.notes.length) {
        io.out(L(`提出までに必要な記入（${r.notes.length} 件）:\n`, `still needed before submitting (${r.notes.length}):\n`));
        for (const n of r.notes) io.out(`  ${lang === 'ja' ? n.messageJa : n.messageEn}\n`);
      }
    });

  assessment
    .command('results')
    .description(L('確認結果（回答・確認結果・条件・改善計画・判定）を出力', 'export the results (answers, verdicts, conditions, remediation, result)'))
    .requiredOption('--request <id>', L('回答依頼の ID', 'request id'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .addOption(new Option('--format <format>', L('形式', 'format')).choices(['xlsx', 'csv', 'pdf']).default('xlsx'))
    .option('-o, --output <file>', L('出力ファイル（xlsx・pdf では必須）', 'output file (required for xlsx and pdf)'))
    .action(async (o: { request: string; as: string; organisation?: string; format: ResultsFormat; output?: string }) => {
      if (o.format !== 'csv' && !o.output) {
        throw new AppError('cli.usage', 'invalid', { ja: `${o.format} 形式では -o/--output で出力ファイルを指定してください`, en: `${o.format} output needs -o/--output FILE` });
      }
      const f = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const { auth, actor } = await actingAs(trx, o, 'assessment.read');
          return exportRequestResults({ trx, actor, auth, id: o.request, format: o.format });
        }),
      );
      writeOutput(io, o.format === 'csv' && !o.output ? f.bytes.toString('utf8') : f.bytes, o.output);
      if (o.output) io.err(L(`出力しました: ${o.output}（SHA-256 ${f.sha256}）\n`, `written: ${o.output} (SHA-256 ${f.sha256})\n`));
    });

  assessment
    .command('save-mapping')
    .description(L('金融機関独自の回答票の列の対応付けを保存（JSON・YAML のファイル。同名は置き換え）', "save a bank's answer-sheet column mapping (a JSON or YAML file; replaces one of the same name)"))
    .argument('<name>', L('対応付けの名前', 'mapping name'))
    .argument('<file>', L('対応付けのファイル', 'mapping file'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .addOption(jsonOpt())
    .action(async (name: string, file: string, o: { as: string; organisation?: string; json?: boolean }) => {
      const mapping = await readMappingFile(file);
      const saved = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const { auth, actor } = await actingAs(trx, o, 'assessment.manage');
          return saveAnswerSheetMapping({ trx, actor, auth, name, mapping });
        }),
      );
      if (o.json) return printJson(io, saved);
      io.out(saved.changed ? L(`保存しました: ${saved.name}\n`, `saved: ${saved.name}\n`) : L(`変更はありません: ${saved.name}\n`, `unchanged: ${saved.name}\n`));
    });

  assessment
    .command('try-mapping')
    .description(L('列の対応付け（ファイル）を金融機関の様式の見本ブックで試す（保存しない）: 読める行と取り込めない箇所', "try a mapping file on a sample of the bank's own workbook (nothing saved): the rows read and what an import would refuse"))
    .argument('<file>', L('対応付けのファイル（JSON・YAML）', 'mapping file (JSON or YAML)'))
    .argument('<workbook>', L('見本のブック（.xlsx）', 'sample workbook (.xlsx)'))
    .addOption(jsonOpt())
    .action(async (file: string, workbook: string, o: { json?: boolean }) => {
      const mapping = await readMappingFile(file);
      const trial = await tryAnswerSheetMapping({ data: readBinaryFile(workbook), fileName: path.basename(workbook), mapping });
      if (o.json) return printJson(io, trial);
      const fields = Object.keys(trial.columns).filter((k) => k !== 'label' && k !== 'number');
      io.out(L(`シート「${trial.sheet}」の ${trial.headerRow} 行目を見出しとして ${trial.rows.length} 行を読みました（列: ${Object.entries(trial.columns).map(([k, c]) => `${k}=${c}`).join(', ')}）\n`, `read ${trial.rows.length} rows of sheet ${trial.sheet} below header row ${trial.headerRow} (columns: ${Object.entries(trial.columns).map(([k, c]) => `${k}=${c}`).join(', ')})\n`));
      io.out(table([[L('行', 'row'), L('行内番号', 'label'), ...fields], ...trial.rows.map((r) => [String(r.row), r.label, ...fields.map((f) => r.values[f as keyof typeof r.values] ?? '')])]));
      if (trial.problems.length) {
        io.out(L(`取り込み時に受け付けられない箇所（${trial.problems.length} 件）:\n`, `an import would refuse (${trial.problems.length}):\n`));
        for (const p of trial.problems) io.out(`  ${lang === 'ja' ? p.messageJa : p.messageEn}\n`);
      }
    });

  assessment
    .command('delete-mapping')
    .description(L('金融機関独自の回答票の列の対応付けを削除（取り込み済みの回答はそのまま）', "delete a bank's answer-sheet mapping (answers already imported stay)"))
    .argument('<name>', L('対応付けの名前', 'mapping name'))
    .addOption(asOpt())
    .addOption(orgOpt())
    .addOption(jsonOpt())
    .action(async (name: string, o: { as: string; organisation?: string; json?: boolean }) => {
      const r = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const { auth, actor } = await actingAs(trx, o, 'assessment.manage');
          return deleteAnswerSheetMapping({ trx, actor, auth, name });
        }),
      );
      if (o.json) return printJson(io, r);
      io.out(L(`削除しました: ${r.name}\n`, `deleted: ${r.name}\n`));
    });

  assessment
    .command('send-reminders')
    .description(L('回答期限の通知を作成し、TSUNAGU_SMTP_URL があればメールで送る（同じ日に何度実行しても一度だけ）', 'create the due-date reminders and e-mail them when TSUNAGU_SMTP_URL is set (once each, however often it runs)'))
    .option('--today <date>', L('この日として実行（YYYY-MM-DD、既定は日本の今日）', 'run as of this day (YYYY-MM-DD; default: today in Japan)'))
    .addOption(jsonOpt())
    .action(async (o: { today?: string; json?: boolean }) => {
      if (o.today !== undefined && !isIsoDate(o.today)) {
        throw invalid('cli.date_invalid', '--today の日付が正しくありません', '--today is not a valid date', [{ where: '--today', messageJa: `日付は YYYY-MM-DD で指定してください（「${o.today}」）`, messageEn: `give the date as YYYY-MM-DD (got “${o.today}”)` }]);
      }
      const r = await withDb((d) => runReminders({ db: d.db, today: o.today }));
      if (o.json) return printJson(io, r);
      io.out(L(`通知を ${r.created} 件作成し、メールを ${r.sent} 通送りました\n`, `created ${r.created} reminder(s), sent ${r.sent} e-mail(s)\n`));
    });
}
