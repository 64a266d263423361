import { sql, type Kysely } from 'kysely';

/** Catalogs: rule sets, editions, partial revisions, provisions, checklist items, cross-references. */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('rule_set')
    .addColumn('id', 'uuid', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('standard','report','selfRegulation','checklist','other')`))
    .addColumn('publisher', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('edition')
    .addColumn('id', 'uuid', id)
    .addColumn('rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','published','superseded')`))
    .addColumn('based_on_edition_id', 'uuid', (c) => c.references('edition.id').onDelete('set null'))
    .addColumn('source', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('edition_rule_set_label_uq', ['rule_set_id', 'label'])
    .execute();

  await db.schema
    .createTable('partial_revision')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('revised_on', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('provision')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text')
    .addColumn('text_is_excerpt', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('parent_code', 'text')
    .addUniqueConstraint('provision_edition_code_uq', ['edition_id', 'code'])
    .execute();
  await db.schema.createIndex('provision_edition_position_idx').on('provision').columns(['edition_id', 'position']).execute();

  await db.schema
    .createTable('checklist_item')
    .addColumn('id', 'uuid', id)
    .addColumn('edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('objective', 'text')
    .addColumn('guidance', 'text')
    .addColumn('subject_party', 'text')
    .addColumn('applies_to', sql`text[]`)
    .addUniqueConstraint('checklist_item_edition_number_uq', ['edition_id', 'number'])
    .execute();

  await db.schema
    .createTable('cross_reference')
    .addColumn('id', 'uuid', id)
    .addColumn('checklist_item_id', 'uuid', (c) => c.notNull().references('checklist_item.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target_rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('provision_code', 'text', (c) => c.notNull())
    .addColumn('sub_part', 'text')
    .execute();
  await db.schema
    .createIndex('cross_reference_target_idx')
    .on('cross_reference')
    .columns(['target_rule_set_id', 'provision_code'])
    .execute();
  await db.schema.createIndex('cross_reference_item_idx').on('cross_reference').column('checklist_item_id').execute();

  await db.schema
    .createTable('recorded_comparison')
    .addColumn('id', 'uuid', id)
    .addColumn('rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('from_edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('to_edition_id', 'uuid', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('recorded_comparison_pair_uq', ['from_edition_id', 'to_edition_id'])
    .execute();

  await db.schema
    .createTable('recorded_row')
    .addColumn('id', 'uuid', id)
    .addColumn('recorded_comparison_id', 'uuid', (c) => c.notNull().references('recorded_comparison.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('provision_codes', sql`text[]`, (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('printed_text', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['recorded_row', 'recorded_comparison', 'cross_reference', 'checklist_item', 'provision', 'partial_revision', 'edition', 'rule_set']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
