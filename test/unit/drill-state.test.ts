/** The drill-down's URL state: what a link opens, what a table row pins, what a filter change unpins. */
import { describe, expect, it } from 'vitest';
import { drillOfButton, drillState, readDrill, unpinChanged, writeDrill } from '../../src/client/drill-state.ts';

const filters = { period: '2026-Q3', branch: '', service: '' };

describe('drill-down URL state', () => {
  it('round-trips a drill-down with pins through the query, and ignores an unknown KPI', () => {
    const q = new URLSearchParams('period=2026-Q2');
    writeDrill(q, { kpi: 'satisfaction_rate', branch: '丰台店', period: '2026-Q1' });
    expect(q.toString()).toBe('period=2026-Q2&drill=satisfaction_rate&drill_period=2026-Q1&drill_branch=%E4%B8%B0%E5%8F%B0%E5%BA%97');
    expect(readDrill(`?${q}`)).toEqual({ kpi: 'satisfaction_rate', period: '2026-Q1', branch: '丰台店' });
    expect(readDrill('?drill=nope&drill_branch=x')).toBeNull();
    expect(readDrill('?period=2026-05')).toBeNull();
  });

  it('reads a button\'s pins; an empty pin (all branches) is kept, a missing one is not', () => {
    expect(drillOfButton({ drill: 'complaint_closure_rate', drillService: 'elder_care' } as DOMStringMap)).toEqual({ kpi: 'complaint_closure_rate', service: 'elder_care' });
    expect(drillOfButton({ drill: 'x', drillBranch: '' } as DOMStringMap)).toEqual({ kpi: 'x', branch: '' });
    expect(drillOfButton({} as DOMStringMap)).toBeNull();
  });

  it('shows the filters\' state with the pins over it; a filter change unpins only its own dimension', () => {
    const at = { kpi: 'satisfaction_rate', branch: '通州店', period: '2026-07' };
    expect(drillState(at, filters)).toEqual({ period: '2026-07', branch: '通州店', service: '' });
    const after = unpinChanged(at, filters, { ...filters, branch: '海淀店' });
    expect(after).toEqual({ kpi: 'satisfaction_rate', period: '2026-07' });
    expect(at.branch).toBe('通州店');
    expect(drillState(after, { ...filters, branch: '海淀店' })).toEqual({ period: '2026-07', branch: '海淀店', service: '' });
  });
});
