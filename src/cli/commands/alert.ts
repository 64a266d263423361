/**
 * `tsunagu alert …`: 注意喚起 published by the operator to chosen audiences, e-mailed when
 * TSUNAGU_SMTP_URL is set (as the HTTP route does), and who has not acknowledged.
 */
import { Option, type Command } from 'commander';
import { formatJaDate, todayInJapan } from '../../lib/dates.js';
import { SYSTEM_ACTOR } from '../../modules/audit/index.js';
import { alertStatus, emailAlert, listAlerts, publishAlert } from '../../modules/alert/alert.js';
import type { CommandContext } from '../support.js';
import { printJson, table, withDb } from '../support.js';
import { resolveOrganisations } from './meeting.js';
import { readTextFile } from './review.js';

export function registerAlertCommands(program: Command, { io, lang, L, jsonOpt }: CommandContext) {
  const SEVERITY: Record<string, string> = { info: L('お知らせ', 'info'), warning: L('注意喚起', 'warning'), critical: L('重要', 'critical') };
  const ORG_TYPE: Record<string, string> = { bank: L('金融機関', 'bank'), connector: L('電子決済等代行業者', 'connector'), association: L('協会', 'association'), secretariat: L('事務局', 'secretariat'), auditor: L('監査', 'auditor') };
  // The day in Japan on which it happened.
  const when = (iso: string | null) => (iso ? (lang === 'ja' ? formatJaDate(todayInJapan(new Date(iso))) : todayInJapan(new Date(iso))) : '-');
  const alert = program.command('alert').description(L('注意喚起（発信・一覧・確認状況）', 'alerts (publish, list, who has acknowledged)'));

  alert
    .command('publish')
    .description(L('注意喚起を発信（宛先：全金融機関・全電子決済等代行業者・個別の組織）。TSUNAGU_SMTP_URL があればメールも送る', 'publish an alert to all banks, all connectors or named organisations; e-mailed when TSUNAGU_SMTP_URL is set'))
    .requiredOption('--title <text>', L('件名', 'title'))
    .requiredOption('--body-file <file>', L('本文のファイル', 'file with the body'))
    .addOption(new Option('--severity <severity>', L('重要度', 'severity')).choices(['info', 'warning', 'critical']).default('warning'))
    .option('--all-banks', L('全金融機関に', 'to all banks'))
    .option('--all-connectors', L('全電子決済等代行業者に', 'to all connectors'))
    .option('--organisation <organisation...>', L('宛先の組織（ID または組織名。複数可）', 'addressed organisations (id or name; several allowed)'))
    .option('--incident <id...>', L('関連するインシデントの ID（複数可）', 'related incident ids (several allowed)'))
    .option('--item <number...>', L('関連する確認項目の番号（複数可）', 'related checklist item numbers (several allowed)'))
    .addOption(jsonOpt())
    .action(
      async (o: { title: string; bodyFile: string; severity: string; allBanks?: boolean; allConnectors?: boolean; organisation?: string[]; incident?: string[]; item?: string[]; json?: boolean }) => {
        const body = readTextFile(o.bodyFile);
        const r = await withDb(async (d) => {
          const published = await d.db.transaction().execute(async (trx) => {
            const organisationIds = await resolveOrganisations(trx, '--organisation', o.organisation ?? []);
            return publishAlert({
              trx,
              actor: SYSTEM_ACTOR,
              auth: null,
              input: {
                title: o.title,
                body,
                severity: o.severity,
                audience: { allBanks: o.allBanks ?? false, allConnectors: o.allConnectors ?? false, organisationIds },
                incidentIds: o.incident ?? [],
                itemNumbers: (o.item ?? []).map((n) => (/^\d+$/.test(n.trim()) ? Number(n) : n)),
              },
            });
          });
          // E-mail after the alert is committed; a mail failure never undoes the alert (it can be resent).
          let emailed = 0;
          try {
            emailed = (await d.db.transaction().execute((trx) => emailAlert({ trx, alertId: published.id }))).sent;
          } catch (err) {
            io.err(L(`メールを送れませんでした（注意喚起は発信済みです）: ${(err as Error).message}\n`, `the e-mail could not be sent (the alert is published): ${(err as Error).message}\n`));
          }
          return { ...published, emailed };
        });
        if (o.json) return printJson(io, r);
        io.out(`${r.id}\n`);
        io.out(L(`宛先 ${r.recipients} 組織、メール ${r.emailed} 人\n`, `${r.recipients} organisation(s) addressed, e-mailed to ${r.emailed}\n`));
      },
    );

  alert
    .command('list')
    .description(L('注意喚起の一覧（新しい順、確認済みの組織数）', 'list alerts (newest first, with how many organisations have acknowledged)'))
    .addOption(jsonOpt())
    .action(async (o: { json?: boolean }) => {
      const rows = await withDb((d) => listAlerts({ trx: d.db }));
      if (o.json) return printJson(io, rows);
      io.out(
        table([
          ['ID', L('発信日', 'published'), L('重要度', 'severity'), L('件名', 'title'), L('確認済み／宛先', 'acknowledged / addressed')],
          ...rows.map((a) => [a.id, when(a.publishedAt), SEVERITY[a.severity] ?? a.severity, a.title, `${a.acknowledged}/${a.recipients}`]),
        ]),
      );
    });

  alert
    .command('status')
    .description(L('注意喚起の確認状況（未確認の組織）', 'who has acknowledged an alert, and who has not'))
    .argument('<id>', L('注意喚起の ID', 'alert id'))
    .addOption(jsonOpt())
    .action(async (id: string, o: { json?: boolean }) => {
      const s = await withDb((d) => alertStatus({ trx: d.db, alertId: id }));
      if (o.json) return printJson(io, s);
      io.out(`${s.title}\n\n`);
      io.out(
        table([
          [L('組織', 'organisation'), L('種別', 'type'), L('確認', 'acknowledged'), L('メール', 'e-mailed'), L('確認した利用者', 'acknowledged by')],
          ...s.organisations.map((x) => [
            x.name,
            ORG_TYPE[x.type] ?? x.type,
            x.acknowledged ? L('確認済み', 'yes') : L('未確認', 'no'),
            when(x.emailedAt),
            x.users.filter((u) => u.acknowledgedAt).map((u) => u.email).join(', ') || '-',
          ]),
        ]),
      );
      io.out(`\n${L('未確認', 'not acknowledged')}: ${s.notAcknowledged.length ? s.notAcknowledged.join(L('、', ', ')) : L('なし', 'none')}\n`);
    });
}
