import { sql, type Kysely } from 'kysely';

/**
 * The checklist's content: an item's question (確認項目) and remarks (備考), a flag for rule sets we
 * wrote ourselves for the tour and the tests (サンプル), and saved column mappings for workbooks whose
 * layout is not FISC's (per organisation; 'answerSheet' is for the assessment module).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checklist_item').addColumn('text', 'text').addColumn('remarks', 'text').execute();
  await db.schema
    .alterTable('rule_set')
    .addColumn('is_sample', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('column_mapping')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('checklistWorkbook','answerSheet')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('column_mapping_org_kind_name_uq', ['organisation_id', 'kind', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('column_mapping').ifExists().execute();
  await db.schema.alterTable('rule_set').dropColumn('is_sample').execute();
  await db.schema.alterTable('checklist_item').dropColumn('text').dropColumn('remarks').execute();
}
