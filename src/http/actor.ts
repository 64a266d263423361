import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../modules/audit/index.js';

/**
 * Who is acting, for the audit log. Until sign-in exists (the platform issue) the API serves
 * 127.0.0.1 only and the actor is known by address alone.
 */
export function actorOf(req: FastifyRequest): AuditActor {
  return { userId: null, organisationId: null, ip: req.ip };
}
