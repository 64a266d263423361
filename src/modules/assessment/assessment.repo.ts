/**
 * Kysely queries of the assessment module, one repo file per thing (connections, templates, master
 * answers, evidence, requests, review, …), all re-exported here. Every query that reads or changes an
 * organisation's data takes that organisation and keeps it in the WHERE clause: a bank sees only what
 * it sent and what was shared with it; a connector only its own requests and answers.
 */
import type { ApiType } from './assessment.schema.js';

export * from './answer-sheet-mapping.repo.js';
export * from './connection.repo.js';
export * from './evidence.repo.js';
export * from './master-answer.repo.js';
export * from './notification.repo.js';
export * from './organisation.repo.js';
export * from './reminder.repo.js';
export * from './request.repo.js';
export * from './review.repo.js';
export * from './template.repo.js';

export type { ApiType };
