/**
 * The two output files hold exactly the values they were given: Arrow (buffers filled directly)
 * and Parquet (staged as CSV for DuckDB), for every column kind, nulls everywhere, and strings a
 * CSV could mangle.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DATASETS } from '../../src/datasets/registry.ts';
import { storedColumns, type StoredColumn } from '../../src/datasets/storage.ts';
import { datasetStore } from '../../src/ingest/store.ts';
import { toArrowTable } from '../../src/ingest/write-arrow.ts';
import { stageParquet } from '../../src/ingest/write-parquet.ts';
import { cleanup, tempDir } from '../helpers.ts';

const COLUMNS: StoredColumn[] = [
  { name: 'text', kind: 'string', dictionary: false },
  { name: 'branch', kind: 'string', dictionary: true },
  { name: 'at', kind: 'timestamp', dictionary: false },
  { name: 'day', kind: 'date', dictionary: false },
  { name: 'n', kind: 'integer', dictionary: false },
  { name: 'x', kind: 'number', dictionary: false },
  { name: 'ok', kind: 'boolean', dictionary: false },
];
const DAY = 86_400_000;
const HOSTILE = ['a"b', '"', '""', 'x,y', 'line\nbreak', 'crlf\r\nend', '', 'NULL', ' lead', 'trail ', '\\N', '中文，逗号', '😀', '=cmd|/c calc', 'x'.repeat(5000), '\t'];
const n = HOSTILE.length + 3;
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;
const VALUES: unknown[][] = [
  [...HOSTILE, null, 'plain', null],
  Array.from({ length: n }, (_, i) => (i % 4 === 3 ? null : pick(['朝阳店', 'a"b', '', 'x,y'], i))),
  Array.from({ length: n }, (_, i) => (i % 5 === 4 ? null : pick([Date.UTC(2026, 6, 5, 14, 3), Date.UTC(1969, 11, 31, 23, 59, 59), 0, Date.UTC(2099, 0, 1)], i))),
  Array.from({ length: n }, (_, i) => (i % 6 === 5 ? null : pick([Date.UTC(2026, 1, 28), Date.UTC(1950, 0, 1), 0, Date.UTC(2000, 1, 29)], i))),
  Array.from({ length: n }, (_, i) => (i % 7 === 6 ? null : pick([0, -1, 2_147_483_647, -2_147_483_648, 42], i))),
  Array.from({ length: n }, (_, i) => (i % 3 === 2 ? null : pick([0.1, -3.5, 1e21, 123456789.123, 1 / 3, -0, 5e-324], i))),
  Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 3 === 1)),
];

let dir: string;
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  dir = await tempDir('hsq-store-');
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
});
afterAll(async () => {
  conn.closeSync();
  db.closeSync();
  await cleanup();
});

/** What a stored value reads back as: times as local ms, dates as midnight ms. */
const expected = (c: StoredColumn, v: unknown) => (v === null ? null : c.kind === 'date' ? Math.floor((v as number) / DAY) * DAY : v);

it('Arrow holds every value, null and hostile string as given', () => {
  const t = tableFromIPC(tableToIPC(toArrowTable(COLUMNS, VALUES), 'stream'));
  expect(t.numRows).toBe(n);
  COLUMNS.forEach((c, i) => {
    const got = [...t.getChild(c.name)!].map((v) => (typeof v === 'bigint' ? Number(v) : v));
    expect(got, c.name).toEqual(VALUES[i]!.map((v) => expected(c, v)));
  });
  expect(String(t.getChild('branch')!.type)).toMatch(/Dictionary/);
});

it('Parquet holds the same values and types, and the staging CSV is removed', async () => {
  const path = join(dir, 'x.parquet');
  await (await stageParquet(COLUMNS, toArrowTable(COLUMNS, VALUES), path))(conn);
  expect(existsSync(`${path}.csv`)).toBe(false);
  const reader = await conn.runAndReadAll(`SELECT text, branch, epoch_ms("at") AS "at", epoch_ms(CAST("day" AS TIMESTAMP)) AS "day", n, x, ok FROM read_parquet('${path}')`);
  const rows = reader.getRowObjectsJS();
  expect(rows).toHaveLength(n);
  COLUMNS.forEach((c, i) => {
    const got = rows.map((r) => (typeof r[c.name] === 'bigint' ? Number(r[c.name]) : r[c.name]));
    // -0 is stored as 0 by the CSV route; equal as a number.
    expect(got.map((v) => (Object.is(v, -0) ? 0 : v)), c.name).toEqual(VALUES[i]!.map((v) => expected(c, Object.is(v, -0) ? 0 : v)));
  });
  const types = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjectsJS().map((r) => r.column_type);
  expect(types).toEqual(['VARCHAR', 'VARCHAR', 'TIMESTAMP', 'DATE', 'INTEGER', 'DOUBLE', 'BOOLEAN']);
});

it('an empty table gives empty files of the same types (plain strings in Arrow: DuckDB-WASM needs no dictionary batch)', async () => {
  const path = join(dir, 'empty.parquet');
  const table = toArrowTable(COLUMNS, COLUMNS.map(() => []));
  await (await stageParquet(COLUMNS, table, path))(conn);
  expect((await conn.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${path}')`)).getRowObjectsJS()[0]!.n).toBe(0n);
  expect(String(tableFromIPC(tableToIPC(table, 'stream')).getChild('branch')!.type)).toBe('Utf8');
  expect((await readFile(path)).length).toBeGreaterThan(0);
});

it('a Parquet file that fails in the background fails the store at finish(), and its staging file is removed', async () => {
  const failing = { run: () => Promise.reject(new Error('disk full')) } as unknown as DuckDBConnection;
  const out = await tempDir('hsq-store-fail-');
  const files = datasetStore(failing, out);
  const d = DATASETS.find((x) => x.name === 'incidents')!;
  const columns = storedColumns(d);
  const stored = await files.store(d, { columns, values: columns.map(() => []), rowCount: 0, minDate: null, maxDate: null });
  expect(existsSync(join(out, stored.arrow))).toBe(true);
  await expect(files.finish()).rejects.toThrow('disk full');
  expect(existsSync(join(out, `${stored.parquet}.csv`))).toBe(false);
});
