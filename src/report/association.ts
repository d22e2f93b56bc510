/**
 * Association mode's comparisons: a funnel per rate KPI across the member companies, from their
 * facts (CSV folders or aggregate packages alike). A company whose denominator is 1..threshold is
 * left out of the plot and the lists (its position would give its rate away), only counted.
 */
import { kpiById } from '../kpi/catalogue.ts';
import { funnel, type FunnelPosition } from '../kpi/funnel.ts';
import type { CompanyFacts } from './model.ts';

export interface Member { slug: string; name: { zh: string; en: string }; facts: CompanyFacts }

export interface PublishedUnit { slug: string; name: { zh: string; en: string }; rate: number; denominator: number; position: FunnelPosition }

export interface KpiFunnel {
  id: string;
  direction: 'higher' | 'lower';
  /** Pooled rate of every member with data (withheld ones included: it is an aggregate). */
  p0: number;
  phi: number;
  adjusted: boolean;
  method: string;
  units: PublishedUnit[];
  /** Members with 1..threshold observations, not shown. */
  withheld: number;
  /** Members without data for the KPI. */
  missing: number;
  /** The limits at n, for the chart. */
  limitsAt: ReturnType<typeof funnel>['limitsAt'];
}

/** One funnel per rate KPI that at least two members report. */
export function associationFunnels(members: readonly Member[], threshold: number): KpiFunnel[] {
  const ids = [...new Set(members.flatMap((m) => m.facts.kpis.map((k) => k.id)))].filter((id) => kpiById(id).kind === 'rate');
  const out: KpiFunnel[] = [];
  for (const id of ids) {
    const rows = members.flatMap((m) => {
      const k = m.facts.kpis.find((x) => x.id === id);
      return k && k.numerator !== null && k.denominator !== null && k.denominator > 0 ? [{ m, numerator: k.numerator, denominator: k.denominator }] : [];
    });
    if (rows.length < 2) continue;
    const f = funnel(rows.map((r) => ({ key: r.m.slug, numerator: r.numerator, denominator: r.denominator })));
    const bySlug = new Map(rows.map((r) => [r.m.slug, r.m]));
    const shown = f.units.filter((u) => u.denominator > threshold);
    out.push({
      id, direction: kpiById(id).direction === 'lower' ? 'lower' : 'higher', p0: f.p0, phi: f.phi, adjusted: f.adjusted, method: f.method,
      units: shown.map((u) => ({ slug: u.key, name: bySlug.get(u.key)!.name, rate: u.rate, denominator: u.denominator, position: u.position })),
      withheld: f.units.length - shown.length, missing: members.length - rows.length, limitsAt: f.limitsAt,
    });
  }
  return out;
}
