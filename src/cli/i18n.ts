/** The CLI speaks Japanese by default and English with --lang en or an English LANG. */
export type Lang = 'ja' | 'en';

export function detectLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i !== -1) {
    const v = argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
    if (v === 'en' || v === 'ja') return v;
  }
  const l = env.TSUNAGU_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(l) ? 'en' : 'ja';
}

/** Picks the text for the language. */
export const t = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);
