import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { run, useDatabase } from '../testing/cli.js';
import { databaseKinds } from '../testing/db.js';
import { openDatabase, resolveOpenOptions } from '../db/database.js';
import { EXIT } from './exit-codes.js';

describe('tsunagu CLI help', () => {
  it('helps in Japanese by default and in English with --lang en', async () => {
    const ja = await run(['--help']);
    assert.equal(ja.code, EXIT.ok);
    assert.match(ja.out, /改訂内容の分析/);
    const en = await run(['--lang', 'en', 'revision', 'compare', '--help']);
    assert.equal(en.code, EXIT.ok);
    assert.match(en.out, /compare two editions/);
  });

  it('exits 2 on an unknown command or a missing option', async () => {
    assert.equal((await run(['frobnicate'])).code, EXIT.usage);
    assert.equal((await run(['revision', 'compare', '--from', 'x'])).code, EXIT.usage);
  });
});

for (const kind of databaseKinds) {
  describe(`tsunagu CLI on the reference data (${kind})`, () => {
    let restore: () => Promise<void>;
    before(async () => {
      restore = await useDatabase(kind);
    });
    after(async () => restore());

    it('prints the 17 rows of 図表1 for 第11版 → 第12版', async () => {
      const r = await run(['revision', 'compare', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版', '--format', 'json']);
      assert.equal(r.code, EXIT.ok, r.err);
      const a = JSON.parse(r.out);
      assert.equal(a.rows.length, 17);
      assert.deepEqual(
        a.rows.map((x: { tag: string }) => x.tag).filter((t: string) => t !== '【下線部変更】'),
        ['【下線部追加】', '【下線部追加】', '【下線部変更・削除】', '【下線部削除】'],
      );
      const text = await run(['revision', 'compare', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版']);
      assert.equal(text.code, EXIT.ok);
      assert.match(text.out, /^17\. /m);
      assert.doesNotMatch(text.out, /^18\. /m);
      assert.match(text.out, /39\. APIセキュリティ機能 利用者の利便性と、リスクに見合った利用者保護を実現する認証強度とする。/);
    });

    it('writes the analysis as xlsx and Markdown files', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-out-'));
      const xlsx = path.join(dir, '図表1.xlsx');
      const r = await run(['revision', 'compare', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版', '--format', 'xlsx', '-o', xlsx]);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
      const noFile = await run(['revision', 'compare', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版', '--format', 'xlsx']);
      assert.equal(noFile.code, EXIT.invalid);
      rmSync(dir, { recursive: true, force: true });
    });

    it('exits 4 for an unknown edition and says so in the chosen language', async () => {
      const r = await run(['--lang', 'en', 'catalog', 'provisions', '--rule-set', 'fisc-security-standards', '--edition', '第99版']);
      assert.equal(r.code, EXIT.notFound);
      assert.match(r.err, /edition 第99版 of fisc-security-standards not found/);
    });

    it('rejects an invalid file with its pointer and exit 3, importing nothing', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-in-'));
      const file = path.join(dir, 'bad.yaml');
      writeFileSync(
        file,
        ['format: tsunagu.catalog/v1', 'kind: ruleSetEdition', 'ruleSet:', '  code: extra', '  name: 追加基準', '  kind: standard', 'edition:', '  label: 第1版', '  publishedOn: 2024-02-30', 'provisions:', '  - code: 統1', '  - code: 統 1', ''].join('\n'),
      );
      const r = await run(['import', file]);
      assert.equal(r.code, EXIT.invalid);
      assert.match(r.err, /\/edition\/publishedOn/);
      assert.match(r.err, /\/provisions\/1\/code/);
      const list = await run(['catalog', 'rule-sets', '--json']);
      assert.ok(!JSON.parse(list.out).some((x: { code: string }) => x.code === 'extra'));
      rmSync(dir, { recursive: true, force: true });
    });

    it('creates a draft edition from a Shift_JIS 新旧対照表 and stores its analysis', async () => {
      const p = JSON.parse((await run(['catalog', 'provisions', '--rule-set', 'fisc-security-standards', '--edition', '第12版', '--search', '実16', '--json'])).out);
      const old = p[0].text as string;
      const csv = ['基準番号,旧,新,見出し', `"実 16","${old}","${old}また、不正な取引を検知した場合は速やかに利用を停止する。",`, '実 14 - 1,,新たに設ける基準の本文。,新しい基準'].join('\r\n');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-tbl-'));
      const file = path.join(dir, '新旧対照表.csv');
      writeFileSync(file, iconv.encode(csv, 'cp932'));
      const r = await run(['revision', 'compare', '--rule-set', 'fisc-security-standards', '--from', '第12版', '--table', file, '--new-label', '第13版案', '--published-on', '2025-03', '--format', 'json']);
      assert.equal(r.code, EXIT.ok, r.err);
      const a = JSON.parse(r.out);
      assert.deepEqual(a.rows.map((x: { provisionCodes: string[]; tag: string }) => [x.provisionCodes[0], x.tag]), [
        ['実14-1', '新設'],
        ['実16', '【下線部追加】'],
      ]);
      assert.deepEqual(a.rows[1].items.map((i: { number: number }) => i.number), [22]);
      const editions = JSON.parse((await run(['catalog', 'editions', '--rule-set', 'fisc-security-standards', '--json'])).out);
      assert.deepEqual(editions.editions.map((e: { label: string; status: string }) => [e.label, e.status]), [
        ['第11版', 'superseded'],
        ['第12版', 'published'],
        ['第13版案', 'draft'],
      ]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('verifies the audit log of everything done so far, and exits 7 once an entry is edited', async () => {
      const ok = await run(['audit', 'verify', '--json']);
      assert.equal(ok.code, EXIT.ok, ok.out + ok.err);
      const v = JSON.parse(ok.out);
      assert.equal(v.ok, true);
      assert.ok(v.entries >= 5, 'reference load, imports, analyses and the table import are recorded');
      const csv = await run(['audit', 'export', '--format', 'csv', '--action', 'revision.analysis_created']);
      assert.equal(csv.code, EXIT.ok);
      assert.ok(csv.out.startsWith('\uFEFF日時,'));
      assert.match(csv.out, /第13版案/);

      const d = await openDatabase(resolveOpenOptions());
      try {
        await d.db.transaction().execute(async (trx) => {
          await sql`alter table audit_entry disable trigger audit_entry_no_update`.execute(trx);
          await sql`update audit_entry set target_id = 'forged' where seq = 2 and chain = 'system'`.execute(trx);
          await sql`alter table audit_entry enable trigger audit_entry_no_update`.execute(trx);
        });
      } finally {
        await d.close();
      }
      const broken = await run(['--lang', 'en', 'audit', 'verify']);
      assert.equal(broken.code, EXIT.auditBroken);
      assert.match(broken.out, /chain system: entry 2 does not match its hash/);
    });
  });

  describe(`tsunagu CLI interchange round trip (${kind})`, () => {
    it('exports every reference edition and imports it into an empty database without loss', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-rt-'));
      const editions: [string, string][] = [
        ['fisc-security-standards', '第11版'],
        ['fisc-security-standards', '第12版'],
        ['api-checklist', '2018年10月版'],
      ];
      const files: string[] = [];
      let restore = await useDatabase(kind);
      for (const [rs, ed] of editions) {
        const f = path.join(dir, `${rs}-${ed}.yaml`);
        assert.equal((await run(['export', 'edition', '--rule-set', rs, '--edition', ed, '-o', f])).code, EXIT.ok);
        files.push(f);
      }
      const cmp = path.join(dir, 'comparison.json');
      assert.equal((await run(['export', 'comparison', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版', '--format', 'json', '-o', cmp])).code, EXIT.ok);
      files.push(cmp);
      await restore();

      restore = await useDatabase(kind, { TSUNAGU_NO_REFERENCE: '1' });
      const imported = await run(['import', ...files]);
      assert.equal(imported.code, EXIT.ok, imported.err);
      for (const [i, [rs, ed]] of editions.entries()) {
        const again = await run(['export', 'edition', '--rule-set', rs, '--edition', ed]);
        assert.equal(again.out, readFileSync(files[i]!, 'utf8'));
      }
      const again = await run(['export', 'comparison', '--rule-set', 'fisc-security-standards', '--from', '第11版', '--to', '第12版', '--format', 'json']);
      assert.equal(again.out, readFileSync(cmp, 'utf8'));
      await restore();
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
