/**
 * Reads the drill-down rows of a slice from the row partitions, in Node (tests) and the browser
 * alike: only the months the slice covers are fetched, each once.
 */
import { tableFromIPC } from 'apache-arrow';
import { inSlice, sliceMonths, type DrillSlice, type RowsIndex } from './drill-rows.ts';
import { rowsFile } from '../site/site-files.ts';

/** One dataset's rows behind a figure. */
export interface DrillRows { table: RowsIndex['tables'][number]; rows: Record<string, unknown>[] }

/** The partition files a slice needs (datasets holding the KPI × months with rows). */
export function partsFor(index: RowsIndex, s: Pick<DrillSlice, 'kpi' | 'start' | 'stop' | 'period'>): { table: RowsIndex['tables'][number]; files: string[] }[] {
  const months = sliceMonths(s);
  return index.tables.filter((t) => t.kpis.includes(s.kpi)).map((table) => ({
    table,
    files: table.periods
      ? (s.period !== undefined && table.periods[s.period] ? [rowsFile(table.dataset, s.period)] : [])
      : months.filter((m) => table.parts[m]).map((m) => rowsFile(table.dataset, m)),
  }));
}

/** A plain value of an Arrow cell (timestamps and dates as local ms, as the rest of the code uses). */
const plain = (v: unknown): unknown => (v instanceof Date ? v.getTime() : typeof v === 'bigint' ? Number(v) : v);

// Decoded once per partition's bytes: a drill-down opened again (or refreshed) reuses its rows.
const decoded = new WeakMap<Uint8Array, Record<string, unknown>[]>();

/** A partition's rows as plain objects, read column by column (far faster than a row proxy each). */
function rowsOf(bytes: Uint8Array): Record<string, unknown>[] {
  let rows = decoded.get(bytes);
  if (!rows) {
    const t = tableFromIPC(bytes);
    const cols = t.schema.fields.map((f) => [f.name, Array.from(t.getChild(f.name)!, plain)] as const);
    rows = Array.from({ length: t.numRows }, (_, i) => {
      const o: Record<string, unknown> = {};
      for (const [name, values] of cols) o[name] = values[i];
      return o;
    });
    decoded.set(bytes, rows);
  }
  return rows;
}

/** The rows behind the slice's figure, per dataset; `fetchPart` gives a partition's bytes (memoise it to fetch each once). */
export async function loadDrillRows(index: RowsIndex, s: DrillSlice, fetchPart: (file: string) => Promise<Uint8Array>): Promise<DrillRows[]> {
  return Promise.all(partsFor(index, s).map(async ({ table, files }) => {
    const rows: Record<string, unknown>[] = [];
    for (const bytes of await Promise.all(files.map(fetchPart))) {
      for (const row of rowsOf(bytes)) if (inSlice(row, s)) rows.push(row);
    }
    return { table, rows };
  }));
}
