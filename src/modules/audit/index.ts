/** The audit module's public face. */
export { AUDIT_ACTIONS, type AuditAction } from './audit.events.js';
export { recordAudit, diffFields, SYSTEM_ACTOR, type AuditActor, type AuditInput } from './record-audit.js';
export { verifyAudit, type AuditVerification } from './verify-audit.js';
export { searchEntries, type AuditQuery } from './audit.repo.js';
export { exportAudit } from './export-audit.js';
