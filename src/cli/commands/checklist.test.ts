import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { SAMPLE_DIR } from '../../modules/reference/load-sample.js';
import { run, useDatabase } from '../../testing/cli.js';
import { databaseKinds } from '../../testing/db.js';
import { EXIT } from '../exit-codes.js';

for (const kind of databaseKinds) {
  describe(`tsunagu checklist (${kind})`, () => {
    let restore: () => Promise<void>;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-checklist-'));
      restore = await useDatabase(kind);
      const files = ['zengin-open-api-report-sample.yaml', 'api-checklist-sample-1.yaml', 'api-checklist-sample-2.yaml'].map((f) => path.join(SAMPLE_DIR, f));
      const r = await run(['import', ...files]);
      assert.equal(r.code, EXIT.ok, r.err);
    });
    after(async () => {
      await restore();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists the two items whose wording changed from サンプル第1版 to サンプル第2版', async () => {
      const json = await run(['checklist', 'item-changes', '--rule-set', 'api-checklist-sample', '--from', 'サンプル第1版', '--to', 'サンプル第2版', '--json']);
      assert.equal(json.code, EXIT.ok, json.err);
      const r = JSON.parse(json.out);
      assert.deepEqual(
        r.rows.filter((x: { change: string }) => x.change !== 'unchanged'),
        [
          { number: 27, change: 'changed', fields: ['text'] },
          { number: 40, change: 'changed', fields: ['text'] },
        ],
      );
      const text = await run(['checklist', 'item-changes', '--rule-set', 'api-checklist-sample', '--from', 'サンプル第1版', '--to', 'サンプル第2版']);
      assert.match(text.out, /追加 0、変更 2、削除 0、変更なし 58/);
      assert.match(text.out, /^27 +変更 +確認項目 +サービスシステムのセキュリティ機能$/m);
      assert.match(text.out, /^40 +変更 +確認項目 +APIセキュリティ機能$/m);
      const en = await run(['--lang', 'en', 'checklist', 'item-changes', '--rule-set', 'api-checklist-sample', '--from', 'サンプル第1版', '--to', 'サンプル第2版']);
      assert.match(en.out, /0 added, 2 changed, 0 removed, 58 unchanged/);
    });

    it('writes an edition as a FISC-layout workbook and imports it back as a new edition, refusing it twice', async () => {
      const file = path.join(dir, 'サンプル第1版.xlsx');
      const w = await run(['checklist', 'export-workbook', '--rule-set', 'api-checklist-sample', '--edition', 'サンプル第1版', '-o', file]);
      assert.equal(w.code, EXIT.ok, w.err);
      assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
      const args = ['checklist', 'import-workbook', file, '--rule-set', 'api-checklist-sample', '--label', 'サンプル第1版（Excel）'];
      const i = await run([...args, '--json']);
      assert.equal(i.code, EXIT.ok, i.err);
      assert.deepEqual(JSON.parse(i.out).counts.items, 60);
      const same = await run(['checklist', 'item-changes', '--rule-set', 'api-checklist-sample', '--from', 'サンプル第1版', '--to', 'サンプル第1版（Excel）', '--json']);
      assert.ok(JSON.parse(same.out).rows.every((x: { change: string }) => x.change === 'unchanged'));
      const again = await run(args);
      assert.equal(again.code, EXIT.conflict);
      assert.match(again.err, /catalog\.edition_exists/);
      assert.match(again.err, /既に登録されています/);
    });

    it('exits 3 with every problem at its cell, importing nothing', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('チェックリスト');
      ws.addRow(['No.', '区分', '確認項目', '対象', '現状', '課題', '改善計画', '関連規定', '関連規定の該当箇所', '備考']);
      ws.addRow([1, '情報・セキュリティ管理態勢', '', '', '', '', '', '', '', '']);
      const file = path.join(dir, 'bad.xlsx');
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const r = await run(['checklist', 'import-workbook', file, '--rule-set', 'api-checklist-sample', '--label', '壊れた版']);
      assert.equal(r.code, EXIT.invalid);
      assert.match(r.err, /シート「チェックリスト」C2: 確認項目が空です/);
      const en = await run(['--lang', 'en', 'checklist', 'import-workbook', file, '--rule-set', 'api-checklist-sample', '--label', '壊れた版']);
      assert.match(en.err, /sheet チェックリスト C2: the question \(確認項目\) is empty/);
      const editions = JSON.parse((await run(['catalog', 'editions', '--rule-set', 'api-checklist-sample', '--json'])).out);
      assert.ok(!editions.editions.some((e: { label: string }) => e.label === '壊れた版'));
    });
  });
}
