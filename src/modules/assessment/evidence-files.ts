/**
 * Evidence files a connector attaches to its answers: size-limited, their type decided by their
 * content (not by the name or the sender's header), kept with their SHA-256. Downloads are
 * authorised (the connector, or a bank a submission or consented master answer cites the file to) and
 * audited.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.js';
import { invalid, notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import * as evidenceRepo from './evidence.repo.js';

export const evidenceMaxBytes = () => Number(process.env.TSUNAGU_EVIDENCE_MAX_BYTES ?? 10 * 1024 * 1024);

const OOXML: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/**
 * The file's type from its first bytes: PDF, PNG, JPEG, Office Open XML (by its zip signature and
 * its name's extension) or UTF-8 text without control characters. Anything else is refused.
 *
 * @example detectContentType(Buffer.from('%PDF-1.7…'), '規程.pdf') // 'application/pdf'
 */
export function detectContentType(bytes: Buffer, fileName: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return ext === 'pdf' ? 'application/pdf' : null;
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ext === 'png' ? 'image/png' : null;
  if (starts([0xff, 0xd8, 0xff])) return ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : null;
  if (starts([0x50, 0x4b, 0x03, 0x04])) return OOXML[ext] ?? null;
  if (ext === 'txt' || ext === 'csv' || ext === 'md') {
    const s = bytes.toString('utf8');
    if (!Buffer.from(s, 'utf8').equals(bytes) || /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(s)) return null;
    return ext === 'csv' ? 'text/csv; charset=utf-8' : ext === 'md' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8';
  }
  return null;
}

export async function uploadEvidence(args: { trx: Executor; actor: AuditActor; auth: AuthContext; fileName: string; bytes: Buffer }) {
  const fileName = args.fileName.normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').trim();
  const where = '/file';
  if (!fileName) throw invalid('assessment.evidence_invalid', 'ファイル名を指定してください', 'a file name is required', [{ where: '/fileName', messageJa: 'ファイル名がありません', messageEn: 'no file name' }]);
  if (!args.bytes.length) throw invalid('assessment.evidence_invalid', 'ファイルが空です', 'the file is empty', [{ where, messageJa: 'ファイルが空です', messageEn: 'empty file' }]);
  const max = evidenceMaxBytes();
  if (args.bytes.length > max) {
    throw invalid('assessment.evidence_too_large', `ファイルが大きすぎます（上限 ${Math.floor(max / 1024 / 1024)} MB）`, `the file is too large (limit ${Math.floor(max / 1024 / 1024)} MB)`, [{ where, messageJa: `${args.bytes.length} バイトは上限を超えています`, messageEn: `${args.bytes.length} bytes is over the limit` }]);
  }
  const type = detectContentType(args.bytes, fileName);
  if (!type) {
    throw invalid('assessment.evidence_type', 'このファイルの種類は受け付けられません（PDF、PNG、JPEG、Word・Excel・PowerPoint（OOXML）、テキスト）。拡張子と内容が一致しているか確認してください。', 'this file type is not accepted (PDF, PNG, JPEG, OOXML, text); check that the extension matches the content', [
      { where, messageJa: `「${fileName}」の内容から種類を判定できません`, messageEn: `the content of ${fileName} does not match an accepted type` },
    ]);
  }
  const sha256 = createHash('sha256').update(args.bytes).digest('hex');
  const row = await evidenceRepo.insertEvidenceFile(args.trx, args.auth.organisation.id, { file_name: fileName, content_type: type, size_bytes: args.bytes.length, sha256, content: args.bytes, uploaded_by: args.auth.userId });
  await recordAudit(args.trx, args.actor, { action: 'assessment.evidence_uploaded', targetType: 'evidence_file', targetId: row.id, details: { fileName, sha256, size: args.bytes.length, contentType: type } });
  return { id: row.id, fileName, contentType: type, size: args.bytes.length, sha256 };
}

export async function listEvidenceFiles(args: { trx: Executor; auth: AuthContext }) {
  return (await evidenceRepo.listEvidenceFiles(args.trx, args.auth.organisation.id)).map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size_bytes, sha256: f.sha256, uploadedAt: new Date(f.uploaded_at).toISOString() }));
}

export async function downloadEvidence(args: { trx: Executor; actor: AuditActor; auth: AuthContext; id: string }) {
  const f = isUuid(args.id) ? await evidenceRepo.findDownloadableEvidence(args.trx, args.auth.organisation.id, args.id) : undefined;
  if (!f) throw notFound('assessment.evidence_not_found', '資料ファイルが見つかりません', 'evidence file not found');
  await recordAudit(args.trx, args.actor, { action: 'assessment.evidence_downloaded', targetType: 'evidence_file', targetId: f.id, details: { fileName: f.file_name, sha256: f.sha256 } });
  return { fileName: f.file_name, contentType: f.content_type, sha256: f.sha256, bytes: Buffer.from(f.content) };
}

/** Checks that evidence ids belong to the connector; returns their name and hash for the answer. */
export async function evidenceRefs(trx: Executor, connectorId: string, ids: string[], where: string) {
  const unique = [...new Set(ids)];
  const found = await evidenceRepo.findEvidenceMeta(trx, connectorId, unique);
  if (found.length !== unique.length) {
    throw invalid('assessment.evidence_not_found', '指定された資料ファイルが見つかりません', 'an evidence file does not exist', [{ where, messageJa: '自組織がアップロードした資料ファイルを指定してください', messageEn: 'cite files your organisation uploaded' }]);
  }
  return unique.map((id) => {
    const f = found.find((x) => x.id === id)!;
    return { id, fileName: f.file_name, sha256: f.sha256 };
  });
}
