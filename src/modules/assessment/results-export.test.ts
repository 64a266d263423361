/**
 * The results files (確認結果) of a decided assessment, for both sides: CSV in UTF-8 with BOM, xlsx and
 * PDF, with formula injection neutralised, the result 条件付適合 with its approver, the submission's
 * SHA-256, Japanese file names, and an audit entry per export.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildApp } from '../../http/app.js';
import { formatJaDate, todayInJapan } from '../../lib/dates.js';
import { parseCsv } from '../../lib/csv.js';
import { describeEachDatabase } from '../../testing/db.js';
import { createMember, signedIn, signInAs, type SignedIn } from '../../testing/auth.js';
import { checklistV1, importChecklist } from './assessment.fixture.js';
import { addDays } from './reassessment.js';

const FORMULA = '=HYPERLINK("http://example.invalid","規程")';

describeEachDatabase('results files (確認結果の出力)', (ctx) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bank: SignedIn;
  let reviewer: SignedIn;
  let approver: SignedIn;
  let connector: SignedIn;
  let otherBank: SignedIn;
  let request: string;
  let sha256: string;
  let tmp: string;

  const ok = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    assert.ok(r.statusCode < 300, `${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.body ? (r.json() as any) : null;
  };
  const results = (who: SignedIn, format: string) => app.inject({ method: 'GET', url: `/api/assessment-requests/${request}/results?format=${format}`, headers: who.headers });

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-results-'));
    app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    await importChecklist(ctx.db, checklistV1);
    bank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });
    const r = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bank.organisationId });
    reviewer = { ...(await signInAs(app, r.email)), ...r };
    const a = await createMember(ctx.db, { type: 'bank', role: 'reviewer', organisationId: bank.organisationId });
    approver = { ...(await signInAs(app, a.email)), ...a };
    await ctx.db.updateTable('user_account').set({ display_name: '承認 花子' }).where('id', '=', approver.userId).execute();
    connector = await signedIn(app, ctx.db, { type: 'connector', role: 'editor' });
    otherBank = await signedIn(app, ctx.db, { type: 'bank', role: 'editor' });

    const t = await ok(bank, 'POST', '/api/assessment-templates', { name: '参照系チェックシート', checklist: { ruleSet: 'test-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'Sec-', items: [{ number: 7, included: false, exclusionReason: '別途確認' }] });
    const c = await ok(bank, 'POST', '/api/connections', { connectorId: connector.organisationId, serviceName: 'かんたん家計簿', apiType: 'read', access: 'private' });
    request = (await ok(bank, 'POST', '/api/assessment-requests', { templateId: t.id, connectionId: c.id, dueDate: addDays(todayInJapan(), 30) })).id;
    await ok(connector, 'PUT', `/api/assessment-requests/${request}/answers`, {
      items: [
        { number: 1, choice: 'yes', explanation: FORMULA },
        { number: 2, choice: 'yes' },
        { number: 3, choice: 'no', explanation: '外部委託先の評価は年1回、書面で行う予定' },
        { number: 4, choice: 'yes' },
        { number: 5, choice: 'na', explanation: 'トークンを発行しない' },
      ],
      hearing: { purpose: '家計簿', accessType: 'Web', contact: 'セキュリティ室' },
    });
    sha256 = (await ok(connector, 'POST', `/api/assessment-requests/${request}/submit`)).sha256;
    for (const n of [1, 2, 4, 5]) await ok(reviewer, 'PUT', `/api/assessment-requests/${request}/items/${n}/review`, { verdict: 'accepted' });
    await ok(reviewer, 'PUT', `/api/assessment-requests/${request}/items/3/review`, { verdict: 'accepted_with_condition', condition: '+評価結果を年1回報告すること' });
    const plan = await ok(reviewer, 'POST', `/api/assessment-requests/${request}/items/3/remediation`, { description: '委託先評価の結果を報告する', dueDate: '2026-03-31' });
    await ok(reviewer, 'POST', `/api/assessment-requests/${request}/result`, { result: 'conditional' });
    await ok(connector, 'POST', `/api/assessment-requests/${request}/remediation/${plan.id}`, { action: 'accept' });
    await ok(approver, 'POST', `/api/assessment-requests/${request}/result/decision`, { approve: true });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes CSV in UTF-8 with BOM, with the header block, the verdicts in Japanese and every formula neutralised', async () => {
    const r = await results(bank, 'csv');
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/csv/);
    assert.match(String(r.headers['content-disposition']), /filename\*=UTF-8''%E7%A2%BA%E8%AA%8D%E7%B5%90%E6%9E%9C_/); // 確認結果_
    assert.deepEqual([...r.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(r.rawPayload.subarray(3).toString('utf8'));
    const fact = (k: string) => rows.find((x) => x[0] === k)?.[1];
    assert.equal(fact('判定'), `条件付適合（承認: 承認 花子、${formatJaDate(todayInJapan())}）`);
    assert.equal(fact('提出内容の SHA-256'), sha256);
    assert.equal(fact('提出'), `第1版（${formatJaDate(todayInJapan())}）`);
    const header = rows.findIndex((x) => x[0] === '行内番号');
    assert.deepEqual(rows[header], ['行内番号', 'No.', '区分', '確認項目', '回答', '②欄（説明）', '資料', '確認結果', '条件', '改善計画（期限・状況）']);
    const items = rows.slice(header + 1);
    assert.deepEqual(items.map((x) => [x[0], x[4], x[7]]), [['Sec-1', 'はい', '確認済み'], ['Sec-2', 'はい', '確認済み'], ['Sec-3', 'いいえ', '条件付きで確認'], ['Sec-4', 'はい', '確認済み'], ['Sec-5', '該当なし', '確認済み']]);
    assert.equal(items[0]![5], `'${FORMULA}`);
    assert.equal(items[2]![8], "'+評価結果を年1回報告すること");
    assert.equal(items[2]![9], '委託先評価の結果を報告する（期限 2026年3月31日、合意済み）');
  });

  it('writes the same results as a workbook with text cells neutralised, for the connector too', async () => {
    const r = await results(connector, 'xlsx');
    assert.equal(r.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('確認結果')!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    assert.ok(cells.some((c) => c.startsWith('条件付適合（承認: 承認 花子')));
    assert.ok(cells.includes(`'${FORMULA}`));
    assert.ok(!cells.includes(FORMULA));
    assert.equal(ws.pageSetup.orientation, 'landscape');
  });

  it('writes a PDF whose text says 条件付適合, the approver and the submission’s SHA-256', async () => {
    const r = await results(bank, 'pdf');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'application/pdf');
    const file = path.join(tmp, 'results.pdf');
    writeFileSync(file, r.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /条件付適合（承認: 承認 花子/);
    assert.match(text, new RegExp(sha256));
    assert.match(text, /条件付きで確認/);
    assert.match(text, /委託先評価の結果を報告する/);
    const audit = await ctx.db.selectFrom('audit_entry').select(['actor_user_id', 'details']).where('action', '=', 'assessment.exported').where('target_id', '=', request).execute();
    const pdf = audit.find((x) => (x.details as any).format === 'pdf')!;
    assert.equal(pdf.actor_user_id, bank.userId);
    assert.equal((pdf.details as any).sha256, r.headers['x-content-sha256']);
    assert.deepEqual(audit.map((x) => (x.details as any).format).sort(), ['csv', 'pdf', 'xlsx']);
  });

  it('does not give another bank the results', async () => {
    assert.equal((await results(otherBank, 'csv')).statusCode, 404);
  });
});
