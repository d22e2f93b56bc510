/**
 * Tables derived once from the datasets when a runner opens, by the same SQL in Node and in the
 * browser. They carry each survey's, complaint's and inspection's order attributes (branch,
 * service type) so the KPI queries run on every filter change need no join: in single-threaded
 * DuckDB-WASM the hash join on `order_id` was most of a query's time.
 */
import type { DatasetName } from '../datasets/define.ts';

export interface DerivedTable {
  name: string;
  /** Datasets it reads; it is not created when one is absent. */
  requires: readonly DatasetName[];
  sql: string;
}

export const DERIVED: readonly DerivedTable[] = [
  {
    // Branch and service type of the survey's order (NULL for an unknown order).
    name: 'survey_facts', requires: ['surveys', 'orders'],
    sql: `SELECT s.*, o.branch, o.service_type FROM surveys s LEFT JOIN orders o ON o.order_id = s.order_id`,
  },
  {
    name: 'complaint_facts', requires: ['complaints', 'orders'],
    sql: `SELECT c.*, o.service_type FROM complaints c LEFT JOIN orders o ON o.order_id = c.order_id`,
  },
  {
    // Each complaint with the previous one of the same category for its staff member and its branch
    // (recurring problems); independent of any filter, so computed once.
    name: 'complaint_lags', requires: ['complaints', 'orders'],
    sql: `SELECT c.*,
    lag(c.received_at) OVER (PARTITION BY c.staff_id, c.category ORDER BY c.received_at) AS prev_staff,
    lag(c.received_at) OVER (PARTITION BY c.branch, c.category ORDER BY c.received_at) AS prev_branch
  FROM complaint_facts c`,
  },
  {
    name: 'inspection_facts', requires: ['inspections', 'orders'],
    sql: `SELECT i.*, o.service_type FROM inspections i LEFT JOIN orders o ON o.order_id = i.order_id`,
  },
  {
    // Completed orders, each with whether it has at least one survey.
    name: 'completed_orders', requires: ['orders', 'surveys'],
    sql: `SELECT o.*, o.order_id IN (SELECT order_id FROM surveys WHERE order_id IS NOT NULL) AS surveyed FROM orders o WHERE o.status = 'completed'`,
  },
  {
    // Each staff member's first completed order.
    name: 'staff_first_order', requires: ['orders'],
    sql: `SELECT staff_id, min(completed_at) AS first_done FROM orders WHERE status = 'completed' AND staff_id IS NOT NULL AND completed_at IS NOT NULL GROUP BY staff_id`,
  },
];

/** The `CREATE TABLE` statements for the derived tables whose datasets are present, in order. */
export function derivedStatements(tables: ReadonlySet<string>): string[] {
  return DERIVED.filter((d) => d.requires.every((r) => tables.has(r))).map((d) => `CREATE OR REPLACE TABLE ${d.name} AS ${d.sql}`);
}
