import { sql, type Kysely } from 'kysely';

/** Single sign-on with OpenID Connect: one provider per organisation, and pending sign-in attempts. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sso_provider')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisation.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    /** Users whose e-mail ends with @domain are sent to this provider. */
    .addColumn('email_domain', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('sso_attempt')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().unique())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_attempt').ifExists().execute();
  await db.schema.dropTable('sso_provider').ifExists().execute();
}
