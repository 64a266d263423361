/** `tsunagu checklist …`: checklist workbooks in FISC's layout, and item changes between editions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../lib/errors.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/index.js';
import { catalog } from '../../modules/catalog/index.js';
import { identityRepo } from '../../modules/identity/index.js';
import { renderChecklistWorkbook } from '../../render/checklist-workbook.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb, writeOutput } from '../support.js';

const CHANGE_JA: Record<string, string> = { added: '追加', changed: '変更', removed: '削除', unchanged: '変更なし' };
const FIELD_JA: Record<string, string> = {
  text: '確認項目',
  objective: 'セキュリティ目標',
  guidance: '解説',
  category: '区分',
  subjectParty: '対象',
  appliesTo: '参照系・更新系',
  references: '関連規定',
  remarks: '備考',
};

export function registerChecklistCommands(program: Command, { io, lang, L, jsonOpt }: CommandContext) {
  const checklist = program.command('checklist').description(L('チェックリストの Excel ブック（FISC形式）と版の間の確認項目の変更', 'checklist workbooks (FISC layout) and item changes between editions'));

  checklist
    .command('import-workbook')
    .description(L('Excel ブック（FISC形式、または保存した列の対応付け）をチェックリストの新しい版として取り込む。全件成功か何もしないか', 'import a workbook (FISC layout, or a saved column mapping) as a new checklist edition; all or nothing'))
    .argument('<file>', L('取り込む .xlsx ファイル', 'the .xlsx file'))
    .requiredOption('--rule-set <code>', L('チェックリストのコード', 'checklist code'))
    .requiredOption('--label <label>', L('新しい版の名前', 'label of the new edition'))
    .option('--published-on <date>', L('公表日（YYYY-MM-DD または YYYY-MM）', 'publication date (YYYY-MM-DD or YYYY-MM)'))
    .option('--based-on <label>', L('基にした版', 'the edition it revises'))
    .option('--name <name>', L('新しいチェックリストの名前（既定：ブックの表題）', 'name of a new checklist (default: the workbook title)'))
    .option('--mapping <name>', L('保存した列の対応付けの名前（FISC形式以外のブック）', 'name of a saved column mapping (for other layouts)'))
    .option('--organisation <id>', L('列の対応付けを持つ組織の ID（既定：事務局）', 'organisation owning the mapping (default: the secretariat)'))
    .addOption(jsonOpt())
    .action(
      async (
        file: string,
        o: { ruleSet: string; label: string; publishedOn?: string; basedOn?: string; name?: string; mapping?: string; organisation?: string; json?: boolean },
      ) => {
        const data = readFileSync(file);
        const r = await withDb(async (d) => {
          let organisationId = o.organisation ?? null;
          if (o.mapping && !organisationId) {
            const secretariats = (await identityRepo.listOrganisations(d.db)).filter((x) => x.type === 'secretariat');
            if (secretariats.length !== 1) {
              throw new AppError('cli.usage', 'invalid', {
                ja: '--mapping には --organisation で列の対応付けを持つ組織の ID を指定してください',
                en: '--mapping needs --organisation, the id of the organisation that owns the mapping',
              });
            }
            organisationId = secretariats[0]!.id;
          }
          return d.db.transaction().execute((trx) =>
            catalog.importChecklistWorkbook({
              trx,
              actor: SYSTEM_ACTOR,
              data,
              fileName: path.basename(file),
              ruleSet: o.ruleSet,
              label: o.label,
              publishedOn: o.publishedOn,
              basedOn: o.basedOn,
              name: o.name,
              mapping: o.mapping,
              organisationId,
            }),
          );
        });
        if (o.json) printJson(io, r);
        else io.out(L(`取り込みました: ${r.ruleSet} ${r.edition}（確認項目 ${r.counts.items} 件、関連規定 ${r.counts.crossReferences} 件、シート「${r.sheet}」）\n`, `imported ${r.ruleSet} ${r.edition} (${r.counts.items} items, ${r.counts.crossReferences} cross-references, sheet ${r.sheet})\n`));
      },
    );

  checklist
    .command('export-workbook')
    .description(L('チェックリストの版を Excel ブック（FISC形式）で出力', 'write a checklist edition as a workbook in FISC’s layout'))
    .requiredOption('--rule-set <code>', L('チェックリストのコード', 'checklist code'))
    .requiredOption('--edition <label>', L('版', 'edition label'))
    .requiredOption('-o, --output <file>', L('出力する .xlsx ファイル', 'the .xlsx file to write'))
    .action(async (o: { ruleSet: string; edition: string; output: string }) => {
      const view = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const v = await catalog.getChecklistWorkbookView({ trx, ruleSetCode: o.ruleSet, label: o.edition });
          await recordAudit(trx, SYSTEM_ACTOR, { action: 'catalog.exported', targetType: 'checklistEdition', targetId: `${o.ruleSet} ${o.edition}`, details: { format: 'xlsx' } });
          return v;
        }),
      );
      writeOutput(io, await renderChecklistWorkbook(view), o.output);
    });

  checklist
    .command('item-changes')
    .description(L('2つの版の間の確認項目の変更（追加・変更・削除）', 'item changes (added, changed, removed) between two checklist editions'))
    .requiredOption('--rule-set <code>', L('チェックリストのコード', 'checklist code'))
    .requiredOption('--from <label>', L('旧版', 'old edition'))
    .requiredOption('--to <label>', L('新版', 'new edition'))
    .option('--all', L('変更のない確認項目も表示', 'list unchanged items too'))
    .addOption(jsonOpt())
    .action(async (o: { ruleSet: string; from: string; to: string; all?: boolean; json?: boolean }) => {
      const r = await withDb((d) => catalog.compareChecklistEditions({ trx: d.db, ruleSet: o.ruleSet, from: o.from, to: o.to }));
      if (o.json) return printJson(io, { ...r, rows: r.rows.map(({ number, change, fields }) => ({ number, change, fields })) });
      const shown = o.all ? r.rows : r.rows.filter((x) => x.change !== 'unchanged');
      const c = r.counts;
      io.out(L(`${r.ruleSet.name} ${r.from} → ${r.to}: 追加 ${c.added}、変更 ${c.changed}、削除 ${c.removed}、変更なし ${c.unchanged}\n`, `${r.ruleSet.name} ${r.from} → ${r.to}: ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.unchanged} unchanged\n`));
      if (!shown.length) return;
      io.out(
        table([
          ['No.', L('変更', 'change'), L('変わった項目', 'fields'), L('区分', 'category')],
          ...shown.map((x) => [
            String(x.number),
            lang === 'ja' ? CHANGE_JA[x.change]! : x.change,
            x.fields.map((f) => (lang === 'ja' ? FIELD_JA[f]! : f)).join(lang === 'ja' ? '・' : ', '),
            (x.after ?? x.before)!.category,
          ]),
        ]),
      );
    });
}
