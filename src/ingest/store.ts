/** Writes a dataset's columns as `<name>.arrow` (for the browser) and `<name>.parquet` (for analysts and the build). */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RecordBatchStreamWriter, type Table } from 'apache-arrow';
import type { Dataset } from '../datasets/define.ts';
import type { DatasetColumns } from './columns.ts';
import { toArrowTable } from './write-arrow.ts';
import { stageParquet } from './write-parquet.ts';

export interface DatasetStore {
  /** Writes both files of `d` into the folder and returns their names; the Parquet file may still be in progress. */
  store(d: Dataset, t: DatasetColumns): Promise<{ arrow: string; parquet: string }>;
  /** Waits for `p` (a Parquet file written elsewhere) in finish(). */
  track(p: Promise<void>): void;
  /** Resolves when every Parquet file is complete; rejects with the first failure. */
  finish(): Promise<void>;
}

/** A store over `dir`: Parquet files are finished by DuckDB one after another while the next datasets are read. */
export function datasetStore(conn: DuckDBConnection, dir: string): DatasetStore {
  // One COPY at a time on the connection; a failure is kept for finish() (and never unhandled).
  let queue: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  return {
    async store(d, t) {
      const arrow = `${d.name}.arrow`;
      const parquet = `${d.name}.parquet`;
      const table = toArrowTable(t.columns, t.values);
      const copy = await stageParquet(t.columns, table, join(dir, parquet));
      queue = queue.then(() => copy(conn)).catch((e: unknown) => { failure ??= e; });
      await writeArrowFile(join(dir, arrow), table);
      return { arrow, parquet };
    },
    track(p) {
      queue = Promise.all([queue, p.catch((e: unknown) => { failure ??= e; })]).then(() => undefined);
    },
    async finish() {
      await queue;
      if (failure !== null) throw failure;
    },
  };
}

/**
 * Writes `table` as an Arrow IPC stream file: the writer's pieces go out in one gathered write
 * (tableToIPC would first copy them all into one buffer; a third of the time at 1M rows).
 * `meanwhile` runs on this thread while the operating system writes.
 */
export async function writeArrowFile(path: string, table: Table, meanwhile?: () => void): Promise<void> {
  const pieces: Uint8Array[] = [];
  for await (const piece of RecordBatchStreamWriter.writeAll(table)) pieces.push(piece);
  const f = await open(path, 'w');
  try {
    const written = f.writev(pieces);
    try {
      meanwhile?.();
    } finally {
      await written;
    }
  } finally {
    await f.close();
  }
}
