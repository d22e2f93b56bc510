/**
 * The bulk engine checks DuckDB's plan before any statement whose row order it relies on
 * (bulk/plan.ts). DuckDB rewrites a long `IN (…)` list into a join, and with a join in the
 * plan a 1M-row load came out reordered; these cases pin what the check accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { keepsOrder } from '../../src/ingest/bulk/plan.ts';
import { cleanup, tempDir, writeFiles } from '../helpers.ts';

let db: DuckDBInstance;
let conn: DuckDBConnection;
let csv: string;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run('CREATE TABLE b AS SELECT range AS x, range % 2 = 0 AS ok FROM range(10)');
  await conn.run('CREATE TABLE l AS SELECT range AS rn, range AS line FROM range(10)');
  const d = await tempDir();
  await writeFiles(d, { 'a.csv': 'c0\nx\ny\n' });
  csv = `read_csv('${join(d, 'a.csv')}', header = true, auto_detect = false, columns = {'c0': 'VARCHAR'})`;
});
afterAll(async () => {
  conn.closeSync();
  db.closeSync();
  await cleanup();
});

describe('row-order check of DuckDB plans', () => {
  it('refuses a long IN list (DuckDB makes it a join) and accepts list_contains', async () => {
    const letters = [...'abcdefghijkl'].map((c) => `'${c}'`).join(', ');
    expect(await keepsOrder(conn, `SELECT c0 IN (${letters}) FROM ${csv}`)).toBe(false);
    expect(await keepsOrder(conn, `SELECT list_contains([${letters}], c0) FROM ${csv}`)).toBe(true);
  });

  it('accepts scans, filters, projections and UNION ALL; a join only below an ORDER BY', async () => {
    expect(await keepsOrder(conn, 'SELECT x + 1 FROM b WHERE ok UNION ALL SELECT x FROM b')).toBe(true);
    const joined = 'SELECT b.x, l.line, b.rowid AS rn FROM b JOIN l ON b.rowid = l.rn WHERE b.ok';
    expect(await keepsOrder(conn, joined)).toBe(false);
    expect(await keepsOrder(conn, `SELECT x, line FROM (${joined}) ORDER BY rn`)).toBe(true);
  });
});
