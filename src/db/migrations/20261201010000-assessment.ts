import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

type Builder = CreateTableBuilder<string, any>;
type Column = ColumnDefinitionBuilder;

/**
 * Assessments: connections (bank × connector × service), banks' templates tailoring a checklist
 * edition, connectors' master answers with evidence files and consent to share them, requests with
 * their working answers, frozen submissions, item reviews with threads and remediation plans, results
 * decided by four eyes, reminders and in-app notifications.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const id = (t: Builder): Builder => t.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`));
  const org = (c: Column) => c.notNull().references('organisation.id').onDelete('cascade');
  const user = (c: Column) => c.references('user_account.id').onDelete('set null');
  const now = (c: Column) => c.notNull().defaultTo(sql`now()`);
  const answerColumns = (t: Builder): Builder =>
    t
      .addColumn('choice', 'text', (c) => c.check(sql`choice in ('yes','no','na')`))
      .addColumn('explanation', 'text')
      .addColumn('current_state', 'text')
      .addColumn('issues', 'text')
      .addColumn('improvement_plan', 'text')
      .addColumn('evidence_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`));

  await id(db.schema.createTable('connection'))
    .addColumn('bank_id', 'uuid', org)
    .addColumn('connector_id', 'uuid', org)
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('api_type', 'text', (c) => c.notNull().check(sql`api_type in ('read','write')`))
    .addColumn('access', 'text', (c) => c.notNull().check(sql`access in ('private','public')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('applied').check(sql`status in ('applied','reviewing','contracted','suspended','terminated')`))
    .addColumn('contract_date', 'date')
    .addColumn('reassessment_months', 'integer', (c) => c.notNull().defaultTo(12).check(sql`reassessment_months between 1 and 60`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('connection_unique', ['bank_id', 'connector_id', 'service_name', 'api_type'])
    .execute();

  await id(db.schema.createTable('assessment_template'))
    .addColumn('bank_id', 'uuid', org)
    .addColumn('checklist_edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('answer_scheme', 'text', (c) => c.notNull().check(sql`answer_scheme in ('yes_no','self_assessment')`))
    .addColumn('api_types', sql`text[]`, (c) => c.notNull())
    .addColumn('access_types', sql`text[]`, (c) => c.notNull())
    .addColumn('hearing_questions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','archived')`))
    .addColumn('based_on_template_id', 'uuid', (c) => c.references('assessment_template.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema
    .createTable('template_item')
    .addColumn('template_id', 'uuid', (c) => c.notNull().references('assessment_template.id').onDelete('cascade'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('included', 'boolean', (c) => c.notNull())
    .addColumn('exclusion_reason', 'text')
    // null: every API type / access type of the template.
    .addColumn('api_types', sql`text[]`)
    .addColumn('access_types', sql`text[]`)
    .addPrimaryKeyConstraint('template_item_pk', ['template_id', 'item_number'])
    .addCheckConstraint('template_item_reason', sql`included or coalesce(btrim(exclusion_reason), '') <> ''`)
    .execute();

  await id(db.schema.createTable('evidence_file'))
    .addColumn('connector_id', 'uuid', org)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', user)
    .addColumn('uploaded_at', 'timestamptz', now)
    .execute();

  await id(db.schema.createTable('answer_set'))
    .addColumn('connector_id', 'uuid', org)
    .addColumn('checklist_edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('carried_from_answer_set_id', 'uuid', (c) => c.references('answer_set.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('answer_set_unique', ['connector_id', 'checklist_edition_id'])
    .execute();
  await answerColumns(
    id(db.schema.createTable('master_answer'))
      .addColumn('answer_set_id', 'uuid', (c) => c.notNull().references('answer_set.id').onDelete('cascade'))
      .addColumn('item_number', 'integer', (c) => c.notNull())
      // A conditional answer applies to one service or one API type only; '' means any.
      .addColumn('scope_service', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('scope_api_type', 'text', (c) => c.notNull().defaultTo('').check(sql`scope_api_type in ('','read','write')`)),
  )
    .addColumn('needs_reanswer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'uuid', user)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('master_answer_unique', ['answer_set_id', 'item_number', 'scope_service', 'scope_api_type'])
    .execute();
  await id(db.schema.createTable('master_answer_revision'))
    .addColumn('master_answer_id', 'uuid', (c) => c.notNull().references('master_answer.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', user)
    .addColumn('changed_at', 'timestamptz', now)
    .execute();

  await id(db.schema.createTable('answer_share'))
    .addColumn('connector_id', 'uuid', org)
    .addColumn('bank_id', 'uuid', org)
    .addColumn('granted_by', 'uuid', user)
    .addColumn('granted_at', 'timestamptz', now)
    .addColumn('revoked_by', 'uuid', user)
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await sql`create unique index answer_share_active on answer_share (connector_id, bank_id) where revoked_at is null`.execute(db);

  await id(db.schema.createTable('assessment_request'))
    .addColumn('bank_id', 'uuid', org)
    .addColumn('connector_id', 'uuid', org)
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('connection.id').onDelete('cascade'))
    .addColumn('template_id', 'uuid', (c) => c.notNull().references('assessment_template.id'))
    .addColumn('checklist_edition_id', 'uuid', (c) => c.notNull().references('edition.id'))
    .addColumn('answer_scheme', 'text', (c) => c.notNull().check(sql`answer_scheme in ('yes_no','self_assessment')`))
    .addColumn('hearing_questions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('hearing_answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('sent').check(sql`state in ('sent','submitted','clarification','decided','withdrawn')`))
    .addColumn('previous_request_id', 'uuid', (c) => c.references('assessment_request.id').onDelete('set null'))
    .addColumn('sent_by', 'uuid', user)
    .addColumn('sent_at', 'timestamptz', now)
    .addColumn('result', 'text', (c) => c.check(sql`result in ('conforming','conditional','non_conforming')`))
    .addColumn('result_comment', 'text')
    .addColumn('result_proposed_by', 'uuid', user)
    .addColumn('result_proposed_at', 'timestamptz')
    .addColumn('result_approved_by', 'uuid', user)
    .addColumn('result_approved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('assessment_request_bank').on('assessment_request').columns(['bank_id', 'state']).execute();
  await db.schema.createIndex('assessment_request_connector').on('assessment_request').columns(['connector_id', 'state']).execute();

  await db.schema
    .createTable('request_item')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    // Against the previous request of a re-assessment: added, changed or unchanged; null for a first request.
    .addColumn('change', 'text', (c) => c.check(sql`change in ('added','changed','unchanged')`))
    .addColumn('must_reanswer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('request_item_pk', ['request_id', 'item_number'])
    .execute();
  await answerColumns(
    db.schema
      .createTable('request_answer')
      .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
      .addColumn('item_number', 'integer', (c) => c.notNull()),
  )
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('master','manual','carried','import')`))
    // A re-asked item counts as answered only once the connector has saved it in this request.
    .addColumn('confirmed', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_by', 'uuid', user)
    .addColumn('updated_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('request_answer_pk', ['request_id', 'item_number'])
    .execute();

  await id(db.schema.createTable('submission'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', user)
    .addColumn('submitted_at', 'timestamptz', now)
    .addUniqueConstraint('submission_unique', ['request_id', 'version'])
    .execute();
  // A submission is the bank's frozen copy: never updated, never deleted (except with its request).
  await sql`
    create function submission_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'submissions are frozen' using errcode = '55000';
    end $$`.execute(db);
  await sql`create trigger submission_no_update before update on submission for each row execute function submission_frozen()`.execute(db);

  await db.schema
    .createTable('item_review')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('accepted','clarification','not_met','accepted_with_condition')`))
    .addColumn('condition', 'text')
    .addColumn('submission_version', 'integer')
    // Carried over from the previous request of a re-assessment (the item did not change).
    .addColumn('carried_from_request_id', 'uuid', (c) => c.references('assessment_request.id').onDelete('set null'))
    .addColumn('reviewed_by', 'uuid', user)
    .addColumn('reviewed_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('item_review_pk', ['request_id', 'item_number'])
    .addCheckConstraint('item_review_condition', sql`verdict <> 'accepted_with_condition' or coalesce(btrim(condition), '') <> ''`)
    .execute();
  await id(db.schema.createTable('item_message'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'uuid', org)
    .addColumn('user_id', 'uuid', user)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('item_message_request').on('item_message').columns(['request_id', 'item_number', 'created_at']).execute();
  await id(db.schema.createTable('remediation_plan'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('item_number', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('proposed').check(sql`state in ('proposed','accepted','completed')`))
    .addColumn('proposed_by', 'uuid', user)
    .addColumn('proposed_at', 'timestamptz', now)
    .addColumn('accepted_by', 'uuid', user)
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('assessment_reminder')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('assessment_request.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('due_soon','overdue')`))
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('emailed_at', 'timestamptz')
    .addPrimaryKeyConstraint('assessment_reminder_pk', ['request_id', 'kind'])
    .execute();
  await id(db.schema.createTable('notification'))
    .addColumn('organisation_id', 'uuid', org)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notification_org').on('notification').columns(['organisation_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification',
    'assessment_reminder',
    'remediation_plan',
    'item_message',
    'item_review',
    'submission',
    'request_answer',
    'request_item',
    'assessment_request',
    'answer_share',
    'master_answer_revision',
    'master_answer',
    'answer_set',
    'evidence_file',
    'template_item',
    'assessment_template',
    'connection',
  ])
    await db.schema.dropTable(t).ifExists().execute();
  await sql`drop function if exists submission_frozen()`.execute(db);
}
