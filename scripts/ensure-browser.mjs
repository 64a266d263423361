#!/usr/bin/env node
// Browser tests need Debian's chromium and a Japanese font. As root, install what is missing;
// otherwise fail naming the command to run. Never skip silently.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Without one, Japanese renders as tofu boxes in the screenshots. */
function hasJapaneseFont() {
  const r = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' });
  return (r.status === 0 && r.stdout.trim().length > 0) || existsSync('/usr/share/fonts/opentype/noto');
}

export function ensureBrowser() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasJapaneseFont()) missing.push('fonts-noto-cjk');
  if (!missing.length) return;
  const cmd = `apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.error(`installing ${missing.join(', ')} for the browser tests…`);
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive ${cmd} -qq`, { stdio: 'inherit' });
    return;
  }
  throw new Error(`The browser tests need ${missing.join(' and ')}. Run: sudo ${cmd}`);
}

/** PDF tests read the generated PDFs back with pdftotext (Debian's poppler-utils). */
export function ensurePdfTools() {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.error('installing poppler-utils for the PDF tests…');
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: 'inherit' });
    return;
  }
  throw new Error('The PDF tests need pdftotext. Run: sudo apt-get install -y poppler-utils');
}

if (process.argv[1] && process.argv[1].endsWith('ensure-browser.mjs')) {
  ensureBrowser();
  ensurePdfTools();
}
