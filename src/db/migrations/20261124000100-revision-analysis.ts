import { sql, type Kysely } from 'kysely';

/** Stored revision analyses (図表1) with editable summaries and judgments per row. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revision_analysis')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('from_edition_id', 'uuid', (c) => c.references('edition.id').onDelete('cascade'))
    .addColumn('to_edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('checklist_edition_id', 'uuid', (c) => c.references('edition.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('analysis_row')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('analysis_id', 'uuid', (c) => c.notNull().references('revision_analysis.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('provision_codes', sql`text[]`, (c) => c.notNull())
    .addColumn('provision_label', 'text', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('tag', 'text')
    .addColumn('old_text', 'text')
    .addColumn('new_text', 'text')
    .addColumn('segments', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('disagreement', 'text')
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('revision_needed', 'boolean')
    .addColumn('judgment_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('analysis_row_analysis_idx').on('analysis_row').columns(['analysis_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_row').ifExists().execute();
  await db.schema.dropTable('revision_analysis').ifExists().execute();
}
