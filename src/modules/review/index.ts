/** The review module's public face. */
export { importReviewCycle, getReviewCycle, listReviewCycles, type ReviewCycleView, type ConsiderationView } from './manage-review.js';
export { reviewCycleDocument, type ReviewCycleDocument } from './review.schema.js';
export { decide, derivedDecision, decisionProblems } from './decision.js';
export { addEvidence, listEvidence, REGISTER_NAMES, type RegisterName } from './evidence.js';
export { createCycle, cycleEvidence, linkEvidence, updateConsideration, updateDecision, moveState, createCorrection } from './workflow.js';
export { recordMeeting, publishMinutes, listMeetings } from './meetings.js';
