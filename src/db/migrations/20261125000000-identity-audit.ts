import { sql, type Kysely } from 'kysely';

/**
 * Organisations, users, roles, sessions, MFA, invitations, API tokens, and the append-only,
 * hash-chained audit log (one chain per organisation plus one for the system).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (c: any) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('organisation')
    .addColumn('id', 'uuid', id)
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('secretariat','bank','connector','association','auditor')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    /** 電子決済等代行業者の登録番号, e.g. 関東財務局長（電代）第1号 */
    .addColumn('registration_number', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('user_account')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('mfa_secret', 'text')
    .addColumn('mfa_enabled_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('ja'))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('membership')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','editor','reviewer','viewer')`))
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('membership_pk', ['user_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'uuid', id)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('organisation_id', 'uuid', (c) => c.references('organisation.id').onDelete('cascade'))
    .addColumn('mfa_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('last_seen_at', 'timestamptz', now)
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','editor','reviewer','viewer')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'uuid', id)
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .execute();

  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'uuid', id)
    /** 'system' or an organisation id: each chain is hashed on its own. */
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_organisation_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('changes', 'jsonb')
    .addColumn('details', 'jsonb')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_entry_chain_seq_uq', ['chain', 'seq'])
    .execute();
  await db.schema.createIndex('audit_entry_occurred_idx').on('audit_entry').columns(['chain', 'occurred_at']).execute();

  await db.schema
    .createTable('audit_chain_head')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  // Append-only: the application never updates or deletes audit entries, and the database refuses it.
  await sql`
    create function audit_entry_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_entry is append-only';
    end;
    $$`.execute(db);
  await sql`
    create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists audit_entry_no_update on audit_entry`.execute(db);
  await sql`drop function if exists audit_entry_append_only()`.execute(db);
  for (const t of ['audit_chain_head', 'audit_entry', 'api_token', 'invitation', 'session', 'recovery_code', 'membership', 'user_account', 'organisation']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
