/**
 * Which files of a folder (or of a drop on the Try page) the ingest reads: CSV-like text and
 * spreadsheets. Any other file (pdf, zip, docx…) is listed as not ingested, never skipped in
 * silence; only dot files (.DS_Store, ~$ lock files of open workbooks) are passed over.
 */
import { WORKBOOK_FILE } from './workbook.ts';

const CSV_FILE = /\.(csv|tsv|txt)$/i;

/** Whether the ingest reads a file of this name (CSV, TSV, text, .xlsx/.xlsm/.xls/.ods). */
export const isIngestFile = (name: string): boolean => CSV_FILE.test(name) || WORKBOOK_FILE.test(name);

/** Files no one handed over on purpose: dot files and Office's `~$` lock files. */
export const isHiddenFile = (name: string): boolean => name.startsWith('.') || name.startsWith('~$');
