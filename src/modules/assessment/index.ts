/** The assessment module's public face: connections, templates, answers, sharing, requests, review, re-assessment. */
export * as assessmentRepo from './assessment.repo.js';
export { LABELS as ASSESSMENT_LABELS, answerProblems, suggestedResult, type Answer, type SubmissionContent } from './assessment.schema.js';
export { createConnection, updateConnection, listConnections } from './connections.js';
export { createTemplate, getTemplate, listTemplates, upgradeTemplate } from './templates.js';
export { getMasterAnswers, saveMasterAnswers, masterAnswerHistory, listAnswerSets, grantShare, revokeShare, listShares } from './master-answers.js';
export { uploadEvidence, downloadEvidence, listEvidenceFiles, detectContentType } from './evidence-files.js';
export { createRequest, listRequests, getRequest, prefillFromMaster, saveRequestAnswers, submitRequest, withdrawRequest, getSubmission, requireRequest } from './requests.js';
export { reviewItem, postMessage, proposeRemediation, respondRemediation, proposeResult, decideResult } from './item-review.js';
export { dueReassessments, createReassessment, addMonths } from './reassessment.js';
export { createDueReminders, emailReminders, runReminders } from './reminders.js';
export { listNotifications, markNotificationRead } from './notifications.js';
export { answerDisagreements, bankDashboard } from './overview.js';
export { loadDemoAssessment, DEMO_TEMPLATE_ITEMS } from './demo.js';
export { exportRequestWorkbook, importRequestWorkbook, type WorkbookImportResult } from './request-workbook.js';
export { saveAnswerSheetMapping, deleteAnswerSheetMapping, listAnswerSheetMappings, inspectAnswerSheet, tryAnswerSheetMapping, answerSheetMapping, type AnswerSheetMapping } from './answer-sheet-mapping.js';
export { exportRequestResults, getResultsView, type ResultsFormat } from './results-export.js';
