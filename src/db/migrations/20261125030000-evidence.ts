import { sql, type Kysely } from 'kysely';

/**
 * Evidence registers kept all year by the secretariat (members may submit feedback), and the links
 * from a cycle's considerations to the evidence they weigh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const created = (c: any) => c.notNull().defaultTo(sql`now()`);
  await db.schema
    .createTable('feedback')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_name', 'text', (c) => c.notNull())
    .addColumn('organisation_type', 'text', (c) => c.notNull().check(sql`organisation_type in ('bank','connector','association','other')`))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('exchange','survey','meeting','other')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('requests_revision', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('related_items', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('submitted_by', 'uuid', (c) => c.references('organisation.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('incident')
    .addColumn('id', 'uuid', id)
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('party_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low','medium','high','critical')`))
    .addColumn('related_items', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('alert_issued', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('requires_revision', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('standard_trend')
    .addColumn('id', 'uuid', id)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('specification', 'text', (c) => c.notNull())
    .addColumn('observed_on', 'date', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('relevance', 'text', (c) => c.notNull().check(sql`relevance in ('none','watch','revision')`))
    .addColumn('created_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('self_regulation_change')
    .addColumn('id', 'uuid', id)
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'date', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('requires_revision', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', created)
    .execute();
  await db.schema
    .createTable('update_api_status')
    .addColumn('id', 'uuid', id)
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisation.id').onDelete('set null'))
    .addColumn('offers_update_api', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', created)
    .addUniqueConstraint('update_api_status_year_bank_uq', ['fiscal_year', 'bank_name'])
    .execute();
  await db.schema
    .createTable('consideration_evidence')
    .addColumn('consideration_id', 'uuid', (c) => c.notNull().references('review_consideration.id').onDelete('cascade'))
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('consideration_evidence_pk', ['consideration_id', 'register', 'evidence_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consideration_evidence', 'update_api_status', 'self_regulation_change', 'standard_trend', 'incident', 'feedback']) await db.schema.dropTable(t).ifExists().execute();
}
