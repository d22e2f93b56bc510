/**
 * Generated member companies for association-mode benchmarks and tests: aggregate packages
 * derived from one real company's facts, each scaled to its own size (30× smaller to 5× larger)
 * with its own quality level, from a fixed seed.
 */
import { kpiById } from '../kpi/catalogue.ts';
import type { KpiResult } from '../kpi/engine.ts';
import { wilson } from '../kpi/stats.ts';
import { Rand } from '../sample/random.ts';
import type { CompanyFacts, CountRow } from '../report/model.ts';
import { makePackage, type AggregatePackage } from '../report/package.ts';

/** A binomial draw (normal approximation above 50 trials). */
function binomial(r: Rand, n: number, p: number): number {
  if (n <= 50) {
    let x = 0;
    for (let i = 0; i < n; i++) if (r.chance(p)) x++;
    return x;
  }
  const z = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
}

function rescale(k: KpiResult, r: Rand, size: number, effect: number, floor: number): KpiResult {
  const def = kpiById(k.id);
  if (def.kind !== 'rate' || k.numerator === null || k.denominator === null || k.denominator <= 0 || k.value === null) {
    const n = k.n === null ? null : Math.round(k.n * size);
    return { ...k, n };
  }
  const den = Math.round(k.denominator * size);
  const p = Math.min(0.999, Math.max(0.001, k.value + effect * (def.direction === 'lower' ? -1 : 1)));
  const num = binomial(r, den, p);
  const value = den > 0 ? num / den : null;
  const ci = den > 0 ? wilson(num, den) : null;
  const met = value === null || k.target === null ? null : def.direction === 'lower' ? value <= k.target : value >= k.target;
  const status: KpiResult['status'] = value === null ? 'no_data' : k.target === null ? 'no_target' : den < floor ? 'insufficient' : met ? 'met' : 'missed';
  return { ...k, numerator: num, denominator: den, value, ci_low: ci?.low ?? null, ci_high: ci?.high ?? null, met: status === 'insufficient' ? null : met, status };
}

const scaleRows = (rows: readonly CountRow[], size: number): CountRow[] => rows.map((x) => {
  const received = Math.round(x.received * size);
  return { key: x.key, received, closed: Math.min(received, Math.round(x.closed * size)) };
});

/** `count` packages of generated members for `base`'s period; `floor` is the sample floor. */
export function generateMembers(base: CompanyFacts, count: number, seed = 20261206, floor = 30): AggregatePackage[] {
  const r = new Rand(seed);
  return Array.from({ length: count }, (_, i) => {
    const size = Math.exp(Math.log(1 / 30) + r.next() * Math.log(150)); // 1/30 … 5 of the base company
    // Most members near the base; one in ten clearly worse, one in twenty clearly better (a positive effect is better).
    const effect = r.chance(0.1) ? -0.08 : r.chance(0.05) ? 0.04 : (r.next() - 0.5) * 0.02;
    const no = String(i + 1).padStart(4, '0');
    const facts: CompanyFacts = {
      ...base,
      company: { name: `会员企业${no}`, name_en: `Member ${no}` },
      kpis: base.kpis.map((k) => rescale(k, r, size, effect, floor)),
      trend: base.trend.map((t) => ({ period: t.period, kpis: t.kpis.map((k) => rescale(k, r, size, effect, floor)) })),
      complaints_by_category: scaleRows(base.complaints_by_category, size),
      complaints_by_branch: scaleRows(base.complaints_by_branch, size),
      coverage: base.coverage.map((c) => {
        const [a, j, s] = [c.rows_accepted, c.rows_rejected, c.rows_superseded].map((v) => Math.round(v * size)) as [number, number, number];
        return { ...c, rows_read: a + j + s, rows_accepted: a, rows_rejected: j, rows_superseded: s };
      }),
      rejects: Math.round(base.rejects * size),
    };
    return makePackage(facts);
  });
}
