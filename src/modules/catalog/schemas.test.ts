import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSchemas, SCHEMAS_DIR } from '../../../scripts/build-schemas.js';

describe('published JSON Schemas', () => {
  const built = buildSchemas();

  it('match the zod schemas (run `node --import tsx scripts/build-schemas.ts` after changing them)', () => {
    for (const [file, content] of built) {
      let committed: string;
      try {
        committed = readFileSync(path.join(SCHEMAS_DIR, file), 'utf8');
      } catch {
        assert.fail(`schemas/${file} is missing; run node --import tsx scripts/build-schemas.ts`);
      }
      assert.equal(committed, content, `schemas/${file} is stale; run node --import tsx scripts/build-schemas.ts`);
    }
  });

  it('are the only files in schemas/, so that a removed schema is not left behind', () => {
    const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, [...built.keys()].sort());
  });

  it('have relative ids and no external hosts', () => {
    for (const [file, content] of built) {
      const schema = JSON.parse(content) as { $id: string; $schema: string };
      assert.equal(schema.$id, `tsunagu/${file}`);
      const hosts = [...content.matchAll(/https?:\/\/[^"\s/]+/g)].map((m) => m[0]);
      assert.deepEqual([...new Set(hosts)], ['https://json-schema.org'], `only the meta-schema is named by URL in ${file}`);
    }
  });
});
