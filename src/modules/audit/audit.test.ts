import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { describeEachDatabase } from '../../testing/db.js';
import { searchEntries } from './audit.repo.js';
import { recordAudit, SYSTEM_ACTOR } from './record-audit.js';
import { verifyAudit } from './verify-audit.js';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

/** Tampering as someone with database access would: past the append-only trigger. */
async function tamper(db: Kysely<DB>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_entry disable trigger audit_entry_no_update`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_entry enable trigger audit_entry_no_update`.execute(trx);
  });
}

describeEachDatabase('audit log', (ctx) => {
  it('chains entries per organisation and verifies them', async () => {
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        await recordAudit(trx, { userId: null, organisationId: ORG_A, ip: '127.0.0.1' }, { action: 'revision.row_updated', targetType: 'analysis_row', targetId: `r${i}`, changes: { summary: [null, `要約${i}`] } });
      }
      await recordAudit(trx, { userId: null, organisationId: ORG_B }, { action: 'catalog.imported', details: { file: 'a.yaml' } });
      await recordAudit(trx, SYSTEM_ACTOR, { action: 'catalog.reference_loaded' });
    });
    const v = await verifyAudit({ trx: ctx.db });
    assert.deepEqual(v, { ok: true, chains: 3, entries: 5, breaks: [] });
    const a = await searchEntries(ctx.db, { chains: [ORG_A] });
    assert.deepEqual(a.map((e) => Number(e.seq)), [3, 2, 1]);
  });

  it('keeps one unbroken chain when many transactions append to it at once', async () => {
    const ORG_D = '44444444-4444-4444-8444-444444444444';
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => ctx.db.transaction().execute((trx) => recordAudit(trx, { userId: null, organisationId: ORG_D }, { action: 'catalog.imported', details: { n: i } }))),
    );
    const seqs = (await ctx.db.selectFrom('audit_entry').select('seq').where('chain', '=', ORG_D).orderBy('seq').execute()).map((r) => Number(r.seq));
    assert.deepEqual(seqs, Array.from({ length: 12 }, (_, i) => i + 1));
    const head = await ctx.db.selectFrom('audit_chain_head').selectAll().where('chain', '=', ORG_D).executeTakeFirstOrThrow();
    assert.equal(Number(head.seq), 12);
    assert.equal((await verifyAudit({ trx: ctx.db })).ok, true);
  });

  it('does not return entries of another organisation’s chain', async () => {
    const b = await searchEntries(ctx.db, { chains: [ORG_B] });
    assert.ok(b.every((e) => e.chain === ORG_B));
    assert.equal(b.length, 1);
    assert.deepEqual(await searchEntries(ctx.db, { chains: [] }), []);
  });

  it('refuses updates and deletes through the database', async () => {
    await assert.rejects(sql`update audit_entry set action = 'x'`.execute(ctx.db), /append-only/);
    await assert.rejects(sql`delete from audit_entry`.execute(ctx.db), /append-only/);
  });

  it('detects an edited entry', async () => {
    await tamper(ctx.db, sql`update audit_entry set changes = '{"summary":[null,"改ざん"]}'::jsonb where chain = ${ORG_A} and seq = 2`);
    const v = await verifyAudit({ trx: ctx.db });
    assert.equal(v.ok, false);
    assert.deepEqual(v.breaks.map((b) => [b.chain, b.seq, b.kind]), [[ORG_A, 2, 'edited']]);
  });

  it('detects a deleted entry, entries swapped in order, and a cut-off tail', async () => {
    // A fresh chain, so that each kind of tampering is seen on its own.
    const ORG_C = '33333333-3333-4333-8333-333333333333';
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 5; i++) await recordAudit(trx, { userId: null, organisationId: ORG_C }, { action: 'catalog.imported', details: { n: i } });
    });
    await tamper(ctx.db, sql`delete from audit_entry where chain = ${ORG_C} and seq = 2`);
    let v = await verifyAudit({ trx: ctx.db });
    assert.ok(v.breaks.some((b) => b.chain === ORG_C && b.kind === 'missing' && b.seq === 2));

    // Swap the contents of entries 3 and 4 by exchanging their positions.
    await tamper(ctx.db, sql`update audit_entry set seq = -3 where chain = ${ORG_C} and seq = 3`);
    await tamper(ctx.db, sql`update audit_entry set seq = 3 where chain = ${ORG_C} and seq = 4`);
    await tamper(ctx.db, sql`update audit_entry set seq = 4 where chain = ${ORG_C} and seq = -3`);
    v = await verifyAudit({ trx: ctx.db });
    assert.ok(v.breaks.some((b) => b.chain === ORG_C && b.seq === 3 && (b.kind === 'out_of_order' || b.kind === 'edited')));

    await tamper(ctx.db, sql`delete from audit_entry where chain = ${ORG_C} and seq = 5`);
    v = await verifyAudit({ trx: ctx.db });
    assert.ok(v.breaks.some((b) => b.chain === ORG_C && b.kind === 'truncated'));
    assert.match(v.breaks.find((b) => b.kind === 'truncated')!.messageJa, /末尾/);
  });
});
