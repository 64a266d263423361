/**
 * The hash chain of the audit log: each entry's hash covers its content and the hash of the entry
 * before it in the same chain, so an edited, deleted or reordered entry breaks the chain.
 */
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, so that the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface HashedFields {
  chain: string;
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: unknown;
  details: unknown;
  ip: string | null;
}

export function entryHash(prevHash: string, f: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ ...f, occurredAt: f.occurredAt.toISOString() }))
    .digest('hex');
}
