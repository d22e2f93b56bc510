/**
 * Writes sample files as .xlsx workbooks (one per dataset, one sheet named after it), as an
 * office saves them from Excel: Chinese headers and labels, dates and times as date cells
 * (serials with a date format), numbers as numbers.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { datasetByName } from '../datasets/registry.ts';
import { formatValue, type FileSpec } from '../sample/write.ts';

const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** The workbook bytes of one file spec. */
export function xlsxBytes(f: FileSpec): Uint8Array {
  const d = datasetByName(f.dataset);
  const cols = Object.keys(d.columns);
  const aoa: unknown[][] = [cols.map((c) => (f.style === 'zh' ? d.columns[c]!.aliases[0]! : c))];
  f.rows.forEach((row, i) => {
    aoa.push(cols.map((c) => {
      const v = row[c] ?? null;
      const kind = d.columns[c]!.kind;
      if (typeof v === 'number' && (kind === 'timestamp' || kind === 'date')) {
        // Whole seconds, as the CSV writer prints them.
        return { t: 'n', v: (Math.floor(v / 1000) * 1000 - EPOCH_1900) / 86_400_000, z: kind === 'date' ? 'yyyy/m/d' : 'yyyy/m/d h:mm' };
      }
      if (typeof v === 'number' && kind === 'number') return v;
      return formatValue(d, c, v, f.style, i);
    }));
  });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), d.label.zh);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

/** Writes each spec to `<dir>/<name>.xlsx`. */
export async function writeXlsxSample(dir: string, files: readonly FileSpec[]): Promise<void> {
  for (const f of files) await writeFile(join(dir, f.name.replace(/\.csv$/i, '.xlsx')), xlsxBytes(f));
}
