/**
 * The export shapes bench:ingest measures: the same generated rows written as the sample's
 * form, ISO 8601 (with and without offset), Chinese Excel dates, 年月日, Excel serials, a
 * GB18030 export with Chinese headers and labels, and an .xlsx workbook. Each comes with the
 * folder DuckDB's `read_csv` baseline reads: the files themselves where DuckDB can read them,
 * else their UTF-8 CSV twin (GB18030, .xlsx).
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SampleData } from '../sample/generate.ts';
import { plainFiles } from '../sample/files.ts';
import { writeSample, type DateForm, type FileSpec } from '../sample/write.ts';
import { writeXlsxSample } from './xlsx-sample.ts';

interface Shape { dates?: DateForm; style: FileSpec['style']; encoding: FileSpec['encoding']; xlsx?: boolean }

export const FORMATS: Readonly<Record<string, Shape>> = {
  canonical: { dates: 'canonical', style: 'en', encoding: 'utf-8' },
  iso: { dates: 'iso', style: 'en', encoding: 'utf-8' },
  'iso-offset': { dates: 'iso-offset', style: 'en', encoding: 'utf-8' },
  'excel-cn': { dates: 'slash', style: 'en', encoding: 'utf-8' },
  'nian-yue-ri': { dates: 'chinese', style: 'en', encoding: 'utf-8' },
  'excel-serial': { dates: 'serial', style: 'en', encoding: 'utf-8' },
  'gb18030-zh': { style: 'zh', encoding: 'gb18030' },
  xlsx: { style: 'zh', encoding: 'utf-8', xlsx: true },
};

export type FormatName = keyof typeof FORMATS;

/** Whether the ingest's input is the orders file alone or every dataset of the company. */
export type Scope = 'orders' | 'company';

/**
 * Writes `data` in shape `format` to `<dir>/in`, and the baseline's copy to `<dir>/duckdb` when
 * DuckDB cannot read the input itself; returns both folders.
 */
export async function writeFormat(dir: string, format: string, data: SampleData, scope: Scope): Promise<{ inDir: string; duckDir: string }> {
  const shape = FORMATS[format];
  if (!shape) throw new Error(`unknown format ${format} (one of: ${Object.keys(FORMATS).join(', ')})`);
  const files = plainFiles(data)
    .filter((f) => scope === 'company' || f.dataset === 'orders')
    .map((f) => ({ ...f, style: shape.style, encoding: shape.encoding, ...(shape.dates ? { dates: shape.dates } : {}) }));
  const inDir = join(dir, 'in');
  await rm(dir, { recursive: true, force: true });
  await mkdir(inDir, { recursive: true });
  if (shape.xlsx) await writeXlsxSample(inDir, files);
  else await writeSample(inDir, files);
  if (!shape.xlsx && shape.encoding !== 'gb18030') return { inDir, duckDir: inDir };
  const duckDir = join(dir, 'duckdb');
  await writeSample(duckDir, files.map((f) => ({ ...f, encoding: 'utf-8' })));
  return { inDir, duckDir };
}
