/**
 * `tsunagu assessment …` as an operator runs it for a connector and a bank: the list of requests, the
 * workbook exported, filled and imported (and again: nothing changes), a bad workbook refused with
 * one line per cell and nothing written, someone who may not import refused, the results as CSV and
 * PDF, and the reminders of a due date. Run on each database, pointed at it through the environment.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { openReady } from '../../db/open-ready.js';
import { run, useDatabase } from '../../testing/cli.js';
import { databaseKinds } from '../../testing/db.js';
import { createMember } from '../../testing/auth.js';
import { resolveOpenOptions } from '../../db/database.js';
import { checklistV1, importChecklist } from '../../modules/assessment/assessment.fixture.js';
import { createConnection, createRequest, createTemplate, saveRequestAnswers, submitRequest } from '../../modules/assessment/index.js';
import { addDays } from '../../modules/assessment/reassessment.js';
import { actorOfAuth, authContextOfUser } from '../../modules/identity/index.js';
import { todayInJapan } from '../../lib/dates.js';
import { EXIT } from '../exit-codes.js';

for (const kind of databaseKinds) {
  describe(`assessment commands (${kind})`, () => {
    let restore: () => Promise<void>;
    let tmp: string;
    let request = '';
    const due = addDays(todayInJapan(), 5);
    const emails = { bank: 'tanaka@cli-bank.test', reviewer: 'suzuki@cli-bank.test', connector: 'sato@cli-pay.test' };

    before(async () => {
      restore = await useDatabase(kind, { TSUNAGU_NO_REFERENCE: '1' });
      tmp = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-assessment-out-'));
      // The bank's sheet and request, set up as the web app would (the CLI has no command for them).
      const d = await openReady(resolveOpenOptions());
      try {
        await importChecklist(d.db, checklistV1);
        const bank = await createMember(d.db, { type: 'bank', role: 'editor', email: emails.bank });
        await createMember(d.db, { type: 'bank', role: 'reviewer', email: emails.reviewer, organisationId: bank.organisationId });
        const connector = await createMember(d.db, { type: 'connector', role: 'editor', email: emails.connector });
        request = await d.db.transaction().execute(async (trx) => {
          const auth = await authContextOfUser(trx, emails.bank);
          const actor = actorOfAuth(auth);
          const t = await createTemplate({ trx, actor, auth, input: { name: '参照系チェックシート', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'Sec-', items: [{ number: 7, included: false, exclusionReason: '別途確認' }] } });
          const c = await createConnection({ trx, actor, auth, input: { connectorId: connector.organisationId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private' } });
          return (await createRequest({ trx, actor, auth, input: { templateId: t.id, connectionId: c.id, dueDate: due } })).id;
        });
      } finally {
        await d.close();
      }
    });
    after(async () => {
      await restore();
      rmSync(tmp, { recursive: true, force: true });
    });

    it('lists the request the connector received, with its due date in Japanese', async () => {
      const json = await run(['assessment', 'list', '--as', emails.connector, '--json']);
      assert.equal(json.code, EXIT.ok, json.err);
      assert.deepEqual(JSON.parse(json.out).map((r: any) => [r.id, r.side, r.state, r.dueDate]), [[request, 'connector', 'sent', due]]);
      const text = await run(['assessment', 'list', '--as', emails.connector]);
      assert.match(text.out, new RegExp(`${request}\\s+テストbank\\d+\\s+かんたん家計簿\\s+回答依頼中\\s+${Number(due.slice(0, 4))}年`));
    });

    it('exports the workbook, imports it filled in, and changes nothing the second time', async () => {
      const file = path.join(tmp, '回答票.xlsx');
      const exp = await run(['assessment', 'export-xlsx', '--request', request, '--as', emails.connector, '-o', file]);
      assert.equal(exp.code, EXIT.ok, exp.err);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('チェックリスト')!;
      for (const r of [4, 5, 7, 8]) ws.getCell(`E${r}`).value = 'はい';
      ws.getCell('E6').value = 'いいえ';
      const h = wb.getWorksheet('ヒアリング')!;
      h.getCell('D5').value = '家計簿サービス';
      h.getCell('D6').value = 'Web';
      h.getCell('D8').value = 'セキュリティ室';
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

      const imp = await run(['assessment', 'import-xlsx', file, '--request', request, '--as', emails.connector]);
      assert.equal(imp.code, EXIT.ok, imp.err);
      assert.match(imp.out, /5 項目の回答を変更、ヒアリングを変更しました/);
      assert.match(imp.out, /提出までに必要な記入（1 件）:\n {2}シート「チェックリスト」F6: 「いいえ」の場合は②欄に説明を記入してください\n/);
      const again = await run(['assessment', 'import-xlsx', file, '--request', request, '--as', emails.connector, '--json']);
      assert.deepEqual([JSON.parse(again.out).changed, JSON.parse(again.out).hearingChanged], [0, false]);

      ws.getCell('E4').value = 'たぶん';
      ws.getCell('E5').value = 'いいえ';
      ws.getCell('A8').value = 'Sec-9';
      const bad = path.join(tmp, 'bad.xlsx');
      writeFileSync(bad, Buffer.from(await wb.xlsx.writeBuffer()));
      const refused = await run(['assessment', 'import-xlsx', bad, '--request', request, '--as', emails.connector]);
      assert.equal(refused.code, EXIT.invalid);
      assert.equal(refused.out, '', 'stdout carries results only');
      assert.deepEqual(refused.err.split('\n').filter((l) => l.startsWith('  ')), [
        '  シート「チェックリスト」E4: 「たぶん」は回答として使えません。「はい」「いいえ」「該当なし」のいずれかにしてください',
        '  シート「チェックリスト」A8: 行内番号が「Sec-5」から「Sec-9」に変わっています。行内番号・No. の列は変更しないでください',
      ]);
      const en = await run(['--lang', 'en', 'assessment', 'import-xlsx', bad, '--request', request, '--as', emails.connector]);
      assert.match(en.err, /nothing was imported/);
      assert.match(en.err, /\n {2}sheet チェックリスト E4: "たぶん" is not an answer/);
      // Nothing of the bad file was saved: the good change in E5 neither.
      const still = await run(['assessment', 'export-xlsx', '--request', request, '--as', emails.connector, '-o', path.join(tmp, 'still.xlsx')]);
      assert.equal(still.code, EXIT.ok);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(readFileSync(path.join(tmp, 'still.xlsx')) as unknown as ArrayBuffer);
      assert.equal(wb2.getWorksheet('チェックリスト')!.getCell('E5').value, 'はい');
    });

    it('refuses a bank member as importer and an unknown user, with their exit codes', async () => {
      const file = path.join(tmp, '回答票.xlsx');
      const bank = await run(['assessment', 'import-xlsx', file, '--request', request, '--as', emails.bank]);
      assert.equal(bank.code, EXIT.forbidden, bank.err);
      const nobody = await run(['assessment', 'list', '--as', 'nobody@cli-bank.test']);
      assert.equal(nobody.code, EXIT.notFound);
      assert.match(nobody.err, /利用者 nobody@cli-bank\.test が見つかりません/);
      const missing = await run(['assessment', 'import-xlsx', path.join(tmp, 'none.xlsx'), '--request', request, '--as', emails.connector]);
      assert.equal(missing.code, EXIT.notFound);
    });

    it('saves a bank’s own layout, tries it on a sample first, and deletes it', async () => {
      const mappingFile = path.join(tmp, 'mapping.yaml');
      writeFileSync(mappingFile, 'sheet: チェック表\ncolumns:\n  label: 番号\n  answer: 回答\n  explanation: 補足\nanswerWords:\n  ○: yes\n  ×: no\n');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('チェック表');
      ws.addRow(['番号', '確認内容', '回答', '補足']);
      ws.addRow(['Sec-1', '方針', '○', '']);
      ws.addRow(['Sec-2', '責任者', '△', '']);
      const sample = path.join(tmp, '当行様式.xlsx');
      writeFileSync(sample, Buffer.from(await wb.xlsx.writeBuffer()));
      const tried = await run(['assessment', 'try-mapping', mappingFile, sample]);
      assert.equal(tried.code, EXIT.ok, tried.err);
      assert.match(tried.out, /^シート「チェック表」の 1 行目を見出しとして 2 行を読みました（列: label=A, choice=C, explanation=D）\n/);
      assert.match(tried.out, /\n2 +Sec-1 +yes\n/);
      assert.match(tried.out, /取り込み時に受け付けられない箇所（1 件）:\n {2}シート「チェック表」C3: 「△」は回答として使えません/);
      const json = JSON.parse((await run(['assessment', 'try-mapping', mappingFile, sample, '--json'])).out);
      assert.deepEqual(json.rows.map((r: any) => [r.label, r.values.choice]), [['Sec-1', 'yes'], ['Sec-2', null]]);
      // Nothing was saved by trying; saving is the bank's, deleting too.
      const saved = await run(['assessment', 'save-mapping', '当行様式', mappingFile, '--as', emails.bank]);
      assert.equal(saved.code, EXIT.ok, saved.err);
      assert.equal(saved.out, '保存しました: 当行様式\n');
      assert.equal((await run(['assessment', 'delete-mapping', '当行様式', '--as', emails.connector])).code, EXIT.forbidden);
      const deleted = await run(['assessment', 'delete-mapping', '当行様式', '--as', emails.bank]);
      assert.equal(deleted.code, EXIT.ok, deleted.err);
      assert.equal(deleted.out, '削除しました: 当行様式\n');
      const again = await run(['assessment', 'delete-mapping', '当行様式', '--as', emails.bank]);
      assert.equal(again.code, EXIT.notFound);
      assert.match(again.err, /金融機関の列の対応付け「当行様式」が見つかりません/);
    });

    it('creates the due-date reminders once, however often it runs', async () => {
      const first = await run(['assessment', 'send-reminders', '--today', addDays(due, -3), '--json']);
      assert.equal(first.code, EXIT.ok, first.err);
      assert.deepEqual(JSON.parse(first.out), { created: 1, sent: 0 });
      const again = await run(['assessment', 'send-reminders', '--today', addDays(due, -2)]);
      assert.equal(again.out, '通知を 0 件作成し、メールを 0 通送りました\n');
      assert.equal((await run(['assessment', 'send-reminders', '--today', '2026-02-30'])).code, EXIT.invalid);
    });
    it('writes the results as CSV to stdout and as PDF to a file, once something is submitted', async () => {
      const early = await run(['assessment', 'results', '--request', request, '--as', emails.bank, '--format', 'csv']);
      assert.equal(early.code, EXIT.notFound);
      assert.match(early.err, /提出された回答がありません/);
      const d = await openReady(resolveOpenOptions());
      try {
        await d.db.transaction().execute(async (trx) => {
          const auth = await authContextOfUser(trx, emails.connector);
          await saveRequestAnswers({ trx, actor: actorOfAuth(auth), auth, id: request, input: { items: [{ number: 3, explanation: '外部委託はしていない' }] } });
          await submitRequest({ trx, actor: actorOfAuth(auth), auth, id: request });
        });
      } finally {
        await d.close();
      }
      const csv = await run(['assessment', 'results', '--request', request, '--as', emails.bank, '--format', 'csv']);
      assert.equal(csv.code, EXIT.ok, csv.err);
      assert.ok(csv.out.startsWith('\uFEFF金融機関,'));
      assert.match(csv.out, /\r\nSec-3,3,外部委託管理,.*,いいえ,外部委託はしていない,,未確認,,\r\n/);
      const pdf = path.join(tmp, 'results.pdf');
      const r = await run(['assessment', 'results', '--request', request, '--as', emails.reviewer, '--format', 'pdf', '-o', pdf]);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }), /未判定/);
      assert.equal((await run(['assessment', 'results', '--request', request, '--as', emails.bank, '--format', 'pdf'])).code, EXIT.usage);
    });

  });
}
