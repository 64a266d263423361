import type { Migration } from 'kysely';
import * as m20261124000000 from './20261124000000-catalog.js';
import * as m20261124000100 from './20261124000100-revision-analysis.js';
import * as m20261125000000 from './20261125000000-identity-audit.js';
import * as m20261125010000 from './20261125010000-sso.js';
import * as m20261125020000 from './20261125020000-review.js';
import * as m20261125030000 from './20261125030000-evidence.js';
import * as m20261125040000 from './20261125040000-alert.js';
import * as m20261125050000 from './20261125050000-meeting.js';
import * as m20261201000000 from './20261201000000-checklist-content.js';
import * as m20261201010000 from './20261201010000-assessment.js';
import * as m20261201020000 from './20261201020000-master-answer-history.js';

/** Every migration, by name. Listed statically so that they bundle and run the same everywhere. */
export const migrations: Record<string, Migration> = {
  '20261124000000-catalog': m20261124000000,
  '20261124000100-revision-analysis': m20261124000100,
  '20261125000000-identity-audit': m20261125000000,
  '20261125010000-sso': m20261125010000,
  '20261125020000-review': m20261125020000,
  '20261125030000-evidence': m20261125030000,
  '20261125040000-alert': m20261125040000,
  '20261125050000-meeting': m20261125050000,
  '20261201000000-checklist-content': m20261201000000,
  '20261201010000-assessment': m20261201010000,
  '20261201020000-master-answer-history': m20261201020000,
};
