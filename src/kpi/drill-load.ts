/**
 * Reads the drill-down rows of a slice from the row partitions, in Node (tests) and the browser
 * alike: only the months the slice covers are fetched, each once.
 */
import { tableFromIPC } from 'apache-arrow';
import { inSlice, sliceMonths, type DrillSlice, type RowsIndex } from './drill.ts';
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

/** Plain values of an Arrow row (timestamps and dates as local ms, as the rest of the code uses). */
function plainRow(r: { toJSON(): Record<string, unknown> }): Record<string, unknown> {
  const o = r.toJSON();
  for (const k in o) {
    const v = o[k];
    if (v instanceof Date) o[k] = v.getTime();
    else if (typeof v === 'bigint') o[k] = Number(v);
  }
  return o;
}

/** The rows behind the slice's figure, per dataset; `fetchPart` gives a partition's bytes (memoise it to fetch each once). */
export async function loadDrillRows(index: RowsIndex, s: DrillSlice, fetchPart: (file: string) => Promise<Uint8Array>): Promise<DrillRows[]> {
  return Promise.all(partsFor(index, s).map(async ({ table, files }) => {
    const rows: Record<string, unknown>[] = [];
    for (const bytes of await Promise.all(files.map(fetchPart))) {
      for (const r of tableFromIPC(bytes)) {
        const row = plainRow(r as unknown as { toJSON(): Record<string, unknown> });
        if (inSlice(row, s)) rows.push(row);
      }
    }
    return { table, rows };
  }));
}
