import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fiscalYearOf, fiscalYearRange, formatJaDate, isIsoDate, toIsoDate, todayInJapan } from './dates.js';

describe('dates and 年度', () => {
  it('writes dates the Japanese way without leading zeros', () => {
    assert.equal(formatJaDate('2025-01-30'), '2025年1月30日');
    assert.equal(formatJaDate('2024-12-05'), '2024年12月5日');
  });

  it('puts January to March in the 年度 that started the previous April', () => {
    assert.equal(fiscalYearOf('2025-01-30'), 2024);
    assert.equal(fiscalYearOf('2025-03-31'), 2024);
    assert.equal(fiscalYearOf('2025-04-01'), 2025);
    assert.deepEqual(fiscalYearRange(2024), ['2024-04-01', '2025-03-31']);
  });

  it('rejects impossible dates', () => {
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2024-2-9'), false);
  });

  it('takes today as the date in Japan', () => {
    assert.equal(todayInJapan(new Date('2025-03-31T15:30:00Z')), '2025-04-01');
    assert.equal(todayInJapan(new Date('2025-03-31T14:59:00Z')), '2025-03-31');
  });

  it('reads dates from either database driver as calendar dates', () => {
    assert.equal(toIsoDate('2024-03-01'), '2024-03-01');
    assert.equal(toIsoDate(new Date(2024, 2, 1)), '2024-03-01');
    assert.equal(toIsoDate(null), null);
  });
});
