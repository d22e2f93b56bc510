/**
 * Drill-down: the rows behind a KPI figure. At build time each additive KPI's facts (which name
 * their source row, `rowOf`) are joined back to the dataset's rows into one table per dataset:
 * the row's columns that are not personal data, where it counts (`_at`, `_branch`, `_service`)
 * and, per KPI, what it adds to the numerator and denominator (`<kpi>:num`, `<kpi>:den`). The
 * browser filters those rows exactly as the facts are summed (define.ts sumFacts), so the rows it
 * shows add up to the figure.
 */
import { datasetByName } from '../datasets/registry.ts';
import { storedColumns, type StoredColumn } from '../datasets/storage.ts';
import { globalsCte, paramsCte, type KpiDef } from './define.ts';

/** One dataset's drill-down table: its columns (in order) and the KPIs it holds rows of. */
export interface DrillTable { dataset: string; columns: StoredColumn[]; kpis: string[] }
/**
 * What the build wrote: per dataset, the table and its row count per month (YYYY-MM); for the
 * staff KPIs (no dated rows), per period id instead (`periods`: one file each, rows placed at
 * the period's start).
 */
export interface RowsIndex { v: 1; tables: (DrillTable & { parts: Record<string, number>; periods?: Record<string, number> })[] }

/** The column of what a row adds to `kpi`'s numerator. */
export const numCol = (kpi: string) => `${kpi}:num`;
/** The column of what a row adds to `kpi`'s denominator. */
export const denCol = (kpi: string) => `${kpi}:den`;

/** The dataset's own stored columns a drill-down shows: all but hashed personal data and the source (which comes last). */
function ownColumns(dataset: string): StoredColumn[] {
  const d = datasetByName(dataset);
  return storedColumns(d).filter((c) => c.name !== 'source_file' && c.name !== 'source_line' && d.columns[c.name]?.pii !== 'hash');
}

/** Columns of `dataset` shown in a drill-down: its own, then where the row counts, what it adds per KPI, and the source. */
export function drillColumns(dataset: string, kpis: readonly string[]): StoredColumn[] {
  return [
    ...ownColumns(dataset),
    { name: '_at', kind: 'timestamp', dictionary: false }, { name: '_branch', kind: 'string', dictionary: true }, { name: '_service', kind: 'string', dictionary: true },
    ...kpis.flatMap((k): StoredColumn[] => [{ name: numCol(k), kind: 'number', dictionary: false }, { name: denCol(k), kind: 'number', dictionary: false }]),
    { name: 'source_file', kind: 'string', dictionary: true }, { name: 'source_line', kind: 'integer', dictionary: false },
  ];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * SQL creating table `name` of `dataset`'s rows counted by `kpis` (additive, with facts), given one
 * slice of parameters (only as-of, satisfied threshold and recurring window matter, as for cubes).
 */
export function drillTableSql(name: string, dataset: string, kpis: readonly KpiDef[]): string {
  const facts = kpis.map((k) => `SELECT '${k.id}' AS kpi, x.at, x.branch, x.service_type, x.num, x.den, x.source_file, x.source_line FROM (${k.facts}) x WHERE x.ds = '${dataset}' AND x.at IS NOT NULL`);
  const sums = kpis.flatMap((k) => [`sum(f.num) FILTER (WHERE f.kpi = '${k.id}') AS ${q(numCol(k.id))}`, `sum(f.den) FILTER (WHERE f.kpi = '${k.id}') AS ${q(denCol(k.id))}`]);
  const own = ownColumns(dataset);
  return `CREATE OR REPLACE TEMP TABLE ${name} AS WITH ${paramsCte(1)},\n${globalsCte},\nf AS (${facts.join('\n  UNION ALL ')}),
-- Every KPI on a dataset places its rows by the same time, branch and service type (tested).
a AS (SELECT f.source_file, f.source_line, min(f.at) AS _at, min(f.branch) AS _branch, min(f.service_type) AS _service, ${sums.join(', ')}
  FROM f GROUP BY f.source_file, f.source_line)
SELECT ${own.map((c) => `r.${q(c.name)}`).join(', ')}, a._at, a._branch, a._service, ${kpis.flatMap((k) => [`a.${q(numCol(k.id))}`, `a.${q(denCol(k.id))}`]).join(', ')}, r.source_file, r.source_line
FROM a JOIN ${dataset} r ON r.source_file = a.source_file AND r.source_line = a.source_line`;
}

/** The slice a drill-down shows: as `sumFacts` filters facts (branch/service '' = all); `period` is its id (staff KPIs' files). */
export interface DrillSlice { kpi: string; start: number; stop: number; branch: string; service: string; period?: string }

/** Whether a drill-down row is behind the slice's figure (it adds to its numerator or denominator). */
export function inSlice(row: Record<string, unknown>, s: DrillSlice): boolean {
  const at = row._at as number | null;
  if (at === null || at < s.start || at >= s.stop) return false;
  if (s.branch !== '' && row._branch !== s.branch) return false;
  if (s.service !== '' && row._service !== s.service) return false;
  const num = row[numCol(s.kpi)] as number | null, den = row[denCol(s.kpi)] as number | null;
  return (num ?? 0) !== 0 || (den ?? 0) !== 0;
}

/** The months (YYYY-MM) a slice's rows can be in. */
export function sliceMonths(s: Pick<DrillSlice, 'start' | 'stop'>): string[] {
  const out: string[] = [];
  const d = new Date(s.start);
  for (let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); t < s.stop; t = Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1)) out.push(new Date(t).toISOString().slice(0, 7));
  return out;
}
