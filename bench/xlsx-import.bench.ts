/**
 * Excel import at scale: a 100-item checklist edition (generated here), a bank's 100-item template,
 * 1,000 requests to one connector, and for each request its workbook exported by Tsunagu and filled
 * in (every item answered: はい, いいえ or 該当なし, a reason of 20–120 characters where one is needed;
 * the hearing answered).
 *
 * Measures, in one run and on each database (PGlite in memory, and PostgreSQL: TEST_DATABASE_URL or
 * the local server): (a) importing the 1,000 workbooks through importRequestWorkbook, one transaction
 * each as the HTTP route does — reading the file, checking every cell, saving the 100 answers in one
 * write and the hearing, the audit entry; and (b) the bare ExcelJS read (`xlsx.load`) of the same
 * files, each file read bare just before it is imported so that both see the same load on these
 * shared cores. Target: (a) ≤ 2 × (b), and (a) under 60 s. Then the first workbook is imported again:
 * it must change nothing.
 */
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import ExcelJS from 'exceljs';
import { migrateToLatest, openDatabase, type Database } from '../src/db/database.js';
import { createConnection, createRequest, createTemplate, exportRequestWorkbook, importRequestWorkbook } from '../src/modules/assessment/index.js';
import { catalog } from '../src/modules/catalog/index.js';
import { actorOfAuth, authContextOfUser } from '../src/modules/identity/index.js';
import { addDays } from '../src/modules/assessment/reassessment.js';
import { todayInJapan } from '../src/lib/dates.js';
import { createMember } from '../src/testing/auth.js';
import { createTestDatabase } from '../src/testing/db.js';
import { seededRandom } from '../src/testing/prng.js';

const ITEMS = 100;
const WORKBOOKS = 1000;
const WARM_UP = 10;

const CATEGORIES = ['情報・セキュリティ管理態勢', '外部委託管理', 'システム開発・運用管理', 'サービスシステムのセキュリティ機能', 'APIセキュリティ機能', '利用者保護'];
const OBJECTS = ['アクセス権限の付与及び見直しの手続き', '不正アクセスの監視機能', '暗号化等の対策', '障害発生時の対応手順', '利用者の本人確認', 'ログの取得及び保存', '教育・訓練', '委託先の評価'];
const REASONS = ['当社のサービスでは該当する機能を提供していないため。', '現在は手順書を整備中であり、2026年度上期に運用を開始する予定。', 'クラウド事業者の第三者認証（ISO/IEC 27001）により代替している。', '利用者の認証情報は保持せず、金融機関の認可画面で認証するため。'];

function checklistDocument() {
  return {
    format: 'tsunagu.catalog/v1',
    kind: 'checklistEdition',
    ruleSet: { code: 'bench-checklist', name: 'ベンチマーク用チェックリスト', kind: 'checklist' },
    edition: { label: '第1版', publishedOn: '2025-04', status: 'published' },
    items: Array.from({ length: ITEMS }, (_, i) => ({
      number: i + 1,
      category: CATEGORIES[Math.floor((i / ITEMS) * CATEGORIES.length)]!,
      text: `${OBJECTS[i % OBJECTS.length]}について、規程を定め、責任者を置き、定期的に見直しているか。（確認項目 ${i + 1}）`,
      appliesTo: ['read', 'write'],
    })),
  };
}

interface Fixture {
  db: Database['db'];
  connectorEmail: string;
  requests: string[];
}

/** The checklist, a bank's template, 1,000 (+ warm-up) requests, set up through the use cases. */
async function setUp(db: Database['db']): Promise<Fixture> {
  await db.transaction().execute((trx) => catalog.importDocument({ trx, doc: catalog.validateInterchange(checklistDocument()) }));
  const bank = await createMember(db, { type: 'bank', role: 'editor' });
  const connector = await createMember(db, { type: 'connector', role: 'editor' });
  const auth = await authContextOfUser(db, bank.email);
  const actor = actorOfAuth(auth);
  const template = await db.transaction().execute((trx) =>
    createTemplate({ trx, actor, auth, input: { name: 'ベンチマーク用確認シート', checklist: { ruleSet: 'bench-checklist', edition: '第1版' }, answerScheme: 'yes_no', apiTypes: ['read'], accessTypes: ['private'], labelPrefix: 'Sec-' } }),
  );
  const requests: string[] = [];
  const due = addDays(todayInJapan(), 60);
  const total = WORKBOOKS + WARM_UP;
  for (let start = 0; start < total; start += 100) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(total, start + 100); i++) {
        const c = await createConnection({ trx, actor, auth, input: { connectorId: connector.organisationId, serviceName: `サービス${String(i + 1).padStart(4, '0')}`, apiType: 'read', access: 'private' } });
        requests.push((await createRequest({ trx, actor, auth, input: { templateId: template.id, connectionId: c.id, dueDate: due } })).id);
      }
    });
  }
  return { db, connectorEmail: connector.email, requests };
}

