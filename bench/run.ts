/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (`npm run bench -- revision` for those whose
 * name contains "revision"). Each exports `run(): Promise<void | boolean>`, prints its figures and a
 * ratio against a baseline measured in the same run (these machines are noisy: compare ratios, not
 * seconds), and returns false when it misses its target, which makes the command exit 1.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
let failed = false;
for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<boolean | void> };
  if ((await mod.run()) === false) failed = true;
}
process.exitCode = failed ? 1 : 0;
