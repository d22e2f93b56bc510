/** The funnel chart: dots coloured by better / worse given the KPI's direction, names only where allowed; SVG snapshot. */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { funnelChart, verdict } from '../../src/charts/funnel.ts';
import { funnel } from '../../src/kpi/funnel.ts';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
// Around a target of 0.5 with exact limits: at n = 100 the 99.8% limits are about 0.35 and 0.65.
const units = [{ key: 'A', numerator: 80, denominator: 100 }, { key: 'B', numerator: 50, denominator: 100 }, { key: '<i>C</i>', numerator: 20, denominator: 100 }];
const f = funnel(units, { target: 0.5, overdispersion: 'off' });
const points = f.units.map((u) => ({ label: u.key, rate: u.rate, denominator: u.denominator, position: u.position }));

describe('funnel chart', () => {
  it('says better or worse by direction', () => {
    expect(verdict('above_998', 'higher')).toBe('better');
    expect(verdict('above_95', 'lower')).toBe('worse');
    expect(verdict('below_998', 'lower')).toBe('better');
    expect(verdict('inside', 'higher')).toBe('inside');
  });

  it('colours the units and names those far outside only when asked, as text', async () => {
    const named = funnelChart(points, f, { document: doc(), ariaLabel: 'satisfaction funnel', direction: 'higher', nameOutliers: true });
    expect(named.getAttribute('aria-label')).toBe('satisfaction funnel');
    const fills = [...named.querySelectorAll('circle')].map((c) => c.getAttribute('fill'));
    expect(fills).toEqual(['#1b6ca8', '#6b7280', '#b04200']); // A better, B inside, C worse
    expect(named.outerHTML).toContain('&lt;i&gt;C&lt;/i&gt;');
    expect(parseHTML(`<div>${named.outerHTML}</div>`).document.querySelector('i')).toBeNull();
    const anonymous = funnelChart(points, f, { document: doc(), ariaLabel: 'x', direction: 'lower' });
    expect([...anonymous.querySelectorAll('text')].map((t) => t.textContent)).not.toContain('A');
    expect([...anonymous.querySelectorAll('circle')].map((c) => c.getAttribute('fill'))).toEqual(['#b04200', '#6b7280', '#1b6ca8']);
    await expect(named.outerHTML).toMatchFileSnapshot('snapshots/funnel.svg');
  });
});
