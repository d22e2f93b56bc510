/** Writes a dataset's columns as `<name>.arrow` (for the browser) and `<name>.parquet` (for analysts and the build). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '../datasets/define.ts';
import type { DatasetColumns } from './columns.ts';
import { tableToIPC } from 'apache-arrow';
import { toArrowTable } from './write-arrow.ts';
import { writeParquet } from './write-parquet.ts';

/** Writes both files into `dir` and returns their names. */
export async function storeDataset(d: Dataset, t: DatasetColumns, conn: DuckDBConnection, dir: string): Promise<{ arrow: string; parquet: string }> {
  const arrow = `${d.name}.arrow`;
  const parquet = `${d.name}.parquet`;
  const table = toArrowTable(t.columns, t.values);
  await writeFile(join(dir, arrow), tableToIPC(table, 'stream'));
  await writeParquet(conn, t.columns, table, join(dir, parquet));
  return { arrow, parquet };
}
