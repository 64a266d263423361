/** 連絡会 meetings and their minutes (議事要旨), and members' comments on a review under deliberation. */
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { parseOrThrow } from '../../lib/validate.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { isoDate } from '../catalog/interchange.schema.js';
import type { AuthContext } from '../identity/index.js';
import * as repo from './review.repo.js';

export const meetingInput = z.strictObject({
  cycleId: z.string().uuid().nullable().default(null),
  heldOn: isoDate,
  title: z.string().trim().min(1),
  agenda: z.string().trim().min(1),
  attendeeIds: z.array(z.string().uuid()).default([]),
});

export async function recordMeeting(args: { trx: Executor; actor: AuditActor; input: unknown }) {
  const v = parseOrThrow(meetingInput, args.input, 'review.meeting_invalid');
  if (v.attendeeIds.length) {
    const found = await repo.findOrganisationIds(args.trx, v.attendeeIds);
    if (found.length !== new Set(v.attendeeIds).size) throw invalid('review.meeting_invalid', '出席組織が見つかりません', 'an attending organisation does not exist', [{ where: '/attendeeIds', messageJa: '存在しない組織が含まれています', messageEn: 'unknown organisation' }]);
  }
  const m = await repo.insertMeeting(args.trx, { cycle_id: v.cycleId, held_on: v.heldOn, title: v.title, agenda: v.agenda, attendee_ids: v.attendeeIds });
  await recordAudit(args.trx, args.actor, { action: 'review.meeting_recorded', targetType: 'meeting', targetId: m.id, details: { heldOn: v.heldOn, title: v.title } });
  return { id: m.id };
}

export async function publishMinutes(args: { trx: Executor; actor: AuditActor; meetingId: string; minutes: string }) {
  if (!isUuid(args.meetingId)) throw notFound('review.meeting_not_found', '連絡会が見つかりません', 'meeting not found');
  const m = await repo.findMeeting(args.trx, args.meetingId);
  if (!m) throw notFound('review.meeting_not_found', '連絡会が見つかりません', 'meeting not found');
  if (m.minutes_published_at) throw conflict('review.minutes_published', '議事要旨は公表済みです', 'the minutes are already published');
  if (!args.minutes.trim()) throw invalid('review.minutes_empty', '議事要旨を入力してください', 'the minutes are empty');
  await repo.publishMeetingMinutes(args.trx, m.id, args.minutes.trim());
  await recordAudit(args.trx, args.actor, { action: 'review.minutes_published', targetType: 'meeting', targetId: m.id });
}

/** Meetings; the minutes are shown to members only once published. */
export async function listMeetings(args: { trx: Executor; secretariat: boolean }) {
  const rows = await repo.listMeetings(args.trx);
  const names = new Map((await repo.listOrganisationNames(args.trx)).map((o) => [o.id, o.name]));
  return rows.map((m) => ({
    id: m.id,
    fiscalYear: m.fiscal_year,
    heldOn: m.held_on,
    title: m.title,
    agenda: m.agenda,
    attendees: m.attendee_ids.map((id) => names.get(id) ?? id),
    minutes: m.minutes_published_at || args.secretariat ? m.minutes : null,
    minutesPublishedAt: m.minutes_published_at ? new Date(m.minutes_published_at).toISOString() : null,
  }));
}

/** A 連絡会 member's comment on the draft, accepted only while the review is under deliberation. */
export async function addComment(args: { trx: Executor; actor: AuditActor; auth: AuthContext; cycleId: string; considerationKey?: string | null; body: string }) {
  const cycle = isUuid(args.cycleId) ? await repo.findCycleById(args.trx, args.cycleId) : undefined;
  if (!cycle) throw notFound('review.cycle_not_found', '見直し検討が見つかりません', 'review cycle not found');
  if (cycle.state !== 'deliberation') throw conflict('review.not_in_deliberation', '意見は審議中の見直し検討にのみ登録できます', 'comments are taken only while the review is under deliberation');
  if (!args.body.trim()) throw invalid('review.comment_empty', '意見を入力してください', 'the comment is empty', [{ where: '/body', messageJa: '意見を入力してください', messageEn: 'the comment is empty' }]);
  const c = await repo.insertComment(args.trx, { cycle_id: cycle.id, consideration_key: args.considerationKey ?? null, organisation_id: args.auth.organisation.id, user_id: args.auth.userId, body: args.body.trim() });
  await recordAudit(args.trx, args.actor, { action: 'review.comment_added', targetType: 'review_comment', targetId: c.id, details: { cycleId: cycle.id, considerationKey: args.considerationKey ?? null } });
  return { id: c.id };
}

export async function listComments(args: { trx: Executor; cycleId: string }) {
  if (!isUuid(args.cycleId)) return [];
  return (await repo.listComments(args.trx, args.cycleId)).map((c) => ({ id: c.id, considerationKey: c.consideration_key, body: c.body, organisation: c.organisation, createdAt: new Date(c.created_at).toISOString() }));
}
