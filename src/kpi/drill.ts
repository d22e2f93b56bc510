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
import { denCol, numCol, type DrillMeta } from './drill-rows.ts';

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

/** What the panel shows of `dataset` (drill-rows.ts DrillMeta), read from its definition. */
export function drillMeta(dataset: string): DrillMeta {
  const d = datasetByName(dataset);
  const heads: Record<string, string> = {};
  const codes: Record<string, Record<string, string>> = {};
  for (const [name, spec] of Object.entries(d.columns)) {
    heads[name] = spec.aliases[0] ?? name;
    if (spec.labels) codes[name] = Object.fromEntries(Object.entries(spec.labels).map(([code, labels]) => [code, labels[0] ?? code]));
  }
  return { label: { zh: d.label.zh, en: d.label.en }, heads, codes, branch: 'branch' in d.columns, service: 'service_type' in d.columns };
}
