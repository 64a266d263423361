/**
 * `tsunagu meeting …`: 連絡会 meetings (date, attending organisations, agenda, linked to a 年度's
 * review) and their published minutes (議事要旨), through the review module's use cases.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { Executor } from '../../db/database.js';
import { formatJaDate, toIsoDate } from '../../lib/dates.js';
import { invalid, type Problem } from '../../lib/errors.js';
import { SYSTEM_ACTOR } from '../../modules/audit/index.js';
import { identityRepo } from '../../modules/identity/index.js';
import { getReviewCycle, listMeetings, publishMinutes, recordMeeting } from '../../modules/review/index.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb } from '../support.js';
import { parseFiscalYear, readTextFile } from './review.js';

/**
 * Organisations given on the command line by id or by name (Japanese or English), each exactly one.
 * Every unknown or ambiguous one is listed at once, under the option it came from.
 */
export async function resolveOrganisations(trx: Executor, option: string, given: string[]): Promise<string[]> {
  if (!given.length) return [];
  const all = await identityRepo.listOrganisations(trx);
  const problems: Problem[] = [];
  const ids = given.map((g) => {
    const name = g.normalize('NFC').trim();
    const byId = all.filter((o) => o.id === name);
    const matches = byId.length ? byId : all.filter((o) => o.name === name || o.name_en === name);
    if (matches.length === 1) return matches[0]!.id;
    problems.push(
      matches.length
        ? { where: `${option} ${g}`, messageJa: `組織「${g}」が ${matches.length} 件あります。ID で指定してください`, messageEn: `${matches.length} organisations are named “${g}”; give its id` }
        : { where: `${option} ${g}`, messageJa: `組織「${g}」が見つかりません`, messageEn: `no organisation “${g}”` },
    );
    return '';
  });
  if (problems.length) throw invalid('cli.organisation_unknown', '指定された組織を特定できません', 'Cannot tell which organisation is meant', problems);
  return ids;
}

export function registerMeetingCommands(program: Command, { io, lang, L, jsonOpt }: CommandContext) {
  const jaDate = (d: string | null) => (d ? (lang === 'ja' ? formatJaDate(d) : d) : '-');
  const meeting = program.command('meeting').description(L('API接続チェックリスト連絡会の会合と議事要旨', 'meetings of the liaison committee (連絡会) and their minutes'));

  meeting
    .command('record')
    .description(L('会合を記録（日付・出席組織・議題。年度の見直し検討に結び付け可）', "record a meeting (date, attending organisations, agenda; optionally linked to a fiscal year's review)"))
    .requiredOption('--date <date>', L('開催日（YYYY-MM-DD）', 'date held (YYYY-MM-DD)'))
    .option('--attendee <organisation...>', L('出席組織（ID または組織名。複数可）', 'attending organisations (id or name; several allowed)'))
    .requiredOption('--agenda <text>', L('議題', 'agenda'))
    .option('--title <text>', L('会合の名称（既定：「YYYY年度 API接続チェックリスト連絡会」）', 'title (default: 「YYYY年度 API接続チェックリスト連絡会」)'))
    .option('--fiscal-year <year>', L('結び付ける見直し検討の年度', 'fiscal year of the review it belongs to'))
    .option('--checklist <code>', L('チェックリストのコード', 'checklist code'), 'api-checklist')
    .addOption(jsonOpt())
    .action(async (o: { date: string; attendee?: string[]; agenda: string; title?: string; fiscalYear?: string; checklist: string; json?: boolean }) => {
      const fiscalYear = o.fiscalYear ? parseFiscalYear(o.fiscalYear) : undefined;
      const r = await withDb((d) =>
        d.db.transaction().execute(async (trx) => {
          const cycle = fiscalYear !== undefined ? await getReviewCycle({ trx, checklist: o.checklist, fiscalYear }) : null;
          const attendeeIds = await resolveOrganisations(trx, '--attendee', o.attendee ?? []);
          const title = o.title ?? `${fiscalYear !== undefined ? `${fiscalYear}年度 ` : ''}${cycle?.checklist.name ?? 'API接続チェックリスト'}連絡会`;
          const m = await recordMeeting({ trx, actor: SYSTEM_ACTOR, input: { cycleId: cycle?.id ?? null, heldOn: o.date, title, agenda: o.agenda, attendeeIds } });
          return { id: m.id, title, attendees: attendeeIds.length };
        }),
      );
      if (o.json) return printJson(io, r);
      io.out(`${r.id}\n`);
    });

  meeting
    .command('minutes')
    .description(L('議事要旨を公表（公表後は連絡会メンバーが読める。公表は一度だけ）', 'publish the minutes (members can read them from then on; once only)'))
    .argument('<id>', L('会合の ID', 'meeting id'))
    .requiredOption('--file <file>', L('議事要旨のファイル（Markdown）', 'file with the minutes (Markdown)'))
    .addOption(jsonOpt())
    .action(async (id: string, o: { file: string; json?: boolean }) => {
      const minutes = readTextFile(o.file);
      await withDb((d) => d.db.transaction().execute((trx) => publishMinutes({ trx, actor: SYSTEM_ACTOR, meetingId: id, minutes })));
      if (o.json) return printJson(io, { id, published: true, file: path.basename(o.file) });
      io.out(L('議事要旨を公表しました\n', 'published the minutes\n'));
    });

  meeting
    .command('list')
    .description(L('会合の一覧（新しい順）', 'list meetings (newest first)'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => listMeetings({ trx: d.db, secretariat: true }));
      if (o.json) return printJson(io, rows);
      io.out(
        table([
          ['ID', L('開催日', 'date'), L('年度', 'FY'), L('名称', 'title'), L('出席組織', 'attendees'), L('議事要旨', 'minutes')],
          ...rows.map((m) => [m.id, jaDate(toIsoDate(m.heldOn)), m.fiscalYear === null ? '-' : String(m.fiscalYear), m.title, m.attendees.join('、') || '-', m.minutesPublishedAt ? L('公表済み', 'published') : m.minutes ? L('未公表', 'not published') : '-']),
        ]),
      );
    });
}
