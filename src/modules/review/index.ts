/** The review module's public face. */
export { importReviewCycle, getReviewCycle, listReviewCycles, type ReviewCycleView, type ConsiderationView } from './manage-review.js';
export { reviewCycleDocument, type ReviewCycleDocument } from './review.schema.js';
export { decide, derivedDecision, decisionProblems } from './decision.js';
