import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, decisionProblems, derivedDecision } from './decision.js';

describe('review decision', () => {
  it('is 不要 when no consideration asks for revision, 要 when one does', () => {
    assert.equal(derivedDecision(['not_needed', 'not_needed']), 'not_needed');
    assert.equal(derivedDecision(['not_needed', 'needed']), 'needed');
    assert.equal(derivedDecision(['not_needed', null]), null, 'undecided while a conclusion is missing');
    assert.equal(derivedDecision([null, 'needed']), 'needed');
  });

  it('names the expert-panel path for a major revision', () => {
    assert.equal(decide({ conclusions: ['needed'], override: null, overrideReason: null, majorRevision: true }).labelJa, '要・有識者検討会');
    assert.equal(decide({ conclusions: ['not_needed'], override: null, overrideReason: null, majorRevision: false }).labelJa, '不要');
  });

  it('lets the secretariat override only with a reason', () => {
    const d = decide({ conclusions: ['not_needed'], override: 'needed', overrideReason: '有識者の指摘', majorRevision: false });
    assert.deepEqual([d.derived, d.effective, d.overridden], ['not_needed', 'needed', true]);
    assert.deepEqual(
      decisionProblems({ conclusions: ['not_needed'], override: 'needed', overrideReason: ' ', majorRevision: false, expertPanelDate: null }).map((p) => p.where),
      ['/overrideReason'],
    );
    assert.deepEqual(decisionProblems({ conclusions: ['needed'], override: null, overrideReason: null, majorRevision: true, expertPanelDate: null }).map((p) => p.where), ['/expertPanelDate']);
    assert.deepEqual(decisionProblems({ conclusions: ['not_needed'], override: null, overrideReason: null, majorRevision: true, expertPanelDate: '2025-02-01' }).map((p) => p.where), ['/majorRevision']);
  });
});
