/**
 * Pass 1 for workbooks: each .xlsx/.xls/.ods source is opened once and stands for its sheets,
 * one source each (`file.xlsx#sheet`). Shared by the Node ingest and the Try-your-data worker.
 */
import type { Dataset } from '../datasets/define.ts';
import { datasetByFileName } from './headers.ts';
import type { Sha256 } from './hash.ts';
import { HEADER_SEARCH_LINES } from './office-rows.ts';
import type { CsvRecord } from './parse.ts';
import type { SourceFile } from './types.ts';
import { datasetOfRecords } from './read-file.ts';
import { readWorkbook, WORKBOOK_FILE } from './workbook.ts';

export interface Expanded { sources: SourceFile[]; unreadable: { name: string; reason: string }[]; emptySheets: string[] }

/** `files` with every workbook replaced by its non-empty sheets. */
export async function expandWorkbooks(files: readonly SourceFile[], sha256: Sha256): Promise<Expanded> {
  const out: Expanded = { sources: [], unreadable: [], emptySheets: [] };
  for (const f of files) {
    if (!WORKBOOK_FILE.test(f.name) || f.sheet) {
      out.sources.push(f);
      continue;
    }
    const bytes = await f.bytes();
    let sheets;
    try {
      sheets = await readWorkbook(bytes);
    } catch (e) {
      out.unreadable.push({ name: f.name, reason: (e as Error).message.split('\n')[0]!.slice(0, 200) });
      continue;
    }
    let whole: string | null = null;
    const workbookHash = () => (whole ??= sha256([bytes]));
    for (const s of sheets) {
      const name = `${f.name}#${s.name}`;
      if (s.records.length === 0) {
        out.emptySheets.push(name);
        continue;
      }
      // A sheet's hash covers the workbook and the sheet's name: it changes when the workbook does.
      const hash = sha256([workbookHash(), '\u0000', s.name]);
      out.sources.push({ name, bytes: f.bytes, sha256: () => Promise.resolve(hash), sheet: { name: s.name, size: bytes.length, records: s.records } });
    }
  }
  return out;
}

/**
 * A sheet's dataset: by the sheet's name (`订单`, `投诉记录`), else its header row (after any
 * title rows), else the workbook's file name (`orders-2026.xlsx` with one sheet `Sheet1`).
 */
export function sheetDataset(name: string, sheet: string, records: readonly CsvRecord[]): Dataset | null {
  return datasetByFileName(sheet) ?? datasetOfRecords(records.slice(0, HEADER_SEARCH_LINES).map((r) => r.fields)) ?? datasetByFileName(name);
}
