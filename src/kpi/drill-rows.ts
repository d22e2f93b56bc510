/**
 * The drill-down's rows as the browser reads them (the build side is kpi/drill.ts): the index of
 * partitions, the columns of what a row adds per KPI, and which rows are behind a slice's figure.
 * Nothing here imports a dataset's definition: what the panel shows of one travels in the index.
 */
import type { StoredColumn } from '../datasets/storage.ts';

/**
 * What the panel shows of a dataset: its name, each column's Chinese heading (the first alias an
 * export uses), each coded column's Chinese label per code, and whether the dataset has its own
 * branch and service-type columns (else the panel shows where a row was counted).
 */
export interface DrillMeta { label: { zh: string; en: string }; heads: Record<string, string>; codes: Record<string, Record<string, string>>; branch: boolean; service: boolean }
/** One dataset's drill-down table: its columns (in order), the KPIs it holds rows of, and what the panel shows of it. */
export interface DrillTable { dataset: string; columns: StoredColumn[]; kpis: string[]; meta: DrillMeta }
/**
 * What the build wrote: per dataset, the table and its row count per month (YYYY-MM); for the
 * staff KPIs (no dated rows), per period id instead (`periods`: one file each, rows placed at
 * the period's start).
 */
export interface RowsIndex { v: 2; tables: (DrillTable & { parts: Record<string, number>; periods?: Record<string, number> })[] }

/** The column of what a row adds to `kpi`'s numerator. */
export const numCol = (kpi: string) => `${kpi}:num`;
/** The column of what a row adds to `kpi`'s denominator. */
export const denCol = (kpi: string) => `${kpi}:den`;

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
