/** Queries of API connections (a bank × connector × service): the bank keeps them, the connector sees its own. */
import type { Executor } from '../../db/database.js';

export function findConnection(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('connection')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('bank_id', '=', orgId), eb('connector_id', '=', orgId)]))
    .executeTakeFirst();
}

export function listConnections(trx: Executor, orgId: string) {
  return trx
    .selectFrom('connection')
    .innerJoin('organisation as b', 'b.id', 'connection.bank_id')
    .innerJoin('organisation as c', 'c.id', 'connection.connector_id')
    .selectAll('connection')
    .select(['b.name as bank_name', 'c.name as connector_name', 'c.registration_number'])
    .where((eb) => eb.or([eb('connection.bank_id', '=', orgId), eb('connection.connector_id', '=', orgId)]))
    .orderBy('c.name')
    .orderBy('connection.service_name')
    .orderBy('connection.api_type')
    .execute();
}

/** Connections with their last decided request, for the re-assessment due list. */
export function listConnectionsWithLastDecision(trx: Executor, bankId: string) {
  return trx
    .selectFrom('connection as c')
    .innerJoin('organisation as k', 'k.id', 'c.connector_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('assessment_request as r')
          .select(['r.id as request_id', 'r.result', 'r.result_approved_at', 'r.template_id'])
          .whereRef('r.connection_id', '=', 'c.id')
          .where('r.state', '=', 'decided')
          .orderBy('r.result_approved_at', 'desc')
          .limit(1)
          .as('last'),
      (j) => j.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('assessment_request as o')
          .select(['o.id as open_request_id', 'o.due_date as open_due_date'])
          .whereRef('o.connection_id', '=', 'c.id')
          .where('o.state', 'in', ['sent', 'submitted', 'clarification'])
          .orderBy('o.sent_at', 'desc')
          .limit(1)
          .as('open'),
      (j) => j.onTrue(),
    )
    .select(['c.id', 'c.service_name', 'c.api_type', 'c.access', 'c.status', 'c.reassessment_months', 'c.contract_date', 'k.name as connector_name'])
    .select(['last.request_id', 'last.result', 'last.result_approved_at', 'last.template_id', 'open.open_request_id', 'open.open_due_date'])
    .where('c.bank_id', '=', bankId)
    .orderBy('k.name')
    .orderBy('c.service_name')
    .execute();
}
