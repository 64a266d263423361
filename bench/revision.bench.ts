/**
 * The revision analysis on a full-size edition: 700 provisions of 300–3,000 characters of Japanese
 * text, 15% changed in varied ways (insertions, deletions, rewrites, new and removed provisions),
 * 100 checklist items citing 1–5 provisions each.
 *
 * Measures, in one run, (a) the whole analysis — classification, diffs, tags, impact and JSON
 * output — and (b) the bare diff-library calls (jsdiff's diffArrays on the same word tokens of the
 * same changed pairs). Target: (a) ≤ 1.5 × (b), and (a) under 0.5 s.
 */
import { diffArrays } from 'diff';
import { performance } from 'node:perf_hooks';
import { analyse } from '../src/modules/revision/analyse.js';
import type { CitingItem, ProvisionVersion } from '../src/modules/revision/analysis.types.js';
import { tokenize } from '../src/modules/revision/diff.js';
import { comparableForm } from '../src/lib/text.js';

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHRASES = [
  '金融機関等は', '外部委託先の', '安全対策に関する項目を', '契約に盛り込むこと', 'クラウドサービスの利用にあたっては',
  'アクセス権限の付与及び見直しの手続きを', '明確にすること', '不正アクセスの監視機能を設け', '重要なデータの漏えいを防止するため',
  '暗号化等の対策を講ずること', 'システムの運用状況を定期的に確認し', '障害発生時の対応手順を整備すること', '利用者の本人確認を',
  '適切な強度の認証方式により行うこと', 'API接続先の', 'セキュリティ管理態勢を確認すること', '教育・訓練を計画的に実施し',
  'サイバー攻撃への対応能力を高めること', 'ログを取得し、一定期間保存すること', '委託先の要員に対して', 'ルールの遵守状況を確認すること',
];
const PUNCT = ['、', '。', '、', '。', '（注）', '。'];

function sentence(r: () => number): string {
  const n = 3 + Math.floor(r() * 5);
  let s = '';
  for (let i = 0; i < n; i++) s += PHRASES[Math.floor(r() * PHRASES.length)]! + (i === n - 1 ? '。' : r() < 0.3 ? PUNCT[Math.floor(r() * PUNCT.length)]! : '');
  return s;
}

function text(r: () => number, min: number, max: number): string {
  const target = min + Math.floor(r() * (max - min));
  let s = '';
  while (s.length < target) s += sentence(r);
  return s;
}

function mutate(r: () => number, t: string): string {
  const at = Math.floor(r() * t.length);
  const kind = r();
  if (kind < 0.35) return t.slice(0, at) + sentence(r) + t.slice(at); // insertion
  if (kind < 0.6) return t.slice(0, at) + t.slice(Math.min(t.length, at + 20 + Math.floor(r() * 80))); // deletion
  const len = 10 + Math.floor(r() * 40); // rewrite of a phrase
  return t.slice(0, at) + PHRASES[Math.floor(r() * PHRASES.length)]! + t.slice(Math.min(t.length, at + len));
}

export function makeEditions(seed = 20250130) {
  const r = prng(seed);
  const codes = Array.from({ length: 700 }, (_, i) => `${['統', '実', '設', '監'][Math.floor((i / 700) * 4)]}${i + 1}`);
  const from: ProvisionVersion[] = codes.map((code, i) => ({ code, kind: 'standard', title: `${code}の見出し`, text: text(r, 300, 3000), position: i }));
  const to: ProvisionVersion[] = [];
  let changed = 0;
  for (const p of from) {
    const x = r();
    if (x < 0.02) continue; // removed
    if (x < 0.15) {
      // changed: one to three edits
      let t = p.text!;
      for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) t = mutate(r, t);
      to.push({ ...p, text: t, position: to.length });
      changed++;
    } else to.push({ ...p, position: to.length });
    if (r() < 0.02) to.push({ code: `${p.code}-1`, kind: 'standard', title: '新設', text: text(r, 300, 1200), position: to.length });
  }
  const citations = new Map<string, CitingItem[]>();
  for (let n = 1; n <= 100; n++) {
    for (let k = 0, m = 1 + Math.floor(r() * 5); k < m; k++) {
      const code = codes[Math.floor(r() * codes.length)]!;
      const list = citations.get(code) ?? [];
      list.push({ number: n, category: 'システム開発・運用管理', objective: null, provisionCode: code, subPart: null });
      citations.set(code, list);
    }
  }
  return { from, to, citations, changed };
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<boolean> {
  const { from, to, citations } = makeEditions();
  const oldBy = new Map(from.map((p) => [p.code, p.text!]));
  const pairs = to
    .filter((p) => oldBy.has(p.code) && comparableForm(oldBy.get(p.code)!) !== comparableForm(p.text!))
    .map((p) => [oldBy.get(p.code)!, p.text!] as const);
  const tokenPairs = pairs.map(([a, b]) => [tokenize(a), tokenize(b)] as const);

  const whole = () => {
    const result = analyse({ from, to, citations });
    return JSON.stringify(result).length;
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
  for (let i = 0; i < 7; i++) {
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
  const counts = analyse({ from, to, citations }).counts;
  console.log(`edition: ${from.length} → ${to.length} provisions; ${JSON.stringify(counts)}; ${pairs.length} changed pairs`);
  console.log(`whole analysis (diff, tags, impact, JSON):  ${w.toFixed(1)} ms (median of 7)`);
  console.log(`bare diffArrays on the same token pairs:    ${b.toFixed(1)} ms (median of 7)`);
  console.log(`ratio whole / bare: ${ratio.toFixed(2)}  (target ≤ 1.50; whole < 500 ms)`);
  const ok = ratio <= 1.5 && w < 500;
  console.log(ok ? 'OK' : 'MISSED TARGET');
  return ok;
}
