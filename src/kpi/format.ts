/** Plain-text formatting of KPI results for the terminal. */
import { kpiById } from './catalogue.ts';
import type { KpiFilter, KpiResult } from './engine.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Formats a value in the KPI's unit. */
export function formatValue(id: string, v: number | null): string {
  if (v === null) return '–';
  const k = kpiById(id);
  if (k.unit === 'ratio') return pct(v);
  if (k.unit === 'hours') return `${v.toFixed(1)} h`;
  return v.toFixed(2);
}

const STATUS: Record<KpiResult['status'], string> = {
  met: 'met', missed: 'MISSED', insufficient: 'insufficient data', no_target: 'no target', not_applicable: 'n/a for a service type', no_data: 'no data',
};

/** A readable table: KPI, value, 95% CI, n, target, status. */
export function formatKpiTable(results: readonly KpiResult[], meta: { period: string; asOf: string; filter?: KpiFilter | undefined }): string {
  const rows = results.map((r) => {
    const k = kpiById(r.id);
    const size = r.n ?? r.denominator;
    return [
      k.label.en, formatValue(r.id, r.value), r.ci_low === null ? '' : `${formatValue(r.id, r.ci_low)}–${formatValue(r.id, r.ci_high)}`,
      size === null ? '' : String(Math.round(size * 10) / 10), r.target === null ? '–' : `${k.direction === 'higher' ? '≥' : '≤'} ${formatValue(r.id, r.target)}`, STATUS[r.status],
    ];
  });
  const header = ['KPI', 'value', '95% CI', 'n', 'target', 'status'];
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 5 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  const filter = [meta.filter?.branch && `branch ${meta.filter.branch}`, meta.filter?.serviceType && `service ${meta.filter.serviceType}`].filter(Boolean).join(', ');
  return [`Period ${meta.period}${filter ? ` (${filter})` : ''}, data as of ${meta.asOf}`, line(header), ...rows.map(line)].join('\n');
}