/** Each request's workbook as exported, filled in as a connector would (seeded, so every run is the same). */
async function filledWorkbooks(f: Fixture): Promise<Buffer[]> {
  const auth = await authContextOfUser(f.db, f.connectorEmail);
  const exported = await f.db.transaction().execute((trx) => exportRequestWorkbook({ trx, actor: actorOfAuth(auth), auth, id: f.requests[0]! }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('チェックリスト')!;
  const hearing = wb.getWorksheet('ヒアリング')!;
  const meta = wb.getWorksheet('_tsunagu')!;
  const r = seededRandom(20260130);
  const out: Buffer[] = [];
  for (const id of f.requests) {
    meta.getCell('B2').value = id;
    for (let n = 0; n < ITEMS; n++) {
      const x = r();
      const row = 4 + n;
      sheet.getCell(`E${row}`).value = x < 0.8 ? 'はい' : x < 0.92 ? 'いいえ' : '該当なし';
      sheet.getCell(`F${row}`).value = x < 0.8 && r() < 0.7 ? null : REASONS[Math.floor(r() * REASONS.length)]!.repeat(1 + Math.floor(r() * 3));
    }
    hearing.getCell('D5').value = 'API を利用した家計簿サービス（残高・入出金明細の取得）';
    hearing.getCell('D6').value = 'スマートフォンアプリ';
    hearing.getCell('D7').value = `${Math.floor(r() * 100)}万人`;
    hearing.getCell('D8').value = 'セキュリティ室 山田 03-0000-0000';
    out.push(Buffer.from(await wb.xlsx.writeBuffer()));
  }
  return out;
}

function bar(label: string) {
  return new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {duration_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
}

async function measure(kind: string, database: Database): Promise<boolean> {
  const db = database.db;
  const t = performance.now();
  const f = await setUp(db);
  const files = await filledWorkbooks(f);
  console.log(`${kind}: set up ${f.requests.length} requests and filled workbooks (${(files.reduce((n, b) => n + b.length, 0) / files.length / 1024).toFixed(0)} kB each) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const auth = await authContextOfUser(db, f.connectorEmail);
  const actor = actorOfAuth(auth);
  const importOne = (i: number) => db.transaction().execute((trx) => importRequestWorkbook({ trx, actor, auth, id: f.requests[i]!, data: files[i]!, fileName: `回答票-${i + 1}.xlsx` }));
  const bareOne = async (i: number) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files[i]! as unknown as ArrayBuffer);
    return wb.worksheets.length;
  };

  // Warm-up on requests of their own (an import changes its request), then the measured runs.
  for (let i = WORKBOOKS; i < WORKBOOKS + WARM_UP; i++) {
    await bareOne(i);
    await importOne(i);
  }
  // Each workbook is read bare and imported one right after the other, so that both see the same
  // machine: on these shared cores the load changes from one minute to the next.
  const progress = bar(`${kind} read + import`);
  progress.start(WORKBOOKS, 0);
  let bare = 0;
  let whole = 0;
  let changed = 0;
  const timeBare = async (i: number) => {
    const t0 = performance.now();
    await bareOne(i);
    bare += performance.now() - t0;
  };
  const timeImport = async (i: number) => {
    const t0 = performance.now();
    changed += (await importOne(i)).changed;
    whole += performance.now() - t0;
  };
  for (let i = 0; i < WORKBOOKS; i++) {
    // In turns, so that neither always collects the other's garbage.
    if (i % 2) {
      await timeImport(i);
      await timeBare(i);
    } else {
      await timeBare(i);
      await timeImport(i);
    }
    progress.increment();
  }
  progress.stop();

  const saved = Number((await db.selectFrom('request_answer').select((eb) => eb.fn.countAll().as('n')).where('source', '=', 'import').executeTakeFirstOrThrow()).n);
  const again = (await importOne(0)).changed;
  const ratio = whole / bare;
  console.log(`${kind}: ${WORKBOOKS} workbooks × ${ITEMS} items; ${changed} answers changed, ${saved} rows saved as imported; importing the first again changes ${again}`);
  console.log(`${kind}: import (parse, check, save, audit):  ${(whole / 1000).toFixed(1)} s  (${(whole / WORKBOOKS).toFixed(1)} ms per workbook)`);
  console.log(`${kind}: bare ExcelJS xlsx.load:             ${(bare / 1000).toFixed(1)} s  (${(bare / WORKBOOKS).toFixed(1)} ms per workbook)`);
  console.log(`${kind}: ratio import / bare: ${ratio.toFixed(2)}  (target ≤ 2.00; import < 60 s)`);
  const ok = ratio <= 2 && whole < 60_000 && changed === WORKBOOKS * ITEMS && saved === (WORKBOOKS + WARM_UP) * ITEMS && again === 0;
  console.log(`${kind}: ${ok ? 'OK' : 'MISSED TARGET'}`);
  return ok;
}

export async function run(): Promise<boolean> {
  let ok = true;
  const lite = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(lite.db);
    ok = (await measure('PGlite', lite)) && ok;
  } finally {
    await lite.close();
  }
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  let pg: Database;
  try {
    pg = await createTestDatabase('postgres');
  } catch (e) {
    console.log(`PostgreSQL: not reachable at ${process.env.TEST_DATABASE_URL} (${(e as Error).message}); set TEST_DATABASE_URL to measure it`);
    return false;
  }
  try {
    ok = (await measure('PostgreSQL', pg)) && ok;
  } finally {
    await pg.close();
  }
  return ok;
}
