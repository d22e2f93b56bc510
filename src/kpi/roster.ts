/**
 * Rosters: the per-person lists (staff and their trainings) some breakdowns filter by period and
 * branch, read into memory once per runner by one period-free query. A filter change then answers
 * those breakdowns in JS instead of a DuckDB statement (10–40 ms of planning each in DuckDB-WASM).
 * Each breakdown's SQL stays its definition; its roster code is tested equal to it slice by slice.
 */
import { memo } from './memo.ts';
import type { SqlRunner } from './runner.ts';

/** The rows of a period-free roster query on `runner`, queried on first use only. */
export function ensureRoster(runner: SqlRunner, sql: string): Promise<Record<string, unknown>[]> {
  return memo(runner, `roster:${sql}`, () => runner.query(sql));
}

/** A roster column holding an epoch-ms timestamp (or NULL) as a number or null. */
export const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** `epoch_ms` of a date or timestamp column, as the roster queries select it (NULL stays NULL). */
export const epochMs = (col: string) => `epoch_ms(CAST(${col} AS TIMESTAMP))`;

/**
 * Whole years from `birth` to `day` (both local-ms midnights), as DuckDB's
 * `date_part('year', age(day, birth))`: a year is complete on the same month and day (a 29 February
 * birthday completes on 1 March in other years).
 */
export function yearsBetween(birth: number, day: number): number {
  const b = new Date(birth);
  const d = new Date(day);
  const before = d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate());
  return d.getUTCFullYear() - b.getUTCFullYear() - (before ? 1 : 0);
}

/** Compares strings as DuckDB's default (binary) collation does for the names and ids we sort. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
