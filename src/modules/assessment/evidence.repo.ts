/** Queries of the evidence files a connector uploads. */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EvidenceFileTable } from '../../db/types.js';

export function findEvidenceMeta(trx: Executor, connectorId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return trx.selectFrom('evidence_file').select(['id', 'file_name', 'sha256', 'content_type', 'size_bytes', 'uploaded_at']).where('connector_id', '=', connectorId).where('id', 'in', ids).execute();
}

export function listEvidenceFiles(trx: Executor, connectorId: string) {
  return trx.selectFrom('evidence_file').select(['id', 'file_name', 'sha256', 'content_type', 'size_bytes', 'uploaded_at']).where('connector_id', '=', connectorId).orderBy('uploaded_at', 'desc').execute();
}

/**
 * A file the organisation may download: its own (connector), or one that a submission to it cites,
 * or one its consenting connector's master answers cite (bank).
 */
export function findDownloadableEvidence(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('evidence_file as f')
    .selectAll('f')
    .where('f.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('f.connector_id', '=', orgId),
        eb.exists(
          eb
            .selectFrom('submission as s')
            .innerJoin('assessment_request as r', 'r.id', 's.request_id')
            .select('s.id')
            .where('r.bank_id', '=', orgId)
            .whereRef('r.connector_id', '=', 'f.connector_id')
            .where(sql<boolean>`jsonb_path_exists(s.content, '$.items[*].answer.evidence[*] ? (@.id == $id)', jsonb_build_object('id', ${id}::text))`),
        ),
        eb.exists(
          eb
            .selectFrom('master_answer as m')
            .innerJoin('answer_set as a', 'a.id', 'm.answer_set_id')
            .innerJoin('answer_share as sh', (j) => j.onRef('sh.connector_id', '=', 'a.connector_id').on('sh.bank_id', '=', orgId).on('sh.revoked_at', 'is', null))
            .select('m.id')
            .whereRef('a.connector_id', '=', 'f.connector_id')
            .where(sql<boolean>`${id}::uuid = any(m.evidence_ids)`),
        ),
      ]),
    )
    .executeTakeFirst();
}

export function insertEvidenceFile(trx: Executor, connectorId: string, values: Omit<Insertable<EvidenceFileTable>, 'connector_id'>) {
  return trx
    .insertInto('evidence_file')
    .values({ ...values, connector_id: connectorId })
    .returning(['id', 'uploaded_at'])
    .executeTakeFirstOrThrow();
}
