/** The catalog module's public face. */
import * as repo from './catalog.repo.js';
import { exportEdition, exportRecordedComparison } from './export-edition.js';
import { importDocument, importDocuments } from './import-document.js';
import { parseInterchange, serializeInterchange } from './interchange.js';
import * as read from './read-catalog.js';

export type { ImportResult } from './import-document.js';
export type { InterchangeDocument } from './interchange.schema.js';

export const catalog = {
  repo,
  ...read,
  importDocument,
  importDocuments,
  exportEdition,
  exportRecordedComparison,
  parseInterchange,
  serializeInterchange,
};
