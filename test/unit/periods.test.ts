import { describe, expect, it } from 'vitest';
import { firstActivityDay, periodOptions } from '../../src/views/periods.ts';

describe('the periods the filters offer', () => {
  it('start at the first activity, not at the earliest hire date', () => {
    const datasets = {
      staff: { name: 'staff', min_date: '2018-12-26' },
      orders: { name: 'orders', min_date: '2024-12-01 09:06:00' },
      trainings: { name: 'trainings', min_date: '2025-01-02' },
      complaints: { name: 'complaints', min_date: null },
    };
    expect(firstActivityDay(datasets)).toBe('2024-12-01 09:06:00');
    // Only the staff register: its dates are all there is.
    expect(firstActivityDay({ staff: datasets.staff })).toBe('2018-12-26');
    expect(firstActivityDay({})).toBeNull();
  });

  it('list every month, quarter and year from the first day to the as-of time, newest first', () => {
    const asOf = Date.UTC(2025, 1, 10, 12); // 2025-02-10 12:00 local
    // 2024-12 … 2025-02: three months, two quarters (2024-Q4, 2025-Q1), two years.
    expect(periodOptions('2024-12-01 09:06:00', asOf)).toEqual({ month: ['2025-02', '2025-01', '2024-12'], quarter: ['2025-Q1', '2024-Q4'], year: ['2025', '2024'] });
  });
});
