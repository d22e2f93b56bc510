/**
 * Spreadsheet inputs (.xlsx, .xlsm, .xls, .ods) through SheetJS (`@e965/xlsx`, loaded only when
 * a workbook is present). Each sheet becomes a source of its own, `file.xlsx#sheet`, whose
 * records are the sheet's rows with their sheet row numbers, cells given as the text a CSV
 * export of them would hold: date cells as `YYYY-MM-DD HH:MM:SS` local time, converted from the
 * serial exactly (1900 or 1904 date system), numbers in their shortest exact form. From there a
 * sheet is read like a CSV file: title rows, summary rows, rejects and supersession alike.
 */
import { formatLocalDate, formatLocalTimestamp } from '../lib/datetime.ts';
import type { CsvRecord } from './parse.ts';

export const WORKBOOK_FILE = /\.(xlsx|xlsm|xls|ods)$/i;

export interface Sheet { name: string; records: CsvRecord[] }

type XlsxModule = typeof import('@e965/xlsx');
let lib: Promise<XlsxModule> | null = null;
const xlsx = () => (lib ??= import('@e965/xlsx'));

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The text of a date cell's serial `v`: local wall time to the second. In the 1900 system
 * serials below 60 are a day early (Excel counts a 1900-02-29 that never was); serial 60 is that
 * day and is written as such, for the validator to refuse.
 */
export function serialText(v: number, date1904: boolean): string {
  if (!date1904 && v >= 60 && v < 61) return '1900-02-29';
  const base = date1904 ? EPOCH_1904 : EPOCH_1900 + (v < 60 ? DAY_MS : 0);
  const t = base + Math.round(v * 86_400) * 1000;
  return Number.isInteger(v) ? formatLocalDate(t) : formatLocalTimestamp(t);
}

interface Cell { t: string; v?: unknown; w?: string; z?: unknown }

function cellText(c: Cell | undefined, isDate: (fmt: unknown) => boolean, date1904: boolean): string {
  if (!c) return '';
  switch (c.t) {
    case 's': return String(c.v ?? '');
    case 'n': return isDate(c.z) ? serialText(c.v as number, date1904) : String(c.v);
    case 'b': return c.v ? 'true' : 'false';
    case 'd': return formatLocalTimestamp((c.v as Date).getTime());
    // Error cells (#N/A, #DIV/0!) as Excel shows them: #N/A is empty, others are refused with their text.
    case 'e': return c.w ?? '#N/A';
    default: return '';
  }
}

/**
 * The sheets of workbook `bytes`, in workbook order, each with its non-blank rows. Throws with
 * SheetJS's reason when the file is not a readable workbook (corrupt, encrypted).
 */
export async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  const X = await xlsx();
  const wb = X.read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false, cellText: false, cellHTML: false, cellFormula: false });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const isDate = (fmt: unknown) => typeof fmt === 'string' && fmt !== 'General' && Boolean(X.SSF.is_date(fmt));
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name]!;
    const data = (ws['!data'] ?? []) as (Cell[] | undefined)[];
    const rows: CsvRecord[] = [];
    let width = 0;
    data.forEach((row, r) => {
      if (!row) return;
      const fields: string[] = [];
      for (let c = 0; c < row.length; c++) fields.push(cellText(row[c], isDate, date1904));
      while (fields.length > 0 && fields.at(-1)!.trim() === '') fields.pop();
      if (fields.length === 0) return;
      width = Math.max(width, fields.length);
      rows.push({ line: r + 1, fields });
    });
    // One width for every row, as in a CSV export of the sheet: trailing empty cells are empty fields.
    const records = rows.map((rec) => (rec.fields.length < width ? { line: rec.line, fields: [...rec.fields, ...Array<string>(width - rec.fields.length).fill('')] } : rec));
    return { name, records };
  });
}
