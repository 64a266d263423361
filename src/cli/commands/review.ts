/**
 * `tsunagu review …`: the yearly review (見直し検討) run by the operator — the evidence registers, a
 * cycle from opening to publication and correction, and its policy document (対応方針). Every change
 * goes through the same use cases as the HTTP routes, acting as SYSTEM_ACTOR, which audit it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { formatJaDate, isIsoDate, toIsoDate } from '../../lib/dates.js';
import { AppError, invalid, notFound, type Problem } from '../../lib/errors.js';
import type { Executor } from '../../db/database.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/index.js';
import { catalog, SourceSyntaxError } from '../../modules/catalog/index.js';
import {
  addEvidence,
  createCorrection,
  createCycle,
  cycleEvidence,
  getReviewCycle,
  linkEvidence,
  listEvidence,
  listReviewCycles,
  moveState,
  REGISTER_NAMES,
  updateConsideration,
  updateDecision,
  type RegisterName,
  type ReviewCycleView,
} from '../../modules/review/index.js';
import { renderPolicyHtml, renderPolicyMarkdown } from '../../render/policy-document.js';
import { renderPolicyPdf } from '../../render/policy-pdf.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb, writeOutput } from '../support.js';

type Conclusion = 'needed' | 'not_needed';
type State = ReviewCycleView['state'];
type Path = (string | number)[];

/** `--fiscal-year 2025`: the 年度 named by its starting year. */
export function parseFiscalYear(s: string): number {
  const fy = Number(s);
  if (!/^\d{4}$/.test(s.trim()) || !Number.isInteger(fy)) {
    throw new AppError('cli.usage', 'invalid', { ja: '--fiscal-year には年度の開始年（例：2024）を指定してください', en: '--fiscal-year takes the starting year, e.g. 2024' });
  }
  return fy;
}

/** Reads a text file the user named, or says in both languages that it is not there. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('cli.file_not_found', `ファイル ${file} が見つかりません`, `file ${file} not found`);
    throw e;
  }
}

/**
 * Reads a JSON or YAML file (by its extension; otherwise JSON when it starts with `{` or `[`) with
 * the catalog's reader, which remembers where each node is, so that a problem can name its line as
 * the interchange format does; syntax problems in this command's own words.
 */
function readDataFile(text: string, fileName: string): { data: unknown; lineOf: (p: Path) => number | undefined } {
  if (!text.trim()) throw invalid('cli.file_empty', `ファイル ${fileName} が空です`, `the file ${fileName} is empty`);
  try {
    return catalog.readJsonOrYaml(text, fileName, { listsAsJson: true });
  } catch (e) {
    if (!(e instanceof SourceSyntaxError)) throw e;
    if (e.format === 'json') {
      const en = e.issues[0]!.message;
      // The line of the position V8 names, line 1 when it names none, as this command has always said.
      const at = /at position (\d+)/.exec(en);
      const where = at ? `line ${text.slice(0, Number(at[1])).split('\n').length}` : 'line 1';
      throw invalid('cli.file_syntax', 'ファイルを JSON として読めません', 'The file is not valid JSON', [{ where, messageJa: `JSON の構文が正しくありません（${en}）`, messageEn: en }]);
    }
    throw invalid(
      'cli.file_syntax',
      'ファイルを YAML として読めません',
      'The file is not valid YAML',
      e.issues.map((i) => ({ where: `line ${i.line}, column ${i.col}`, messageJa: `YAML の構文が正しくありません（${i.message}）`, messageEn: i.message })),
    );
  }
}

const pathOfPointer = (pointer: string): Path =>
  pointer === '/' || pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
