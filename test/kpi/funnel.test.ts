/** Funnel limits and positions against values worked by hand from the binomial and normal tables. */
import { describe, expect, it } from 'vitest';
import { binomialLimit, funnel, funnelLimits, overdispersion } from '../../src/kpi/funnel.ts';

describe('exact binomial limits (Spiegelhalter 2005, appendix A.1.1)', () => {
  it('interpolate between the binomial steps as the paper says', () => {
    // n = 10, p0 = 0.5: F(0) = 1/1024, F(1) = 11/1024, F(2) = 56/1024, F(7) = 968/1024, F(8) = 1013/1024, F(9) = 1023/1024.
    // p = 0.025: r = 2, α = (56/1024 − 0.025) / (45/1024) = 0.675556, limit (2 − α)/10 = 0.132444.
    expect(binomialLimit(0.025, 10, 0.5)).toBeCloseTo(0.132444, 6);
    // p = 0.975: r = 8, α = (1013/1024 − 0.975) / (45/1024) = 0.324444, limit 0.767556.
    expect(binomialLimit(0.975, 10, 0.5)).toBeCloseTo(0.767556, 6);
    // p = 0.001: r = 1, α = (11/1024 − 0.001) / (10/1024) = 0.99760, limit 0.000240.
    expect(binomialLimit(0.001, 10, 0.5)).toBeCloseTo(0.00024, 6);
    // p = 0.999: r = 9, α = (1023/1024 − 0.999) / (10/1024) = 0.0024, limit 0.89976.
    expect(binomialLimit(0.999, 10, 0.5)).toBeCloseTo(0.89976, 6);
  });

  it('narrow towards the normal limits as n grows', () => {
    // n = 10,000, p0 = 0.85: sd = √(0.85·0.15/10000) = 0.0035707; normal 95% upper 0.85 + 1.96·sd = 0.856999.
    expect(funnelLimits(10_000, 0.85).hi95).toBeCloseTo(0.857, 3);
    expect(funnelLimits(10_000, 0.85).lo95).toBeCloseTo(0.843, 3);
  });

  it('widen by √φ under over-dispersion (normal limits)', () => {
    // p0 = 0.8, n = 100, φ = 2: sd = √(2·0.16/100) = 0.056569; hi95 = 0.8 + 1.959964·sd = 0.910873; lo998 = 0.8 − 3.090232·sd = 0.625189.
    const l = funnelLimits(100, 0.8, 2);
    expect(l.hi95).toBeCloseTo(0.910873, 5);
    expect(l.lo998).toBeCloseTo(0.625189, 5);
  });
});

describe('funnel', () => {
  // Ten units of 100 around a target of 0.5 (sd 0.05 each): z = −4, −2, −1, 0, 0, 0, 0, 1, 2, 6.
  const units = [30, 40, 45, 50, 50, 50, 50, 55, 60, 80].map((numerator, i) => ({ key: `u${i}`, numerator, denominator: 100 }));

  it('winsorises the z-scores at the 10th and 90th percentiles for φ', () => {
    // Sorted z with the lowest and highest one set to −2 and 2: 4+4+1+0+0+0+0+1+4+4 = 18, φ = 18/10 = 1.8.
    expect(overdispersion(units, 0.5)).toBeCloseTo(1.8, 10);
  });

  it('adjusts when φ is significant and places every unit', () => {
    // I·φ = 18 > χ²(9, 0.95) = 16.919, so adjusted. sd = √(1.8·0.25/100) = 0.067082:
    // hi998 = 0.5 + 3.090232·sd = 0.707299 (0.8 above), lo95 = 0.5 − 1.959964·sd = 0.368522, lo998 = 0.292701 (0.3 below 95% only).
    const f = funnel(units, { target: 0.5 });
    expect(f).toMatchObject({ p0: 0.5, adjusted: true });
    expect(f.phi).toBeCloseTo(1.8, 10);
    expect(Object.fromEntries(f.units.map((u) => [u.key, u.position]))).toEqual({
      u0: 'below_95', u1: 'inside', u2: 'inside', u3: 'inside', u4: 'inside', u5: 'inside', u6: 'inside', u7: 'inside', u8: 'inside', u9: 'above_998',
    });
    // Without the adjustment the exact limits at n = 100 are about ±0.1 (95%) and ±0.155 (99.8%): 0.3 and 0.8 fall beyond 99.8%, 0.4 and 0.6 are on the edge.
    const raw = funnel(units, { target: 0.5, overdispersion: 'off' });
    expect(raw.adjusted).toBe(false);
    expect(raw.units[0]!.position).toBe('below_998');
    expect(raw.units[9]!.position).toBe('above_998');
  });

  it('adjusts only when I·φ passes the 95th percentile of χ² with I − 1 degrees of freedom (16.919 for ten units)', () => {
    // Ten units of 100 around 0.5 (sd 0.05): z = −2, −2, ∓0.6 or ∓0.8, 0 ×4, 2, 2 (winsorising changes nothing: the 10th and 90th are −2 and 2).
    const at = (d: number) => [40, 40, 50 - d, 50, 50, 50, 50, 50 + d, 60, 60].map((numerator, i) => ({ key: `u${i}`, numerator, denominator: 100 }));
    // I·φ = 4·4 + 2·0.36 = 16.72 < 16.919: φ = 1.672 > 1 but not significant.
    const below = funnel(at(3), { target: 0.5 });
    expect(below.phi_estimate).toBeCloseTo(1.672, 10);
    expect(below.adjusted).toBe(false);
    // I·φ = 16 + 2·0.64 = 17.28 > 16.919: adjusted.
    const above = funnel(at(4), { target: 0.5 });
    expect(above.phi_estimate).toBeCloseTo(1.728, 10);
    expect(above.adjusted).toBe(true);
  });

  it('centres on the pooled rate and leaves units without a denominator out', () => {
    // (85 + 160) / (100 + 200) = 0.816667.
    const f = funnel([{ key: 'a', numerator: 85, denominator: 100 }, { key: 'b', numerator: 160, denominator: 200 }, { key: 'c', numerator: 0, denominator: 0 }]);
    expect(f.p0).toBeCloseTo(0.816667, 6);
    expect(f.units.map((u) => u.key)).toEqual(['a', 'b']);
    // z = 0.0333/√(0.14972/100) = 0.861 and −0.0167/√(0.14972/200) = −0.609: φ = (0.742 + 0.371)/2 = 0.557 < 1, exact limits.
    expect(f.phi_estimate).toBeCloseTo(0.557, 2);
    expect(f.adjusted).toBe(false);
    expect(f.units.map((u) => u.position)).toEqual(['inside', 'inside']);
  });
});
