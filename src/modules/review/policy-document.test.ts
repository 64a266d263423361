/**
 * The generated FY2024 policy document against the seed (FISC's published text), section by section:
 * every sentence of the seed's section appears, in order, in the generated section.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { comparableForm } from '../../lib/text.js';
import { renderPolicyHtml, renderPolicyMarkdown } from '../../render/policy-document.js';
import { renderPolicyPdf } from '../../render/policy-pdf.js';
import { ensurePdfTools } from '../../../scripts/ensure-browser.mjs';
import { describeEachDatabase } from '../../testing/db.js';
import { loadReferenceDataIfEmpty } from '../reference/load-reference.js';
import { buildApp } from '../../http/app.js';
import { signedIn } from '../../testing/auth.js';
import { getReviewCycle, importReviewCycle, reviewCycleDocument } from './index.js';
import type { AppError } from '../../lib/errors.js';

const SEED = readFileSync(new URL('../../../test/fixtures/seed-fy2024-policy.txt', import.meta.url), 'utf8');

/** Splits a document (seed text or generated Markdown) at the section headings both share. */
function sections(text: string): Record<string, string> {
  const lines = text.split('\n');
  const out: Record<string, string[]> = { head: [] };
  let key = 'head';
  for (const raw of lines) {
    const l = raw.replace(/^#+\s*/, '').trim();
    if (/^1 見直しに関するルール/.test(l)) key = 's1';
    else if (/^2 各検討事項の評価/.test(l)) key = 's2';
    else if (/^\(([1-5])\) /.test(l) && key.startsWith('s2')) key = `s2-${l[1]}`;
    else if (/^3 2024 ?年度/.test(l)) key = 's3';
    (out[key] ??= []).push(raw);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join('\n')]));
}

