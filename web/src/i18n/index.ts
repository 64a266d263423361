/** Feature dictionaries merged into the app's one dictionary by ../i18n.tsx. */
export * as review from './review';
export * as catalog from './catalog';
export * as assessment from './assessment';
export * as assessmentConnector from './assessment-connector';
export * as answerSheetLayouts from './answer-sheet-layouts';