const pointerOf = (p: Path) => (p.length ? p.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') : '/');

/** The cycle a command acts on: the latest version of the 年度 (or the one asked for). */
async function cycleOf(trx: Executor, o: { checklist: string; fiscalYear: string; version?: string }) {
  return getReviewCycle({ trx, checklist: o.checklist, fiscalYear: parseFiscalYear(o.fiscalYear), version: o.version ? Number(o.version) : undefined });
}

/** A consideration by its key (incidents) or its label as printed ("(2)", "（２）", "2"). */
function considerationOf(c: ReviewCycleView, given: string) {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const g = norm(given);
  const found = c.considerations.find((x) => x.key === g || norm(x.label) === g || norm(x.label) === `(${g})`);
  if (!found) {
    const known = c.considerations.map((x) => `${x.label} ${x.key}`).join('、');
    throw notFound('review.consideration_not_found', `検討事項「${given}」がありません（${known}）`, `no consideration ${given} (${known})`);
  }
  return found;
}

function checkDate(option: string, v: string | undefined) {
  if (v !== undefined && !isIsoDate(v)) {
    throw invalid('cli.date_invalid', `${option} の日付が正しくありません`, `${option} is not a valid date`, [
      { where: option, messageJa: `日付は YYYY-MM-DD で指定してください（「${v}」）`, messageEn: `give the date as YYYY-MM-DD (got “${v}”)` },
    ]);
  }
  return v;
}

export function registerReviewCommands(program: Command, { io, lang, L, jsonOpt }: CommandContext) {
  const jaDate = (d: string | null | undefined) => (d ? (lang === 'ja' ? formatJaDate(d) : d) : '-');
  const yes = (b: unknown) => (b ? L('あり', 'yes') : '-');
  const short = (s: unknown, n = 30) => {
    const t = String(s ?? '').replace(/\s+/g, ' ');
    return [...t].length > n ? `${[...t].slice(0, n).join('')}…` : t;
  };
  const STATE: Record<State, string> = { draft: L('作成中', 'draft'), deliberation: L('審議中', 'deliberation'), decided: L('決定', 'decided'), published: L('公表', 'published') };
  const conclusionText = (c: Conclusion | null | undefined) => (c === 'needed' ? L('見直し要', 'needed') : c === 'not_needed' ? L('見直し不要', 'not needed') : '-');
  const decisionText = (c: Conclusion | null) => (c === 'needed' ? L('要', 'needed') : c === 'not_needed' ? L('不要', 'not needed') : L('未決定', 'undecided'));
  const label = (m: Record<string, [string, string]>, v: unknown) => (m[String(v)] ? L(...m[String(v)]!) : String(v ?? '-'));
  const ORG_TYPE: Record<string, [string, string]> = { bank: ['金融機関', 'bank'], connector: ['電子決済等代行業者', 'connector'], association: ['協会', 'association'], user: ['利用者', 'user'], other: ['その他', 'other'] };
  const CHANNEL: Record<string, [string, string]> = { exchange: ['意見交換', 'exchange'], survey: ['アンケート', 'survey'], meeting: ['会議', 'meeting'], other: ['その他', 'other'] };
  const SEVERITY: Record<string, [string, string]> = { low: ['低', 'low'], medium: ['中', 'medium'], high: ['高', 'high'], critical: ['重大', 'critical'] };
  const RELEVANCE: Record<string, [string, string]> = { none: ['関連なし', 'none'], watch: ['注視', 'watch'], revision: ['見直しが必要', 'revision'] };
  const items = (v: unknown) => ((v as number[] | null)?.length ? (v as number[]).join(',') : '-');

  /** The readable table of a register's entries. */
  const evidenceTable = (register: RegisterName, rows: Record<string, unknown>[]) => {
    const id = L('ID', 'id');
    switch (register) {
      case 'feedback':
        return table([
          [id, L('受付日', 'received'), L('組織', 'organisation'), L('種別', 'type'), L('経路', 'channel'), L('見直し要望', 'asks revision'), L('関連項目', 'items'), L('内容', 'content')],
          ...rows.map((r) => [String(r.id), jaDate(toIsoDate(r.received_on as string)), String(r.organisation_name), label(ORG_TYPE, r.organisation_type), label(CHANNEL, r.channel), yes(r.requests_revision), items(r.related_items), short(r.content)]),
        ]);
      case 'incident':
        return table([
          [id, L('発生日', 'occurred'), L('概要', 'summary'), L('当事者', 'parties'), L('重大度', 'severity'), L('注意喚起', 'alert'), L('見直し要', 'revision'), L('関連項目', 'items')],
          ...rows.map((r) => [String(r.id), jaDate(toIsoDate(r.occurred_on as string)), short(r.summary), short(r.parties, 20), label(SEVERITY, r.severity), yes(r.alert_issued), yes(r.requires_revision), items(r.related_items)]),
        ]);
      case 'standardTrend':
        return table([
          [id, L('日付', 'date'), L('団体', 'body'), L('仕様', 'specification'), L('関連性', 'relevance'), L('概要', 'summary')],
          ...rows.map((r) => [String(r.id), jaDate(toIsoDate(r.observed_on as string)), String(r.body), String(r.specification), label(RELEVANCE, r.relevance), short(r.summary)]),
        ]);
      case 'selfRegulation':
        return table([
          [id, L('日付', 'date'), L('版', 'edition'), L('見直し要', 'revision'), L('概要', 'summary')],
          ...rows.map((r) => [String(r.id), jaDate(toIsoDate(r.changed_on as string)), String(r.edition), yes(r.requires_revision), short(r.summary)]),
        ]);
      case 'updateApi':
        return table([[id, L('年度', 'FY'), L('金融機関', 'bank'), L('更新系API', 'update API')], ...rows.map((r) => [String(r.id), String(r.fiscal_year), String(r.bank_name), r.offers_update_api ? L('提供', 'offered') : L('未提供', 'not offered')])]);
    }
  };

  const review = program.command('review').description(L('見直し検討（年度）：検討資料、開始から公表まで、対応方針', 'yearly review: evidence, the cycle from opening to publication, the policy document'));
  const checklistOpt = () => new Option('--checklist <code>', L('チェックリストのコード', 'checklist code')).default('api-checklist');
  const fiscalYearOpt = () => new Option('--fiscal-year <year>', L('年度（開始年、例：2025）', 'fiscal year (its starting year, e.g. 2025)')).makeOptionMandatory();
  const registerOpt = () => new Option('--register <register>', L('検討資料の台帳', 'evidence register')).choices(REGISTER_NAMES).makeOptionMandatory();

  // ---- evidence registers --------------------------------------------------------------------
  const evidence = review.command('evidence').description(L('検討資料の台帳（意見・要望、インシデント、標準化の動向、自主基準、更新系APIの提供状況）', 'evidence registers (feedback, incidents, standards, self-regulation, update APIs)'));
  evidence
    .command('add')
    .description(L('ファイル（JSON・YAML、1件または一覧）から検討資料を登録。全件成功か何もしないか', 'add entries from a file (JSON/YAML, one entry or a list); all or nothing'))
    .addOption(registerOpt())
    .requiredOption('--file <file>', L('登録する内容のファイル', 'file with the entries'))
    .addOption(jsonOpt())
    .action(async (o: { register: RegisterName; file: string; json?: boolean }) => {
      const source = readDataFile(readTextFile(o.file), path.basename(o.file));
      const list = Array.isArray(source.data);
      const entries = list ? (source.data as unknown[]) : [source.data];
      if (!entries.length) throw invalid('review.evidence_invalid', 'ファイルに登録する内容がありません', 'the file has no entries');
      const ids = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const found: (Problem & { line: number | undefined; order: number })[] = [];
          const out: string[] = [];
          for (const [i, entry] of entries.entries()) {
            try {
              out.push((await addEvidence({ trx, actor: SYSTEM_ACTOR, register: o.register, input: entry })).id);
            } catch (e) {
              // Every entry is checked so that all problems are listed at once; any problem rolls the whole file back.
              if (!(e instanceof AppError) || e.code !== 'review.evidence_invalid') throw e;
              for (const p of e.problems) {
                const at = [...(list ? [i] : []), ...pathOfPointer(p.where)];
                const line = source.lineOf(at);
                found.push({ where: line !== undefined ? `${pointerOf(at)} (line ${line})` : pointerOf(at), messageJa: p.messageJa, messageEn: p.messageEn, line, order: found.length });
              }
            }
          }
          if (found.length) {
            found.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
            const n = found.length;
            throw invalid('review.evidence_invalid', `ファイルに ${n} 件の問題があります（何も登録していません）`, `The file has ${n} problem${n === 1 ? '' : 's'} (nothing was added)`, found.map(({ where, messageJa, messageEn }) => ({ where, messageJa, messageEn })));
          }
          return out;
        }),
      );
      if (o.json) return printJson(io, { register: o.register, ids });
      io.out(L(`${ids.length} 件を登録しました（${o.register}）\n`, `added ${ids.length} entr${ids.length === 1 ? 'y' : 'ies'} (${o.register})\n`));
      for (const id of ids) io.out(`${id}\n`);
    });
  evidence
    .command('list')
    .description(L('検討資料の一覧（年度で絞り込み）', "a register's entries (optionally of one fiscal year)"))
    .addOption(registerOpt())
    .option('--fiscal-year <year>', L('年度（開始年）', 'fiscal year (its starting year)'))
    .addOption(jsonOpt())
    .action(async (o: { register: RegisterName; fiscalYear?: string; json?: boolean }) => {
      const rows = await withDb((d) => listEvidence(d.db, o.register, o.fiscalYear ? parseFiscalYear(o.fiscalYear) : undefined));
      if (o.json) return printJson(io, rows);
      io.out(evidenceTable(o.register, rows));
    });

  // ---- the cycle -----------------------------------------------------------------------------
  review
    .command('list')
    .description(L('見直し検討の一覧', 'list review cycles'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => listReviewCycles({ trx: d.db }));
      if (o.json) return printJson(io, rows);
      io.out(table([[L('年度', 'FY'), L('版', 'version'), L('状態', 'state'), L('日付', 'date')], ...rows.map((r) => [String(r.fiscalYear), String(r.version), STATE[r.state as State] ?? r.state, r.documentDate ?? '-'])]));
    });

  review
    .command('open')
    .description(L('見直し検討を開始（既定の検討事項に、その期間の検討資料を事前入力）', "open a review cycle (the default considerations, pre-filled with the period's evidence)"))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; json?: boolean }) => {
      const fiscalYear = parseFiscalYear(o.fiscalYear);
      const r = await withDb((d) => d.db.transaction().execute((trx) => createCycle({ trx, actor: SYSTEM_ACTOR, checklist: o.checklist, fiscalYear })));
      if (o.json) return printJson(io, { id: r.id, checklist: o.checklist, fiscalYear });
      io.out(`${r.id}\n`);
    });

  review
    .command('show')
    .description(L('見直し検討を表示（検討事項ごとの資料数・示唆・評価・結論・理由、判断、状態）', 'show a review cycle (evidence counts, suggestions, findings, conclusions, reasons, the decision, the state)'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .option('--version <n>', L('版（訂正があった場合）', 'version (after corrections)'))
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; version?: string; json?: boolean }) => {
      const { c, ev } = await withDb(async (d) => {
        const c = await cycleOf(d.db, o);
        return { c, ev: await cycleEvidence({ trx: d.db, cycleId: c.id }) };
      });
      const byKey = new Map(ev.map((e) => [e.key, e]));
      const considerations = c.considerations.map((x) => ({
        key: x.key,
        label: x.label,
        title: x.title,
        evidenceCount: byKey.get(x.key)?.evidence.length ?? 0,
        evidence: byKey.get(x.key)?.evidence ?? [],
        suggested: byKey.get(x.key)?.suggested ?? null,
        finding: x.finding,
        conclusion: x.conclusion,
        reason: x.reason,
      }));
      if (o.json) {
        const { considerations: _full, rule: _rule, ...rest } = c;
        return printJson(io, { ...rest, considerations });
      }
      const d = c.decision;
      io.out(`${c.fiscalYear}${L('年度', ' FY')} ${c.checklist.name}  ${L('版', 'version')} ${c.version}  ${L('状態', 'state')}: ${STATE[c.state]}\n`);
      io.out(`${L('判断（検討事項から）', 'derived decision')}: ${decisionText(d.derived)}\n`);
      io.out(`${L('判断', 'decision')}: ${lang === 'ja' ? d.labelJa : d.labelEn}${d.overridden ? L(`（上書き。理由：${c.overrideReason ?? ''}）`, ` (overridden: ${c.overrideReason ?? ''})`) : ''}\n`);
      if (c.majorRevision) io.out(`${L('大幅な見直し：有識者検討会', 'major revision: expert panel')} ${jaDate(c.expertPanelDate)}\n`);
      if (c.documentDate) io.out(`${L('文書の日付', 'document date')}: ${jaDate(c.documentDate)}\n`);
      io.out('\n');
      io.out(
        table([
          [L('番号', 'no.'), L('キー', 'key'), L('検討事項', 'consideration'), L('資料', 'evidence'), L('示唆', 'suggested'), L('結論', 'conclusion')],
          ...considerations.map((x) => [x.label, x.key, short(x.title, 26), String(x.evidenceCount), conclusionText(x.suggested), conclusionText(x.conclusion)]),
        ]),
      );
      for (const x of considerations) {
        if (!x.finding && !x.reason) continue;
        io.out(`\n${x.label} ${x.title}\n`);
        // Paragraphs of a long finding stay under their heading.
        const indent = (t: string) => t.trim().replace(/\n\s*\n?/g, '\n    ');
        if (x.finding) io.out(`  ${L('評価', 'finding')}: ${indent(x.finding)}\n`);
        if (x.reason) io.out(`  ${L('理由', 'reason')}: ${indent(x.reason)}\n`);
      }
    });

  review
    .command('conclude')
    .description(L('検討事項の評価・結論（見直し要／不要）・理由を記入', "write a consideration's finding, conclusion (needed / not needed) and reason"))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .requiredOption('--consideration <key>', L('検討事項（キー incidents、または番号 "(2)"）', 'consideration (its key, e.g. incidents, or its label, e.g. "(2)")'))
    .option('--finding <text>', L('評価', 'finding'))
    .addOption(new Option('--needed', L('見直し要', 'revision needed')).conflicts(['notNeeded', 'clearConclusion']))
    .addOption(new Option('--not-needed', L('見直し不要', 'revision not needed')).conflicts('clearConclusion'))
    .option('--clear-conclusion', L('結論を取り消す', 'clear the conclusion'))
    .option('--reason <text>', L('結論の理由', 'reason for the conclusion'))
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; consideration: string; finding?: string; needed?: boolean; notNeeded?: boolean; clearConclusion?: boolean; reason?: string; json?: boolean }) => {
      const conclusion = o.needed ? 'needed' : o.notNeeded ? 'not_needed' : o.clearConclusion ? null : undefined;
      if (o.finding === undefined && conclusion === undefined && o.reason === undefined) {
        throw new AppError('cli.usage', 'invalid', { ja: '--finding・--needed・--not-needed・--clear-conclusion・--reason のいずれかを指定してください', en: 'give --finding, --needed, --not-needed, --clear-conclusion or --reason' });
      }
      const x = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const c = await cycleOf(trx, o);
          const { key } = considerationOf(c, o.consideration);
          await updateConsideration({ trx, actor: SYSTEM_ACTOR, cycleId: c.id, key, finding: o.finding, conclusion, reason: o.reason });
          return (await cycleOf(trx, { ...o, version: String(c.version) })).considerations.find((y) => y.key === key)!;
        }),
      );
      if (o.json) return printJson(io, { key: x.key, label: x.label, title: x.title, finding: x.finding, conclusion: x.conclusion, reason: x.reason });
      io.out(`${x.label} ${x.title}: ${conclusionText(x.conclusion)}\n`);
    });

  review
    .command('link-evidence')
    .description(L('検討資料を検討事項に手で結び付ける（期間外の資料など）', 'link an evidence entry to a consideration by hand (e.g. one dated outside the period)'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .requiredOption('--consideration <key>', L('検討事項（キーまたは番号 "(1)"）', 'consideration (key or label, e.g. "(1)")'))
    .addOption(registerOpt())
    .requiredOption('--evidence <id>', L('検討資料の ID（review evidence list で表示）', 'evidence id (as review evidence list shows it)'))
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; consideration: string; register: RegisterName; evidence: string; json?: boolean }) => {
      const key = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const c = await cycleOf(trx, o);
          const { key } = considerationOf(c, o.consideration);
          await linkEvidence({ trx, actor: SYSTEM_ACTOR, cycleId: c.id, key, register: o.register, evidenceId: o.evidence });
          return key;
        }),
      );
      if (o.json) return printJson(io, { key, register: o.register, evidenceId: o.evidence });
      io.out(L(`結び付けました: ${key} ← ${o.register} ${o.evidence}\n`, `linked ${o.register} ${o.evidence} to ${key}\n`));
    });

  review
    .command('decide')
    .description(L('判断（検討事項から導く判断の上書きと理由、大幅な見直しと有識者検討会、文書の文言と日付）', 'the decision (override with a reason, major revision with the expert panel date, the wording and date of the document)'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .addOption(new Option('--override <decision>', L('検討事項から導く判断を上書き（理由が必要）', 'override the derived decision (needs --reason)')).choices(['needed', 'not_needed']).conflicts('clearOverride'))
    .option('--clear-override', L('上書きを取り消す', 'clear the override'))
    .option('--reason <text>', L('上書きの理由', 'reason for the override'))
    .option('--major-revision', L('大幅な見直し（有識者検討会で審議。--expert-panel-date が必要）', 'major revision (goes to the expert panel; needs --expert-panel-date)'))
    .option('--no-major-revision', L('大幅な見直しを取り消す', 'not a major revision'))
    .option('--expert-panel-date <date>', L('有識者検討会の開催日（YYYY-MM-DD）', 'expert panel date (YYYY-MM-DD)'))
    .option('--statement <text>', L('【対応方針】の文言', 'the 【対応方針】 statement'))
    .option('--policy-text-file <file>', L('「3 今年度の対応方針」の本文のファイル', 'file with the text of section 3 (the year’s policy)'))
    .option('--document-date <date>', L('文書の日付（YYYY-MM-DD。省略時は公表した日）', 'document date (YYYY-MM-DD; the publication day when omitted)'))
    .addOption(jsonOpt())
    .action(
      async (o: {
        fiscalYear: string;
        checklist: string;
        override?: Conclusion;
        clearOverride?: boolean;
        reason?: string;
        majorRevision?: boolean;
        expertPanelDate?: string;
        statement?: string;
        policyTextFile?: string;
        documentDate?: string;
        json?: boolean;
      }) => {
        const patch = {
          ...(o.override ? { decisionOverride: o.override } : o.clearOverride ? { decisionOverride: null, overrideReason: null } : {}),
          ...(o.reason !== undefined ? { overrideReason: o.reason } : {}),
          ...(o.majorRevision !== undefined ? { majorRevision: o.majorRevision } : {}),
          ...(o.majorRevision === false ? { expertPanelDate: null } : {}),
          ...(o.expertPanelDate !== undefined ? { expertPanelDate: checkDate('--expert-panel-date', o.expertPanelDate)! } : {}),
          ...(o.statement !== undefined ? { decisionStatement: o.statement } : {}),
          ...(o.policyTextFile !== undefined ? { policyText: readTextFile(o.policyTextFile) } : {}),
          ...(o.documentDate !== undefined ? { documentDate: checkDate('--document-date', o.documentDate)! } : {}),
        };
        if (!Object.keys(patch).length) {
          throw new AppError('cli.usage', 'invalid', { ja: '変更する内容（--override・--major-revision・--statement など）を指定してください', en: 'give what to change (--override, --major-revision, --statement, …)' });
        }
        const c = await withDb((d) =>
          d.db.transaction().execute(async (trx) => {
            const c = await cycleOf(trx, o);
            await updateDecision({ trx, actor: SYSTEM_ACTOR, cycleId: c.id, patch });
            return cycleOf(trx, { ...o, version: String(c.version) });
          }),
        );
        if (o.json) return printJson(io, { fiscalYear: c.fiscalYear, version: c.version, decision: c.decision, overrideReason: c.overrideReason, majorRevision: c.majorRevision, expertPanelDate: c.expertPanelDate, decisionStatement: c.decisionStatement, policyText: c.policyText, documentDate: c.documentDate });
        io.out(`${L('判断', 'decision')}: ${lang === 'ja' ? c.decision.labelJa : c.decision.labelEn}\n`);
      },
    );

  review
    .command('state')
    .description(L('状態を移す（作成中→審議中→決定→公表、一つ戻すことも可）。移せないときは理由を表示', 'move the state (draft → deliberation → decided → published, or one step back); prints why when refused'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .addOption(new Option('--to <state>', L('移す先の状態', 'the state to move to')).choices(['draft', 'deliberation', 'decided', 'published']).makeOptionMandatory())
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; to: State; json?: boolean }) => {
      const r = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const c = await cycleOf(trx, o);
          await moveState({ trx, actor: SYSTEM_ACTOR, cycleId: c.id, to: o.to });
          const after = await cycleOf(trx, { ...o, version: String(c.version) });
          return { fiscalYear: c.fiscalYear, version: c.version, from: c.state, to: after.state, documentDate: after.documentDate };
        }),
      );
      if (o.json) return printJson(io, r);
      io.out(`${r.fiscalYear}${L('年度', ' FY')} ${L('版', 'version')} ${r.version}: ${STATE[r.from]} → ${STATE[r.to]}\n`);
    });

  review
    .command('correct')
    .description(L('公表済みの見直し検討の訂正版（新しい版、作成中）を作成。公表した版もそのまま読める', 'create a correction of a published review (a new version, in draft); the published one stays readable'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .addOption(jsonOpt())
    .action(async (o: { fiscalYear: string; checklist: string; json?: boolean }) => {
      const r = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const c = await cycleOf(trx, o);
          return createCorrection({ trx, actor: SYSTEM_ACTOR, cycleId: c.id });
        }),
      );
      if (o.json) return printJson(io, r);
      io.out(L(`訂正版を作成しました（版 ${r.version}）: ${r.id}\n`, `created the correction (version ${r.version}): ${r.id}\n`));
    });

  review
    .command('report')
    .description(L('対応方針（見直し要否の文書）を出力', 'write the policy document'))
    .addOption(fiscalYearOpt())
    .addOption(checklistOpt())
    .option('--version <n>', L('版（訂正があった場合）', 'version (after corrections)'))
    .addOption(new Option('-f, --format <format>', L('出力形式', 'output format')).choices(['markdown', 'html', 'json', 'pdf']).default('markdown'))
    .option('-o, --output <file>', L('出力ファイル', 'output file'))
    .action(async (o: { fiscalYear: string; checklist: string; version?: string; format: 'markdown' | 'html' | 'json' | 'pdf'; output?: string }) => {
      if (o.format === 'pdf' && !o.output) {
        throw new AppError('cli.output_required', 'invalid', { ja: 'pdf 形式では -o/--output で出力ファイルを指定してください', en: 'pdf output needs -o/--output FILE' });
      }
      const c = await withDb((d) => cycleOf(d.db, o));
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
