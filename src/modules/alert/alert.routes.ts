/** HTTP routes of alerts (注意喚起). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireAuth } from '../../http/auth.js';
import { inTransaction } from '../../http/tx.js';
import { acknowledgeAlert, alertStatus, emailAlert, myAlerts, publishAlert } from './alert.js';

export async function alertRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;
  const byId = z.object({ id: z.string() });

  app.post('/alerts', { preValidation: requireAuth('alert.publish'), schema: { tags: ['alert'], summary: '注意喚起の発信 / publish an alert' } }, async (req, reply) => {
    const r = await inTransaction(db, (trx) => publishAlert({ trx, actor: actorOfRequest(req), auth: req.auth!, input: req.body }));
    // E-mail after the alert is committed; a mail failure never undoes the alert (it can be resent).
    let emailed = 0;
    try {
      emailed = (await inTransaction(db, (trx) => emailAlert({ trx, alertId: r.id }))).sent;
    } catch (err) {
      req.log.error({ err: (err as Error).message }, 'alert e-mail failed');
    }
    return reply.status(201).send({ ...r, emailed });
  });

  app.get('/alerts', { preValidation: requireAuth('alert.read'), schema: { tags: ['alert'], summary: '自組織宛ての注意喚起 / alerts for my organisation' } }, async (req) => myAlerts({ trx: db, auth: req.auth! }));

  app.post('/alerts/:id/acknowledge', { preValidation: requireAuth('alert.read'), schema: { tags: ['alert'], summary: '確認済みにする / acknowledge', params: byId } }, async (req) => {
    await inTransaction(db, (trx) => acknowledgeAlert({ trx, actor: actorOfRequest(req), auth: req.auth!, alertId: req.params.id }));
    return { ok: true };
  });

  app.get('/alerts/:id/status', { preValidation: requireAuth('alert.publish'), schema: { tags: ['alert'], summary: '確認状況（未確認の組織） / who has acknowledged', params: byId } }, async (req) => alertStatus({ trx: db, alertId: req.params.id }));
}
