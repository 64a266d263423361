import { sql, type Kysely } from 'kysely';

/**
 * A master answer's history outlives the answer: a revision names its answer set, item and scope
 * itself (no longer only through the answer), so removing a conditional answer keeps every version of
 * it, and records the removal as a revision of its own (`removed`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('master_answer_revision')
    .addColumn('answer_set_id', 'uuid', (c) => c.references('answer_set.id').onDelete('cascade'))
    .addColumn('item_number', 'integer')
    .addColumn('scope_service', 'text')
    .addColumn('scope_api_type', 'text')
    .addColumn('removed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`
    update master_answer_revision r
       set answer_set_id = m.answer_set_id, item_number = m.item_number, scope_service = m.scope_service, scope_api_type = m.scope_api_type
      from master_answer m
     where m.id = r.master_answer_id`.execute(db);
  await sql`
    alter table master_answer_revision
      alter column answer_set_id set not null,
      alter column item_number set not null,
      alter column scope_service set not null,
      alter column scope_api_type set not null,
      alter column master_answer_id drop not null,
      drop constraint master_answer_revision_master_answer_id_fkey,
      add constraint master_answer_revision_master_answer_id_fkey foreign key (master_answer_id) references master_answer (id) on delete set null`.execute(db);
  await sql`create index master_answer_revision_item on master_answer_revision (answer_set_id, item_number)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from master_answer_revision where master_answer_id is null`.execute(db);
  await sql`drop index if exists master_answer_revision_item`.execute(db);
  await sql`
    alter table master_answer_revision
      drop constraint master_answer_revision_master_answer_id_fkey,
      add constraint master_answer_revision_master_answer_id_fkey foreign key (master_answer_id) references master_answer (id) on delete cascade,
      alter column master_answer_id set not null`.execute(db);
  await db.schema.alterTable('master_answer_revision').dropColumn('removed').dropColumn('scope_api_type').dropColumn('scope_service').dropColumn('item_number').dropColumn('answer_set_id').execute();
}
