import { sql, type Kysely } from 'kysely';

/**
 * The yearly review: the review rule (維持管理方法) as data, one cycle per checklist and 年度 (with
 * versions for corrections after publication), and its considerations with findings and conclusions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_rule')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('checklist_rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    /** Where the rule is written (チェックリスト解説書 P2). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** The rule as written: paragraphs and list items, one per line ("- " for list items). */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('monitored_intro', 'text')
    .addColumn('monitored', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('review_rule_label_uq', ['checklist_rule_set_id', 'label'])
    .execute();

  await db.schema
    .createTable('review_cycle')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('checklist_rule_set_id', 'uuid', (c) => c.notNull().references('rule_set.id').onDelete('cascade'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft','deliberation','decided','published')`))
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('review_rule.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('document_date', 'date')
    /** The explanation under 【対応方針】. */
    .addColumn('decision_statement', 'text')
    /** Section 3: the year's policy. */
    .addColumn('policy_text', 'text')
    /** Set only when the secretariat overrides the decision derived from the conclusions. */
    .addColumn('decision_override', 'text', (c) => c.check(sql`decision_override in ('needed','not_needed')`))
    .addColumn('override_reason', 'text')
    .addColumn('major_revision', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('expert_panel_date', 'date')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('review_cycle_year_version_uq', ['checklist_rule_set_id', 'fiscal_year', 'version'])
    .execute();

  await db.schema
    .createTable('review_consideration')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('review_cycle.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** usage, incidents, standards, selfRegulation, relatedRules, updateApi, or a user's own key. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** Paragraphs separated by a blank line; [^1] marks a footnote. */
    .addColumn('finding', 'text')
    .addColumn('conclusion', 'text', (c) => c.check(sql`conclusion in ('needed','not_needed')`))
    .addColumn('reason', 'text')
    .addColumn('analysis_id', 'uuid', (c) => c.references('revision_analysis.id').onDelete('set null'))
    .addColumn('figure_title', 'text')
    /** Paragraphs that follow the figure. */
    .addColumn('after_figure', 'text')
    .addColumn('footnotes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addUniqueConstraint('review_consideration_key_uq', ['cycle_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['review_consideration', 'review_cycle', 'review_rule']) await db.schema.dropTable(t).ifExists().execute();
}
