import { sql, type Kysely } from 'kysely';

/** 注意喚起: alerts to chosen audiences, their resolved recipients, and acknowledgements. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('info','warning','critical')`))
    .addColumn('all_banks', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('all_connectors', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('incident_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('item_numbers', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('published_by', 'uuid', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('alert_recipient')
    .addColumn('alert_id', 'uuid', (c) => c.notNull().references('alert.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('emailed_at', 'timestamptz')
    .addPrimaryKeyConstraint('alert_recipient_pk', ['alert_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('alert_acknowledgement')
    .addColumn('alert_id', 'uuid', (c) => c.notNull().references('alert.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('alert_ack_pk', ['alert_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['alert_acknowledgement', 'alert_recipient', 'alert']) await db.schema.dropTable(t).ifExists().execute();
}
