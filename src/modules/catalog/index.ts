/** The catalog module's public face. */
import * as repo from './catalog.repo.js';
import { getChecklistWorkbookView, importChecklistWorkbook, inspectChecklistWorkbook, readChecklistWorkbook, tryChecklistWorkbookMapping } from './checklist-workbook.js';
import { createColumnMapping, listColumnMappings } from './column-mappings.js';
import { exportEdition, exportRecordedComparison } from './export-edition.js';
import { importDocument, importDocuments } from './import-document.js';
import { parseInterchange, readJsonOrYaml, serializeInterchange, validateInterchange } from './interchange.js';
import { compareChecklistEditions, diffChecklistItems } from './item-changes.js';
import * as read from './read-catalog.js';

export type { ImportResult } from './import-document.js';
export type { InterchangeDocument } from './interchange.schema.js';
export type { Source, SourceFormat, SourceSyntaxIssue } from './interchange.js';
export { SourceSyntaxError } from './interchange.js';
export type { ComparableItem, ItemChange, ItemChangeKind, ItemField } from './item-changes.js';
export type { ChecklistWorkbookView, RuleSetRef, WorkbookContent } from './checklist-workbook.js';
export type { ChecklistWorkbookMapping } from './checklist-workbook.schema.js';
export { compareChecklistEditions, diffChecklistItems } from './item-changes.js';

export const catalog = {
  repo,
  ...read,
  importDocument,
  importDocuments,
  exportEdition,
  exportRecordedComparison,
  parseInterchange,
  readJsonOrYaml,
  serializeInterchange,
  validateInterchange,
  diffChecklistItems,
  compareChecklistEditions,
  readChecklistWorkbook,
  importChecklistWorkbook,
  inspectChecklistWorkbook,
  tryChecklistWorkbookMapping,
  getChecklistWorkbookView,
  listColumnMappings,
  createColumnMapping,
};
