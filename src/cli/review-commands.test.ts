/**
 * The yearly review from the command line, as the operator runs it for the secretariat: a year's
 * evidence from files (and a bad file that changes nothing), a cycle opened pre-filled, concluded,
 * decided, taken through deliberation to publication, the PDF written; the 連絡会 and its minutes;
 * a second 年度 whose incident leads to 要 and the expert-panel path; an alert to all banks, e-mailed
 * to a real SMTP server on 127.0.0.1, and who has not acknowledged it. Run on each database.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openDatabase, resolveOpenOptions } from '../db/database.js';
import { buildApp } from '../http/app.js';
import { signInAs, TEST_PASSWORD } from '../testing/auth.js';
import { run, useDatabase } from '../testing/cli.js';
import { databaseKinds } from '../testing/db.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../testing/smtp.js';
import { EXIT } from './exit-codes.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/review/${name}`, import.meta.url));

/** Runs a command that must succeed and returns its JSON output. */
async function json(args: string[]) {
  const r = await run([...args, '--json']);
  assert.equal(r.code, EXIT.ok, `${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out);
}

interface Consideration {
  key: string;
  label: string;
  evidenceCount: number;
  evidence: { register: string; entry: { id: string } }[];
  suggested: string;
  finding: string | null;
  conclusion: string | null;
  reason: string | null;
}

for (const kind of databaseKinds) {
  describe(`the yearly review from the CLI (${kind})`, () => {
    let restore: () => Promise<void>;
    let smtp: TestSmtpServer;
    let mails: ReceivedMail[];
    let tmp: string;
    const ids = { feedbackBeforePeriod: '', incident2026: '', bankA: '', bankB: '', connector: '', meeting: '' };
    const emails = { bankA: 'tanaka@tsunagu-bank.test', bankB: 'suzuki@mirai-bank.test', connector: 'sato@tsunagu-pay.test' };
    const show = async (fy: number, ...more: string[]) => (await json(['review', 'show', '--fiscal-year', String(fy), ...more])) as { state: string; decision: { derived: string | null; effective: string | null; labelJa: string }; majorRevision: boolean; considerations: Consideration[] };
    const evidenceList = async (register: string, ...more: string[]) => (await json(['review', 'evidence', 'list', '--register', register, ...more])) as Record<string, unknown>[];

    before(async () => {
      restore = await useDatabase(kind, { TSUNAGU_NO_REFERENCE: undefined });
      tmp = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-review-out-'));
      smtp = await startSmtpServer();
      mails = smtp.mails;
    });
    after(async () => {
      delete process.env.TSUNAGU_SMTP_URL;
      await smtp.close();
      await restore();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('adds a year’s evidence from YAML and JSON files, one entry or a list', async () => {
      const feedback = await json(['review', 'evidence', 'add', '--register', 'feedback', '--file', fixture('feedback-2025.yaml')]);
      assert.equal(feedback.ids.length, 3);
      ids.feedbackBeforePeriod = feedback.ids[2];
      assert.equal((await json(['review', 'evidence', 'add', '--register', 'incident', '--file', fixture('incident-2025.json')])).ids.length, 1);
      assert.equal((await json(['review', 'evidence', 'add', '--register', 'standardTrend', '--file', fixture('standard-trend-2025.yaml')])).ids.length, 1);
      assert.equal((await json(['review', 'evidence', 'add', '--register', 'selfRegulation', '--file', fixture('self-regulation-2025.yaml')])).ids.length, 1);
      assert.equal((await json(['review', 'evidence', 'add', '--register', 'updateApi', '--file', fixture('update-api-2025.yaml')])).ids.length, 3);

      // 2025-01-10 belongs to 2024年度; the two others to 2025年度, in date order.
      const fy2025 = await evidenceList('feedback', '--fiscal-year', '2025');
      assert.deepEqual(fy2025.map((f) => [f.organisation_name, f.received_on]), [
        ['つなぐ銀行', '2025-05-20'],
        ['つなぐペイ株式会社', '2025-11-12'],
      ]);
      assert.deepEqual((await evidenceList('updateApi', '--fiscal-year', '2025')).map((u) => [u.bank_name, u.offers_update_api]), [
        ['つなぐ銀行', true],
        ['ひかり銀行', true],
        ['みらい銀行', false],
      ]);
      const text = await run(['review', 'evidence', 'list', '--register', 'feedback', '--fiscal-year', '2025']);
      assert.equal(text.code, EXIT.ok);
      assert.match(text.out, /2025年5月20日\s+つなぐ銀行\s+金融機関\s+意見交換/);
      assert.doesNotMatch(text.out, /みらい銀行/);
    });

    it('rejects a file with mistakes, naming each pointer and line in Japanese or English, and adds nothing', async () => {
      const r = await run(['review', 'evidence', 'add', '--register', 'feedback', '--file', fixture('feedback-bad.yaml')]);
      assert.equal(r.code, EXIT.invalid);
      assert.equal(r.out, '', 'stdout carries results only');
      assert.match(r.err, /何も登録していません/);
      assert.match(r.err, /\/1\/receivedOn \(line 9\): YYYY-MM-DD 形式の日付を指定してください/);
      assert.match(r.err, /\/1\/channel \(line 10\)/);
      assert.match(r.err, /\/2\/content \(line 12\)/);
      const en = await run(['--lang', 'en', 'review', 'evidence', 'add', '--register', 'feedback', '--file', fixture('feedback-bad.yaml')]);
      assert.equal(en.code, EXIT.invalid);
      assert.match(en.err, /nothing was added/);
      assert.match(en.err, /\/1\/receivedOn \(line 9\): expected a date as YYYY-MM-DD/);

      const broken = path.join(tmp, 'broken.yaml');
      writeFileSync(broken, ['- organisationName: ひかり銀行', '  organisationType: bank', '  content: 経路: 不明', ''].join('\n'));
      const syntax = await run(['review', 'evidence', 'add', '--register', 'feedback', '--file', broken]);
      assert.equal(syntax.code, EXIT.invalid);
      assert.match(syntax.err, /YAML として読めません/);
      assert.match(syntax.err, /line 3, column \d+: YAML の構文が正しくありません/);

      const missing = await run(['review', 'evidence', 'add', '--register', 'feedback', '--file', path.join(tmp, 'none.yaml')]);
      assert.equal(missing.code, EXIT.notFound);

      const all = await evidenceList('feedback');
      assert.equal(all.length, 3, 'the valid first entry of the bad file was rolled back too');
      assert.ok(!all.some((f) => f.organisation_name === 'ひかり銀行'));
    });

    it('opens the 2025年度 cycle pre-filled with the evidence since the previous policy document', async () => {
      const opened = await json(['review', 'open', '--fiscal-year', '2025']);
      assert.equal(opened.fiscalYear, 2025);
      assert.equal((await run(['review', 'open', '--fiscal-year', '2025'])).code, EXIT.conflict);
      const c = await show(2025);
      assert.equal(c.state, 'draft');
      assert.equal(c.decision.derived, null);
      assert.deepEqual(
        c.considerations.map((x) => [x.label, x.key, x.evidenceCount, x.suggested]),
        [
          ['(1)', 'usage', 2, 'not_needed'],
          ['(2)', 'incidents', 1, 'not_needed'],
          ['(3)', 'standards', 1, 'not_needed'],
          ['(4)', 'selfRegulation', 1, 'not_needed'],
          ['(5)', 'relatedRules', 0, 'not_needed'],
          ['(6)', 'updateApi', 3, 'not_needed'],
        ],
      );
      // The feedback of 2025-01-10 came before the 2024年度 document (2025-01-30): linked by hand.
      assert.equal((await run(['review', 'link-evidence', '--fiscal-year', '2025', '--consideration', '(1)', '--register', 'feedback', '--evidence', ids.feedbackBeforePeriod])).code, EXIT.ok);
      const usage = (await show(2025)).considerations[0]!;
      assert.equal(usage.evidenceCount, 3);
      assert.ok(usage.evidence.some((e) => e.entry.id === ids.feedbackBeforePeriod));
      const text = await run(['review', 'show', '--fiscal-year', '2025']);
      assert.match(text.out, /状態: 作成中/);
      assert.match(text.out, /\(2\)\s+incidents\s+オープン API に関するインシデントの発生状況\s+1\s+見直し不要/);
    });

    it('refuses to decide before every consideration is concluded with a reason, saying why in Japanese', async () => {
      const jump = await run(['review', 'state', '--fiscal-year', '2025', '--to', 'decided']);
      assert.equal(jump.code, EXIT.conflict);
      assert.match(jump.err, /移せません/);
      const noReason = await run(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(1)', '--not-needed']);
      assert.equal(noReason.code, EXIT.invalid);
      assert.match(noReason.err, /見直し要／不要の理由を入力してください/);
      assert.equal((await run(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(1)', '--needed', '--not-needed', '--reason', 'x'])).code, EXIT.usage);
      assert.equal((await run(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(9)', '--not-needed', '--reason', 'x'])).code, EXIT.notFound);

      // Considerations named as printed, written loosely, or by their key.
      for (const given of ['(1)', '（２）', '3', 'selfRegulation', '(5)']) {
        const x = await json(['review', 'conclude', '--fiscal-year', '2025', '--consideration', given, '--finding', `${given} について、見直しを要する事項は確認できない。`, '--not-needed', '--reason', `${given} の理由`]);
        assert.equal(x.conclusion, 'not_needed');
        assert.equal(x.reason, `${given} の理由`);
      }
      assert.equal((await run(['review', 'state', '--fiscal-year', '2025', '--to', 'deliberation'])).code, EXIT.ok);
      const notReady = await run(['review', 'state', '--fiscal-year', '2025', '--to', 'decided']);
      assert.equal(notReady.code, EXIT.invalid);
      assert.match(notReady.err, /決定に必要な内容がそろっていません/);
      assert.match(notReady.err, /\/considerations\/updateApi\/conclusion: .*結論がありません/);
      assert.doesNotMatch(notReady.err, /\/considerations\/usage\//);
      const sixth = await json(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(6)', '--finding', '更新系APIの提供は3行中2行。', '--not-needed', '--reason', '提供状況を引き続き確認する']);
      assert.equal(sixth.conclusion, 'not_needed');
      const c = await show(2025);
      assert.equal(c.state, 'deliberation');
      assert.deepEqual(c.considerations.map((x) => x.reason), ['(1) の理由', '（２） の理由', '3 の理由', 'selfRegulation の理由', '(5) の理由', '提供状況を引き続き確認する']);
      assert.deepEqual([c.decision.derived, c.decision.effective, c.decision.labelJa], ['not_needed', 'not_needed', '不要']);
    });

    it('records the 連絡会 with its attending organisations and publishes the minutes once', async () => {
      ids.bankA = (await json(['admin', 'create-organisation', '--type', 'bank', '--name', 'つなぐ銀行'])).id;
      ids.bankB = (await json(['admin', 'create-organisation', '--type', 'bank', '--name', 'みらい銀行'])).id;
      ids.connector = (await json(['admin', 'create-organisation', '--type', 'connector', '--name', 'つなぐペイ株式会社', '--registration-number', '関東財務局長（電代）第99号'])).id;
      for (const [org, email] of [[ids.bankA, emails.bankA], [ids.bankB, emails.bankB], [ids.connector, emails.connector]] as const) {
        assert.equal((await run(['admin', 'create-user', '--organisation', org, '--email', email, '--password', TEST_PASSWORD])).code, EXIT.ok);
      }

      const unknown = await run(['meeting', 'record', '--date', '2026-01-20', '--attendee', 'つなぐ銀行', 'どこにもない銀行', '--agenda', '見直し要否の審議', '--fiscal-year', '2025']);
      assert.equal(unknown.code, EXIT.invalid);
      assert.match(unknown.err, /組織「どこにもない銀行」が見つかりません/);
      assert.deepEqual(await json(['meeting', 'list']), []);

      const m = await json(['meeting', 'record', '--date', '2026-01-20', '--attendee', 'つなぐ銀行', ids.connector, '--agenda', '2025年度の見直し要否の審議', '--fiscal-year', '2025']);
      ids.meeting = m.id;
      assert.equal(m.title, '2025年度 API接続チェックリスト連絡会');
      const listed = (await json(['meeting', 'list']))[0];
      assert.equal(listed.fiscalYear, 2025);
      assert.equal(listed.heldOn, '2026-01-20');
      assert.equal(listed.agenda, '2025年度の見直し要否の審議');
      assert.deepEqual([...listed.attendees].sort(), ['つなぐペイ株式会社', 'つなぐ銀行'].sort());
      assert.equal(listed.minutesPublishedAt, null);

      assert.equal((await run(['meeting', 'minutes', ids.meeting, '--file', fixture('minutes-2025.md')])).code, EXIT.ok);
      const published = (await json(['meeting', 'list']))[0];
      assert.equal(published.minutes, readFileSync(fixture('minutes-2025.md'), 'utf8').trim());
      assert.ok(published.minutesPublishedAt);
      assert.equal((await run(['meeting', 'minutes', ids.meeting, '--file', fixture('minutes-2025.md')])).code, EXIT.conflict);
      const text = await run(['meeting', 'list']);
      assert.match(text.out, /2026年1月20日\s+2025\s+2025年度 API接続チェックリスト連絡会/);
    });

    it('decides 不要, publishes, freezes the review, and writes the policy document as PDF', async () => {
      const statement = '各検討事項について、チェックリストの見直しを要する事象は確認できないことから、API 接続チェックリストの内容は不変としたい。';
      const d = await json(['review', 'decide', '--fiscal-year', '2025', '--statement', statement, '--policy-text-file', fixture('policy-2025.md'), '--document-date', '2026-01-29']);
      assert.equal(d.decision.effective, 'not_needed');
      assert.equal(d.documentDate, '2026-01-29');
      assert.equal((await run(['review', 'state', '--fiscal-year', '2025', '--to', 'decided'])).code, EXIT.ok);
      const pub = await json(['review', 'state', '--fiscal-year', '2025', '--to', 'published']);
      assert.deepEqual([pub.from, pub.to, pub.documentDate], ['decided', 'published', '2026-01-29']);

      const frozen = await run(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(1)', '--finding', '書き換え']);
      assert.equal(frozen.code, EXIT.conflict);
      assert.match(frozen.err, /review\.frozen/);

      const md = await run(['review', 'report', '--fiscal-year', '2025']);
      assert.equal(md.code, EXIT.ok, md.err);
      assert.match(md.out, /^2026年1月29日$/m);
      assert.match(md.out, /^# 2025年度 API接続チェックリスト見直し要否 対応方針$/m);
      assert.ok(md.out.includes('【対応方針】API接続チェックリストの見直しは「不要」とする。'));
      assert.ok(md.out.includes(statement));
      assert.ok(md.out.includes(readFileSync(fixture('policy-2025.md'), 'utf8').trim()));
      assert.match(md.out, /^### \(6\) 更新系APIのサービス提供状況$/m);
      assert.ok(md.out.includes('更新系APIの提供は3行中2行。'));

      const pdfFile = path.join(tmp, 'policy-2025.pdf');
      const pdf = await run(['review', 'report', '--fiscal-year', '2025', '--format', 'pdf', '-o', pdfFile]);
      assert.equal(pdf.code, EXIT.ok, pdf.err);
      const bytes = readFileSync(pdfFile);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      assert.ok(pdf.err.includes(`SHA-256: ${createHash('sha256').update(bytes).digest('hex')}`));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
      assert.match(text, /2025年度 API接続チェックリスト見直し要否 対応方針/);
      assert.match(text, /「不要」とする/);

      const cycles = await json(['review', 'list']);
      assert.deepEqual(
        cycles.map((c: { fiscalYear: number; version: number; state: string; documentDate: string }) => [c.fiscalYear, c.version, c.state, c.documentDate]),
        [
          [2025, 1, 'published', '2026-01-29'],
          [2024, 1, 'published', '2025-01-30'],
        ],
      );
    });

    it('leads a 2026年度 incident requiring revision to 要, and refuses the major revision without the expert-panel date', async () => {
      ids.incident2026 = (await json(['review', 'evidence', 'add', '--register', 'incident', '--file', fixture('incident-2026.json')])).ids[0];
      await json(['review', 'open', '--fiscal-year', '2026']);
      const opened = await show(2026);
      const byKey = Object.fromEntries(opened.considerations.map((x) => [x.key, x]));
      assert.deepEqual([byKey.incidents!.evidenceCount, byKey.incidents!.suggested], [1, 'needed']);
      assert.equal(byKey.usage!.evidenceCount, 0, 'feedback of 2025-11-12 came before the 2025年度 document (2026-01-29)');
      assert.equal(byKey.updateApi!.evidenceCount, 0);

      for (const x of opened.considerations) {
        const needed = x.key === 'incidents';
        await json(['review', 'conclude', '--fiscal-year', '2026', '--consideration', x.key, needed ? '--needed' : '--not-needed', '--reason', needed ? 'トークンの保管に関する確認項目の見直しが必要' : '見直しを要する事項はない']);
      }
      const concluded = await show(2026);
      assert.deepEqual([concluded.decision.derived, concluded.decision.effective, concluded.decision.labelJa], ['needed', 'needed', '要']);

      const noDate = await run(['review', 'decide', '--fiscal-year', '2026', '--major-revision']);
      assert.equal(noDate.code, EXIT.invalid);
      assert.match(noDate.err, /\/expertPanelDate: 大幅な見直しには有識者検討会の開催日が必要です/);
      assert.equal((await show(2026)).majorRevision, false, 'the refused decision changed nothing');
      const noReason = await run(['review', 'decide', '--fiscal-year', '2026', '--override', 'not_needed']);
      assert.equal(noReason.code, EXIT.invalid);
      assert.match(noReason.err, /\/overrideReason/);
      const badDate = await run(['review', 'decide', '--fiscal-year', '2026', '--major-revision', '--expert-panel-date', '2027-02-30']);
      assert.equal(badDate.code, EXIT.invalid);
      assert.match(badDate.err, /--expert-panel-date/);

      const panel = await json(['review', 'decide', '--fiscal-year', '2026', '--major-revision', '--expert-panel-date', '2027-02-20']);
      assert.equal(panel.decision.labelJa, '要・有識者検討会');
      assert.equal(panel.expertPanelDate, '2027-02-20');
      const md = await run(['review', 'report', '--fiscal-year', '2026']);
      assert.ok(md.out.includes('【対応方針】API接続チェックリストの見直しは「要」とする。'));
      assert.ok(md.out.includes('有識者検討会（2027年2月20日）において審議する。'));
      const text = await run(['--lang', 'en', 'review', 'show', '--fiscal-year', '2026']);
      assert.match(text.out, /decision: needed \(expert panel\)/);
    });

    it('publishes an alert to all banks, e-mails their members, and shows who has not acknowledged', async () => {
      const noAudience = await run(['alert', 'publish', '--title', '宛先なし', '--body-file', fixture('alert-2026.md')]);
      assert.equal(noAudience.code, EXIT.invalid);
      assert.match(noAudience.err, /全金融機関・全電子決済等代行業者・個別の組織/);

      process.env.TSUNAGU_SMTP_URL = smtp.url;
      const a = await json(['alert', 'publish', '--title', 'アクセストークンの保管について', '--body-file', fixture('alert-2026.md'), '--severity', 'critical', '--all-banks', '--incident', ids.incident2026, '--item', '22', '39']);
      delete process.env.TSUNAGU_SMTP_URL;
      assert.equal(a.recipients, 2, 'つなぐ銀行 and みらい銀行');
      assert.equal(a.emailed, 2);
      assert.equal(mails.length, 1);
      assert.deepEqual(mails[0]!.to.sort(), [emails.bankA, emails.bankB].sort());
      const incident = (await evidenceList('incident', '--fiscal-year', '2026'))[0]!;
      assert.equal(incident.alert_issued, true);

      // つなぐ銀行's member acknowledges in the web app's API.
      const d = await openDatabase(resolveOpenOptions());
      try {
        const app = await buildApp({ db: d.db, signInRateLimit: 1000 });
        const s = await signInAs(app, emails.bankA);
        const ack = await app.inject({ method: 'POST', url: `/api/alerts/${a.id}/acknowledge`, headers: s.headers });
        assert.equal(ack.statusCode, 200, ack.body);
        await app.close();
      } finally {
        await d.close();
      }

      const status = await json(['alert', 'status', a.id]);
      assert.deepEqual(status.notAcknowledged, ['みらい銀行']);
      assert.deepEqual(
        status.organisations.map((o: { name: string; acknowledged: boolean; emailedAt: string | null }) => [o.name, o.acknowledged, o.emailedAt !== null]).sort(),
        [
          ['つなぐ銀行', true, true],
          ['みらい銀行', false, true],
        ].sort(),
      );
      const text = await run(['alert', 'status', a.id]);
      assert.match(text.out, /未確認: みらい銀行$/m);
      const list = await json(['alert', 'list']);
      assert.deepEqual(list.map((x: { title: string; severity: string; recipients: number; acknowledged: number; itemNumbers: number[] }) => [x.title, x.severity, x.recipients, x.acknowledged, x.itemNumbers]), [
        ['アクセストークンの保管について', 'critical', 2, 1, [22, 39]],
      ]);
      assert.equal((await run(['alert', 'status', '00000000-0000-4000-8000-000000000000'])).code, EXIT.notFound);
    });

    it('corrects the published 2025年度 review as version 2, keeping version 1 readable', async () => {
      const c = await json(['review', 'correct', '--fiscal-year', '2025']);
      assert.equal(c.version, 2);
      await json(['review', 'conclude', '--fiscal-year', '2025', '--consideration', '(1)', '--finding', '訂正後の評価。']);
      const v2 = await show(2025);
      const v1 = await show(2025, '--version', '1');
      assert.equal(v2.state, 'draft');
      assert.equal(v2.considerations[0]!.finding, '訂正後の評価。');
      assert.equal(v1.state, 'published');
      assert.equal(v1.considerations[0]!.finding, '(1) について、見直しを要する事項は確認できない。');
      assert.equal((await run(['review', 'correct', '--fiscal-year', '2025'])).code, EXIT.conflict, 'a draft correction is not corrected again');
    });

    it('audits every change made from the CLI as the operator, in a chain that verifies', async () => {
      const exported = async (action: string) => {
        const r = await run(['audit', 'export', '--format', 'json', '--action', action]);
        assert.equal(r.code, EXIT.ok, r.err);
        return JSON.parse(r.out) as { changes: { state: [string, string] }; actorEmail: string | null; occurredAt: string; seq: number }[];
      };
      const moves = (await exported('review.state_changed')).sort((a, b) => a.seq - b.seq);
      assert.deepEqual(moves.map((m) => m.changes.state), [
        ['draft', 'deliberation'],
        ['deliberation', 'decided'],
        ['decided', 'published'],
      ]);
      assert.ok(moves.every((m) => m.actorEmail === null), 'the operator is no user');
      const evidence = await exported('review.evidence_added');
      assert.equal(evidence.length, 3 + 1 + 1 + 1 + 3 + 1, 'the entries of the good files only');
      const v = JSON.parse((await run(['audit', 'verify', '--json'])).out);
      assert.equal(v.ok, true);
    });
  });
}
