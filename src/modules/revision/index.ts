/** The revision module's public face. */
export { compareEditions, presentComparison, type ChecklistChoice } from './compare-editions.js';
export { createAnalysis, createAnalysisFromTable, getAnalysis, listAnalyses, updateAnalysisRow } from './manage-analysis.js';
export { parseComparisonTable, type ComparisonTableRow } from './comparison-table.js';
export type { AnalysisView, AnalysisRowView, Segment } from './analysis.types.js';
