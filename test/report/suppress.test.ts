/** Small-cell suppression: primary (1–10) and secondary (so no withheld cell follows from the total). */
import { describe, expect, it } from 'vitest';
import { publicKpi, publicTable } from '../../src/report/model.ts';
import { suppressTable } from '../../src/report/suppress.ts';

describe('suppressTable', () => {
  it('withholds a branch with 7 complaints and a second cell, so 7 cannot be recovered from the total', () => {
    // A店 40, B店 7, C店 25, D店 13; total 85. B is primary; the smallest other non-zero (D, 13) is secondary.
    const s = suppressTable([{ key: 'A店', count: 40 }, { key: 'B店', count: 7 }, { key: 'C店', count: 25 }, { key: 'D店', count: 13 }], 85, 10);
    expect(s.cells.get('B店')).toBeNull();
    expect(s.cells.get('D店')).toBeNull();
    expect(s.reasons).toEqual(new Map([['B店', 'primary'], ['D店', 'secondary']]));
    expect(s.total).toBe(85);
    // What a reader can derive: total − published = 85 − 40 − 25 = 20 = B + D, which has many solutions (7+13, 10+10, 1+19 …).
    const published = [...s.cells.values()].filter((v): v is number => v !== null).reduce((a, b) => a + b, 0);
    expect(s.total! - published).toBe(20);
  });

  it('leaves zeros and large cells alone, and two primaries need no secondary', () => {
    const s = suppressTable([{ key: 'a', count: 0 }, { key: 'b', count: 3 }, { key: 'c', count: 9 }, { key: 'd', count: 50 }], 62, 10);
    expect([...s.cells]).toEqual([['a', 0], ['b', null], ['c', null], ['d', 50]]);
    expect(s.total).toBe(62);
  });

  it('withholds the total when the only other cells are zero', () => {
    const s = suppressTable([{ key: 'a', count: 0 }, { key: 'b', count: 4 }], 4, 10);
    expect(s.cells.get('b')).toBeNull();
    expect(s.total).toBeNull();
  });
});

describe('publicTable and publicKpi', () => {
  it('withholds a row in both columns when either is small, so closed/received cannot be divided back out', () => {
    // closed: A 30, B 6 (primary), C 12 → secondary on C; received: A 35, B 7 (primary), C 14 → secondary on C.
    const t = publicTable([{ key: 'A', received: 35, closed: 30 }, { key: 'B', received: 7, closed: 6 }, { key: 'C', received: 14, closed: 12 }], 10);
    expect(t.rows).toEqual([
      { key: 'A', received: 35, closed: 30, mark: null },
      { key: 'B', received: null, closed: null, mark: 'primary' },
      { key: 'C', received: null, closed: null, mark: 'secondary' },
    ]);
    expect([t.total, t.total_closed]).toEqual([56, 48]);
  });

  it('withholds a rate resting on 1–10 observations', () => {
    const base = { id: 'satisfaction_rate', period: '2026-Q3', numerator: 6, n: null, target: 0.85, stretch: null, met: false, ci_low: 0.5, ci_high: 0.9 };
    expect(publicKpi({ ...base, value: 0.75, denominator: 8, status: 'insufficient' }, 10)).toEqual({ id: 'satisfaction_rate', value: null, target: 0.85, status: 'suppressed', n: null });
    expect(publicKpi({ ...base, value: 0.75, denominator: 40, status: 'missed' }, 10).value).toBe(0.75);
  });
});
