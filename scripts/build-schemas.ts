/**
 * Writes the JSON Schema files of the interchange format to schemas/ from the zod schemas in
 * src/modules/catalog/interchange.schema.ts, so that editors can check a file while it is written.
 * `src/modules/catalog/schemas.test.ts` regenerates them in memory and fails when the committed files
 * are stale.
 *
 * Run: node --import tsx scripts/build-schemas.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  checklistEditionDocument,
  FORMAT_ID,
  interchangeDocument,
  isoDate,
  partialDate,
  recordedComparisonDocument,
  ruleSetEditionDocument,
} from '../src/modules/catalog/interchange.schema.js';

export const SCHEMAS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schemas');

/** `$id`s are relative: the schemas are published with the program, not on a host. */
const ID_PREFIX = 'tsunagu/';

const DOCUMENTS: { file: string; schema: z.ZodType; title: string; description: string }[] = [
  {
    file: 'rule-set-edition.schema.json',
    schema: ruleSetEditionDocument,
    title: 'Tsunagu rule-set edition（規程・基準の版）',
    description: `One edition of a rule set (e.g. FISC 安全対策基準 第12版) with its provisions (基準項目). Format ${FORMAT_ID}; see docs/formats.md.`,
  },
  {
    file: 'checklist-edition.schema.json',
    schema: checklistEditionDocument,
    title: 'Tsunagu checklist edition（チェックリストの版）',
    description: `One edition of a checklist (e.g. API接続チェックリスト) with its items (確認項目) and their cross-references (関連規定). Format ${FORMAT_ID}; see docs/formats.md.`,
  },
  {
    file: 'recorded-comparison.schema.json',
    schema: recordedComparisonDocument,
    title: 'Tsunagu recorded comparison（公表済みの新旧対照）',
    description: `A comparison between two editions transcribed as printed, underlined spans written as <u>…</u>. Format ${FORMAT_ID}; see docs/formats.md.`,
  },
  {
    file: 'interchange.schema.json',
    schema: interchangeDocument,
    title: 'Tsunagu interchange document（交換形式）',
    description: `Any interchange document; "kind" says which: ruleSetEdition, checklistEdition or recordedComparison. Format ${FORMAT_ID}; see docs/formats.md.`,
  },
];

/** Date checks are refinements in zod, which JSON Schema cannot see; say them as patterns instead. */
const PARTIAL_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?$';
const ISO_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

function jsonSchemaOf(doc: (typeof DOCUMENTS)[number]): Record<string, unknown> {
  const generated = z.toJSONSchema(doc.schema, {
    target: 'draft-2020-12',
    // Files are written by people: fields with defaults may be left out.
    io: 'input',
    override(ctx) {
      if (ctx.zodSchema === partialDate) {
        ctx.jsonSchema.pattern = PARTIAL_DATE_PATTERN;
        ctx.jsonSchema.description = 'YYYY-MM-DD, or YYYY-MM when the source gives only the month';
      } else if (ctx.zodSchema === isoDate) {
        ctx.jsonSchema.pattern = ISO_DATE_PATTERN;
        ctx.jsonSchema.description = 'YYYY-MM-DD';
      }
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: `${ID_PREFIX}${doc.file}`, title: doc.title, description: doc.description, ...rest };
}

/** The schema files as they should be: file name → content. */
export function buildSchemas(): Map<string, string> {
  return new Map(DOCUMENTS.map((d) => [d.file, `${JSON.stringify(jsonSchemaOf(d), null, 2)}\n`]));
}

function main() {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [file, content] of buildSchemas()) {
    writeFileSync(path.join(SCHEMAS_DIR, file), content);
    console.error(`wrote schemas/${file}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
