/**
 * The bulk ingest leans on row order twice: a loaded table's rowid must be the file's record
 * number, and the Arrow and Parquet files must list rows in file order. DuckDB keeps order
 * through scans, filters, projections and UNION ALL, and ORDER BY restores it; a join loses
 * it — and DuckDB quietly turns a long `x IN (a, b, …)` into a join, which reordered 1M-row
 * loads until it was caught. So every such statement's plan is checked before it runs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

const KEEPS_ORDER = new Set(['PROJECTION', 'FILTER', 'READ_CSV', 'SEQ_SCAN', 'TABLE_SCAN', 'UNION', 'STREAMING_LIMIT']);

interface PlanNode { name: string; children: PlanNode[] }

/** Whether DuckDB's plan for `sql` gives rows in the order of its sources (or in an ORDER BY's). */
export async function keepsOrder(conn: DuckDBConnection, sql: string, params?: Record<string, string>): Promise<boolean> {
  const plan = JSON.parse(String((await conn.runAndReadAll(`EXPLAIN (FORMAT json) ${sql}`, params)).getRows()[0]![1])) as PlanNode[];
  const ordered = (n: PlanNode): boolean => n.name.trim() === 'ORDER_BY' || (KEEPS_ORDER.has(n.name.trim()) && n.children.every(ordered));
  return plan.every(ordered);
}

/** Throws (with the SQL) unless `sql` keeps row order: for statements the ingest generates itself. */
export async function assertKeepsOrder(conn: DuckDBConnection, sql: string, params?: Record<string, string>): Promise<void> {
  if (!(await keepsOrder(conn, sql, params))) throw new Error(`bulk ingest: this statement would not keep the file's row order: ${sql}`);
}