/** Text without Markdown syntax, in comparable form (no spaces, NFKC). */
const plain = (md: string) =>
  comparableForm(
    md
      .replace(/<\/?u>|<br>/g, '')
      .replace(/\[\^\d+\]:?/g, '')
      .replace(/^[#>\-|*\s]+/gm, '')
      .replace(/\*\*/g, '')
      .replace(/^・\s*/gm, ''),
  );

/** Sentences of the seed's section, without 図表1 (compared row by row elsewhere) and footnotes. */
function seedSentences(section: string): string[] {
  const body = section.split('〔図表 1〕')[0]! + (section.includes('改訂内容を確認した結果') ? '改訂内容を確認した結果、いずれもチェックリストの見直しを要するものではないと判断される。' : '');
  const text = comparableForm(body.replace(/¹.*$/gm, '').replace(/¹/g, '').replace(/^- ・?/gm, ''));
  // Sentences keep their 。; a last fragment without one (a list item) is compared as it is.
  return text.match(/[^。]+。?/g) ?? [];
}

describeEachDatabase('the FY2024 policy document against the seed', (ctx) => {
  it('is generated from the reference cycle with the seed’s date, issuer, title and decision', async () => {
    await ctx.db.transaction().execute((trx) => loadReferenceDataIfEmpty({ trx }));
    const c = await getReviewCycle({ trx: ctx.db, checklist: 'api-checklist', fiscalYear: 2024 });
    assert.equal(c.decision.effective, 'not_needed');
    assert.equal(c.decision.overridden, false);
    assert.deepEqual(c.considerations.map((k) => k.label), ['(1)', '(2)', '(3)', '(4)', '(5)']);
    const md = renderPolicyMarkdown(c);
    const head = plain(sections(md).head!);
    for (const line of ['2025年1月30日', '金融情報システムセンター', '2024年度 API 接続チェックリスト見直し要否 対応方針', '【対応方針】API 接続チェックリストの見直しは「不要」とする。']) {
      assert.ok(head.includes(comparableForm(line)), line);
    }
  });

  /** Every sentence of each seed section appears, in order, in the same section of `text`. */
  function assertSaysWhatTheSeedSays(text: string, what: string) {
    const seed = sections(SEED);
    const ours = sections(text);
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(seed).sort());
    for (const key of Object.keys(seed)) {
      const generated = plain(ours[key]!);
      let from = 0;
      for (const sentence of seedSentences(seed[key]!)) {
        const at = generated.indexOf(sentence, from);
        assert.ok(at >= 0, `${what}, section ${key}: 「${sentence}」 is missing or out of order`);
        from = at + sentence.length;
      }
    }
  }

  it('says in every section what the seed says, in the same order (Markdown)', async () => {
    assertSaysWhatTheSeedSays(renderPolicyMarkdown(await getReviewCycle({ trx: ctx.db, checklist: 'api-checklist', fiscalYear: 2024 })), 'Markdown');
  });

  it('writes a PDF whose extracted text says what the seed says, section by section', async () => {
    ensurePdfTools();
    const pdf = await renderPolicyPdf(await getReviewCycle({ trx: ctx.db, checklist: 'api-checklist', fiscalYear: 2024 }));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagu-pdf-'));
    writeFileSync(path.join(dir, 'policy.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'policy.pdf'), '-'], { encoding: 'utf8' })
      // Page numbers in the footer are not part of the text.
      .replace(/^\s*\d+\s*\/\s*\d+\s*$/gm, '');
    assert.match(text, /2024年度 API接続チェックリスト見直し要否 対応方針/);
    assertSaysWhatTheSeedSays(text, 'PDF');
    const info = execFileSync('pdffonts', [path.join(dir, 'policy.pdf')], { encoding: 'utf8' });
    assert.match(info, /NotoSansJP/, 'the Japanese font is embedded');
  });

  it('shows 図表1 with the seed’s 17 rows in section (5), and the footnote', async () => {
    const c = await getReviewCycle({ trx: ctx.db, checklist: 'api-checklist', fiscalYear: 2024 });
    const s5 = sections(renderPolicyMarkdown(c))['s2-5']!;
    const rows = s5.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| チェックリスト'));
    assert.equal(rows.length, 17);
    // The seed's tags, in order, as printed.
    const seedTags = [...SEED.matchAll(/【下線部[^】]+】/g)].map((m) => m[0]);
    assert.equal(seedTags.length, 17);
    assert.deepEqual(rows.map((r) => /【下線部[^】]+】/.exec(r)![0]), seedTags);
    assert.match(renderPolicyMarkdown(c), /^\[\^1\]: <https:\/\/www\.fisc\.or\.jp\/publication\/book\/005831\.php>$/m);
    const html = renderPolicyHtml(c);
    assert.match(html, /<caption>〔図表 1〕チェックリストに関連規定として明記されている安全対策基準の主な改訂内容<\/caption>/);
    assert.match(html, /<a href="https:\/\/www\.fisc\.or\.jp\/publication\/book\/005831\.php">/);
  });

  it('serves the document to any signed-in member, and audits the download', async () => {
    const app = await buildApp({ db: ctx.db, signInRateLimit: 1000 });
    const connector = await signedIn(app, ctx.db, { type: 'connector', role: 'viewer' });
    const r = await app.inject({ url: '/api/review-cycles/api-checklist/2024?format=markdown', headers: connector.headers });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /^# 2024年度 API接続チェックリスト見直し要否 対応方針$/m);
    const json = await app.inject({ url: '/api/review-cycles/api-checklist/2024', headers: connector.headers });
    assert.equal(json.json().decision.labelJa, '不要');
    const missing = await app.inject({ url: '/api/review-cycles/api-checklist/2023', headers: connector.headers });
    assert.equal(missing.statusCode, 404);
    const pdf = await app.inject({ url: '/api/review-cycles/api-checklist/2024?format=pdf', headers: connector.headers });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const sha256 = createHash('sha256').update(pdf.rawPayload).digest('hex');
    const audited = await ctx.db.selectFrom('audit_entry').select(['action', 'details']).where('action', '=', 'review.report_exported').execute();
    assert.equal(audited.length, 2);
    assert.deepEqual(audited.map((a) => (a.details as { sha256: string | null }).sha256).sort(), [null, sha256].sort());
  });

  it('refuses a cycle whose override has no reason or whose analysis does not exist, writing nothing', async () => {
    const doc = reviewCycleDocument.parse({
      kind: 'reviewCycle',
      checklist: 'api-checklist',
      rule: { label: 'テスト', source: 'テスト P1', title: '維持管理', body: '年1回見直す。' },
      fiscalYear: 2025,
      issuer: '金融情報システムセンター',
      decisionOverride: 'needed',
      considerations: [
        { key: 'usage', label: '(1)', title: 'ユーザーの使用状況や要望', conclusion: 'not_needed' },
        { key: 'relatedRules', label: '(5)', title: '関連規程', conclusion: 'not_needed', analysis: { ruleSet: 'fisc-security-standards', from: '第12版', to: '第13版' } },
      ],
    });
    await assert.rejects(
      ctx.db.transaction().execute((trx) => importReviewCycle({ trx, doc })),
      (e: AppError) => {
        assert.deepEqual(e.problems.map((p) => p.where), ['/considerations/1/analysis', '/overrideReason']);
        return true;
      },
    );
    await assert.rejects(getReviewCycle({ trx: ctx.db, checklist: 'api-checklist', fiscalYear: 2025 }));
  });
});
