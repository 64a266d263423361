import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareProvisionCodes, isFiscCode, normalizeProvisionCode } from './provision-code.js';

describe('provision codes', () => {
  it('removes stray spaces and folds full-width digits and dashes', () => {
    assert.equal(normalizeProvisionCode('実 103 - 1'), '実103-1');
    assert.equal(normalizeProvisionCode('実１０３－１'), '実103-1');
    assert.equal(normalizeProvisionCode('実１４'), '実14');
    assert.equal(normalizeProvisionCode(' 統 14 '), '統14');
    assert.equal(normalizeProvisionCode('実 8.'), '実8');
  });

  it('maps English letters to the Japanese prefixes', () => {
    assert.equal(normalizeProvisionCode('C14'), '統14');
    assert.equal(normalizeProvisionCode('P16'), '実16');
    assert.equal(normalizeProvisionCode('F3'), '設3');
    assert.equal(normalizeProvisionCode('A1'), '監1');
    assert.equal(normalizeProvisionCode('Ｐ１４－１'), '実14-1');
  });

  it('keeps un-numbered provisions readable, with one space between heading and term', () => {
    assert.equal(normalizeProvisionCode('3.用語の解説 (2)  金融機関'), '3.用語の解説(2) 金融機関');
    assert.equal(normalizeProvisionCode('1.総論 (3) (脚注 21)'), '1.総論(3)(脚注21)');
    assert.equal(normalizeProvisionCode('1.安全対策基準の意義'), '1.安全対策基準の意義');
    assert.equal(normalizeProvisionCode('3.3.1'), '3.3.1');
  });

  it('does not turn words into codes', () => {
    assert.equal(normalizeProvisionCode('Cloud'), 'Cloud');
    assert.equal(normalizeProvisionCode('サービス'), 'サービス');
    assert.equal(isFiscCode('3.3.1'), false);
    assert.equal(isFiscCode('実103-1'), true);
  });

  it('sorts branch numbers after their parent and prefixes as 統, 実, 設, 監', () => {
    const codes = ['監1', '実15', '実14-1', '統27', '実14', '設3', '実2', '実14-1-2', '実14-2'];
    assert.deepEqual([...codes].sort(compareProvisionCodes), ['統27', '実2', '実14', '実14-1', '実14-1-2', '実14-2', '実15', '設3', '監1']);
  });
});
