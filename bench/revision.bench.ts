/**
 * The revision analysis on a full-size edition: 700 provisions of 300–3,000 characters of Japanese
 * text; in the next edition 15% of them (105) are revised in varied ways (sentence insertions,
 * deletions of stretches, phrase rewrites, word replacements), 2% are removed, about 2% are new, and
 * 3% change only in spacing or full/half-width form (no revision); 100 checklist items cite 1–5
 * provisions each.
 *
 * Measures, in one run, (a) the whole analysis — classification, diffs, merging, tags, impact and
 * JSON output — and (b) the bare diff-library calls: jsdiff's diffArrays on the Intl.Segmenter word
 * tokens of the same changed pairs (whole old and new texts, tokenised beforehand, outside the
 * timing). Target: (a) ≤ 1.5 × (b), and (a) under 0.5 s.
 */
import { diffArrays } from 'diff';
import { performance } from 'node:perf_hooks';
import { analyse } from '../src/modules/revision/analyse.js';
import type { CitingItem, ProvisionVersion } from '../src/modules/revision/analysis.types.js';
import { tokenize } from '../src/modules/revision/diff.js';
import { comparableForm } from '../src/lib/text.js';
import { seededRandom } from '../src/testing/prng.js';

/** Phrases of the kind the 安全対策基準 is written in; sentences are built from them. */
const SUBJECTS = [
  '金融機関等は、', '外部委託先の', 'クラウドサービスの利用にあたっては、', 'API接続先の', '委託先の要員に対して',
  '本人確認機能として', 'CD/ATM等やデビットカード端末を利用したカード取引においては、', '重要なデータの漏えいを防止するため、',
  'システムの運用部門は', '情報セキュリティ管理者は', 'インターネットバンキングにおいては、', '電子決済等代行業者との接続に際しては、',
];
const OBJECTS = [
  '安全対策に関する項目を', 'アクセス権限の付与及び見直しの手続きを', '不正アクセスの監視機能を', '暗号化等の対策を',
  '障害発生時の対応手順を', '利用者の本人確認を', 'セキュリティ管理態勢を', '教育・訓練を', 'ログの取得及び保存を',
  'ルールの遵守状況を', '暗証番号が規定回数誤入力された場合の取引禁止措置を', 'コンピュータウイルス等の不正プログラムの検知対策を',
  'データの保全や本人認証に係る安全対策の実施状況を', '検知システムの運用状況の監視を',
];
const PREDICATES = [
  '契約に盛り込むこと', '明確にすること', '設けること', '講ずること', '整備すること', '適切な強度の認証方式により行うこと',
  '確認すること', '計画的に実施すること', '一定期間保存すること', '定期的に検証すること', '文書化し、周知徹底すること',
];
const CLAUSES = ['なお、', 'また、', 'この場合、', '例えば、', 'ただし、', '（注）'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function sentence(r: () => number): string {
  let s = r() < 0.3 ? pick(r, CLAUSES) : '';
  s += pick(r, SUBJECTS) + pick(r, OBJECTS) + pick(r, PREDICATES);
  if (r() < 0.3) s += '、' + pick(r, OBJECTS) + pick(r, PREDICATES);
  return s + '。';
}

function text(r: () => number, min: number, max: number): string {
  const target = min + Math.floor(r() * (max - min));
  let s = '';
  while (s.length < target) s += sentence(r);
  return s;
}

/** One revision of a text, of a random kind. */
function revise(r: () => number, t: string): string {
  const at = Math.floor(r() * t.length);
  const kind = r();
  if (kind < 0.3) {
    // A sentence inserted after a sentence end (or anywhere, now and then).
    const end = t.indexOf('。', at);
    const cut = end < 0 || r() < 0.2 ? at : end + 1;
    return t.slice(0, cut) + sentence(r) + t.slice(cut);
  }
  if (kind < 0.55) return t.slice(0, at) + t.slice(Math.min(t.length, at + 20 + Math.floor(r() * 80))); // a stretch deleted
  if (kind < 0.8) return t.slice(0, at) + pick(r, OBJECTS) + t.slice(Math.min(t.length, at + 10 + Math.floor(r() * 30))); // a phrase rewritten
  // A word replaced wherever it occurs first after `at`.
  const [from, to] = pick(r, [['運用', '運転'], ['スマートフォン', 'スマートデバイス'], ['確認すること', '検証すること'], ['教育', '研修'], ['外部委託先', '委託先']] as const);
  const i = t.indexOf(from, at);
  return i < 0 ? t + sentence(r) : t.slice(0, i) + to + t.slice(i + from.length);
}

/** A change of spacing or width only: no revision. */
function reform(t: string): string {
  return t.replace('CD/ATM', 'ＣＤ／ＡＴＭ').replace('API', 'ＡＰＩ').replace(/、/, '、 ').replace('。', '。\n');
}

export function makeEditions(seed = 20250130) {
  const r = seededRandom(seed);
  const prefixes = ['統', '実', '設', '監'];
  const codes = Array.from({ length: 700 }, (_, i) => `${prefixes[Math.floor((i / 700) * 4)]}${i + 1}`);
  const from: ProvisionVersion[] = codes.map((code, i) => ({ code, kind: 'standard', title: `${code}の見出し`, text: text(r, 300, 3000), position: i }));
  // Choose exactly which provisions change, by a seeded shuffle.
  const order = codes.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fate = new Map<number, 'revised' | 'removed' | 'reformed' | 'followed'>();
  order.slice(0, 105).forEach((i) => fate.set(i, 'revised'));
  order.slice(105, 119).forEach((i) => fate.set(i, 'removed'));
  order.slice(119, 140).forEach((i) => fate.set(i, 'reformed'));
  order.slice(140, 154).forEach((i) => fate.set(i, 'followed'));
  const to: ProvisionVersion[] = [];
  from.forEach((p, i) => {
    const f = fate.get(i);
    if (f === 'removed') return;
    let t = p.text!;
    if (f === 'revised') for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) t = revise(r, t);
    if (f === 'reformed') t = reform(t);
    to.push({ ...p, text: t, position: to.length });
    // A new provision with a branch number (統12-1) after its parent.
    if (f === 'followed') to.push({ code: `${p.code}-1`, kind: 'standard', title: '新設の見出し', text: text(r, 300, 1200), position: to.length });
  });
  const citations = new Map<string, CitingItem[]>();
  for (let n = 1; n <= 100; n++) {
    for (let k = 0, m = 1 + Math.floor(r() * 5); k < m; k++) {
      const code = pick(r, codes);
      const list = citations.get(code) ?? [];
      list.push({ number: n, category: 'システム開発・運用管理', objective: null, provisionCode: code, subPart: null });
      citations.set(code, list);
    }
  }
  return { from, to, citations };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const REPETITIONS = 7;

export async function run(): Promise<boolean> {
  const { from, to, citations } = makeEditions();
  const oldBy = new Map(from.map((p) => [p.code, p.text!]));
  const pairs = to
    .filter((p) => oldBy.has(p.code) && comparableForm(oldBy.get(p.code)!) !== comparableForm(p.text!))
    .map((p) => [oldBy.get(p.code)!, p.text!] as const);
  const tokenPairs = pairs.map(([a, b]) => [tokenize(a), tokenize(b)] as const);

  let size = 0;
  const whole = () => {
    const result = analyse({ from, to, citations });
    size = JSON.stringify(result).length;
  };
  // The same pairs through the library alone, on the whole texts' tokens (no trimming, no merging).
  const bare = () => {
    let n = 0;
    for (const [a, b] of tokenPairs) n += diffArrays(a, b).length;
    return n;
  };

  whole();
  bare();
  const tw: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    let t = performance.now();
    bare();
    tb.push(performance.now() - t);
    t = performance.now();
    whole();
    tw.push(performance.now() - t);
  }
  const w = median(tw);
  const b = median(tb);
  const ratio = w / b;
  const { counts, rows } = analyse({ from, to, citations });
  const chars = from.reduce((n, p) => n + p.text!.length, 0);
  console.log(`edition: ${from.length} → ${to.length} provisions, ${(chars / 1000).toFixed(0)}k characters; ${pairs.length} changed pairs`);
  console.log(`counts: ${JSON.stringify(counts)}; ${rows.length} rows, JSON ${(size / 1000).toFixed(0)} kB`);
  console.log(`whole analysis (diff, tags, impact, JSON):  ${w.toFixed(1)} ms (median of ${REPETITIONS})`);
  console.log(`bare diffArrays on the same token pairs:    ${b.toFixed(1)} ms (median of ${REPETITIONS})`);
  console.log(`ratio whole / bare: ${ratio.toFixed(2)}  (target ≤ 1.50; whole < 500 ms)`);
  const ok = ratio <= 1.5 && w < 500;
  console.log(ok ? 'OK' : 'MISSED TARGET');
  return ok;
}
