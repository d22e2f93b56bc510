/** What the KPI engine needs from a database: bound-parameter queries and the table list. */

export type SqlParam = string | number;

export interface SqlRunner {
  /** Runs `sql` with positional parameters ($1, $2, …) and returns plain rows. */
  query(sql: string, params?: readonly SqlParam[]): Promise<Record<string, unknown>[]>;
  /** Names of the dataset tables that exist. */
  tables(): Promise<ReadonlySet<string>>;
}

/** A failed query, keeping the SQL and the database's error (Mosaic's QueryError). */
export class QueryError extends Error {
  override name = 'QueryError';
  readonly sql: string;
  constructor(sql: string, cause: unknown) {
    super(`query failed: ${(cause as Error)?.message ?? String(cause)}\n--- SQL ---\n${sql}`, { cause });
    this.sql = sql;
  }
}

/** Normalises engine-specific values (BIGINT as bigint, dates as Date) to numbers and strings. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (v !== null && typeof v === 'object' && 'valueOf' in v) {
    const p = (v as { valueOf(): unknown }).valueOf();
    if (typeof p === 'number' || typeof p === 'bigint') return Number(p);
  }
  return v;
}

/** Applies `plain` to every value of every row. */
export function plainRows(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}
