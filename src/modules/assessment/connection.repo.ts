/** Queries of API connections (a bank × connector × service): the bank keeps them, the connector sees its own. */
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ConnectionTable } from '../../db/types.js';

export function findConnection(trx: Executor, orgId: string, id: string) {
  return trx
    .selectFrom('connection')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('bank_id', '=', orgId), eb('connector_id', '=', orgId)]))
    .executeTakeFirst();
}

/** A connection by id alone, for a request the caller is already known to be a party to. */
export function findConnectionById(trx: Executor, id: string) {
  return trx.selectFrom('connection').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The bank's connection with that connector for that service and API type, if it has one. */
export function findConnectionOfService(trx: Executor, bankId: string, v: { connectorId: string; serviceName: string; apiType: ConnectionTable['api_type'] }) {
  return trx
    .selectFrom('connection')
    .select('id')
    .where('bank_id', '=', bankId)
    .where('connector_id', '=', v.connectorId)
    .where('service_name', '=', v.serviceName)
    .where('api_type', '=', v.apiType)
    .executeTakeFirst();
}

export function insertConnection(trx: Executor, bankId: string, values: Omit<Insertable<ConnectionTable>, 'bank_id'>) {
  return trx
    .insertInto('connection')
    .values({ ...values, bank_id: bankId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Changes the bank's connection and stamps updated_at. */
export function updateConnection(trx: Executor, bankId: string, id: string, patch: Updateable<ConnectionTable>) {
  return trx.updateTable('connection').set({ ...patch, updated_at: new Date() }).where('id', '=', id).where('bank_id', '=', bankId).execute();
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
