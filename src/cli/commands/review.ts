/** `tsunagu review …`: the yearly review (見直し検討) and its policy document (対応方針). */
import { Option, type Command } from 'commander';
import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/index.js';
import { getReviewCycle, listReviewCycles } from '../../modules/review/index.js';
import { renderPolicyHtml, renderPolicyMarkdown } from '../../render/policy-document.js';
import { renderPolicyPdf } from '../../render/policy-pdf.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb, writeOutput } from '../support.js';

export function registerReviewCommands(program: Command, { io, L, jsonOpt }: CommandContext) {
  const review = program.command('review').description(L('見直し検討（年度）と対応方針', 'yearly review and its policy document'));
  review
    .command('list')
    .description(L('見直し検討の一覧', 'list review cycles'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => listReviewCycles({ trx: d.db }));
      if (o.json) return printJson(io, rows);
      io.out(table([[L('年度', 'FY'), L('版', 'version'), L('状態', 'state'), L('日付', 'date')], ...rows.map((r) => [String(r.fiscalYear), String(r.version), r.state, r.documentDate ?? '-'])]));
    });
  review
    .command('report')
    .description(L('対応方針（見直し要否の文書）を出力', 'write the policy document'))
    .requiredOption('--fiscal-year <year>', L('年度（開始年）', 'fiscal year (its starting year)'))
    .option('--checklist <code>', L('チェックリストのコード', 'checklist code'), 'api-checklist')
    .option('--version <n>', L('版（訂正があった場合）', 'version (after corrections)'))
    .addOption(new Option('-f, --format <format>', L('出力形式', 'output format')).choices(['markdown', 'html', 'json', 'pdf']).default('markdown'))
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (o: { fiscalYear: string; checklist: string; version?: string; format: 'markdown' | 'html' | 'json' | 'pdf'; output?: string }) => {
      if (o.format === 'pdf' && !o.output) {
        throw new AppError('cli.output_required', 'invalid', { ja: 'pdf 形式では -o/--output で出力ファイルを指定してください', en: 'pdf output needs -o/--output FILE' });
      }
      const fy = Number(o.fiscalYear);
      if (!Number.isInteger(fy)) throw new AppError('cli.usage', 'invalid', { ja: '--fiscal-year には年度の開始年（例：2024）を指定してください', en: '--fiscal-year takes the starting year, e.g. 2024' });
      const c = await withDb((d) => getReviewCycle({ trx: d.db, checklist: o.checklist, fiscalYear: fy, version: o.version ? Number(o.version) : undefined }));
      if (o.format === 'pdf') {
        const pdf = await renderPolicyPdf(c);
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        await withDb((d) =>
          d.db.transaction().execute((trx) => recordAudit(trx, SYSTEM_ACTOR, { action: 'review.report_exported', targetType: 'review_cycle', targetId: c.id, details: { format: 'pdf', state: c.state, sha256 } })),
        );
        writeOutput(io, pdf, o.output);
        io.err(`SHA-256: ${sha256}\n`);
        return;
      }
      writeOutput(io, o.format === 'json' ? JSON.stringify(c, null, 2) : o.format === 'html' ? renderPolicyHtml(c) : renderPolicyMarkdown(c), o.output);
    });
}
