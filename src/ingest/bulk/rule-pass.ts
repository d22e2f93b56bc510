/**
 * A dataset's row rules (e.g. completed_at not before ordered_at) over the canonical rows of a
 * bulk table, run by the same JavaScript functions the validator calls: the typed values are
 * streamed out of DuckDB's vectors, free text is withheld. The rows a rule refuses go through
 * the validator afterwards, so their reasons are the browser's.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset, RowContext } from '../../datasets/define.ts';
import type { ColumnSpec } from '../../datasets/fields.ts';
import { keptColumns } from '../../datasets/storage.ts';
import { ident, lit } from '../../lib/sql-text.ts';
import { validBytes, type RawVector } from './duck-arrow.ts';

const isText = (s: ColumnSpec) => s.kind === 'string' && !s.labels;

/** A rule read a column the bulk path does not give it. */
class TextRead extends Error {}
/** A rule read a typed column the pass had not fetched yet. */
class Unfetched extends Error {
  readonly column: string;
  constructor(column: string) { super(column); this.column = column; }
}

/**
 * The record numbers of the rows of `table` with `ok` set that the dataset's rules refuse;
 * null when a rule reads free text. Only the columns the rules read are fetched: a pass that
 * meets another one starts again with it.
 */
export async function ruleRefusals(conn: DuckDBConnection, d: Dataset, table: string, ctx: RowContext): Promise<number[] | null> {
  if (!d.rules) return [];
  const kept = new Set(keptColumns(d));
  const fetched: string[] = [];
  for (;;) {
    try {
      return await rulePass(conn, d, d.rules, table, ctx, kept, fetched);
    } catch (e) {
      if (e instanceof TextRead) return null;
      if (!(e instanceof Unfetched)) throw e;
      fetched.push(e.column);
    }
  }
}

async function rulePass(
  conn: DuckDBConnection, d: Dataset, rules: NonNullable<Dataset['rules']>, table: string, ctx: RowContext, kept: ReadonlySet<string>, fetched: readonly string[],
): Promise<number[]> {
  // Columns not fetched are getters on the prototype that stop the pass; fetched ones are plain own values.
  const proto = {};
  for (const [c, s] of Object.entries(d.columns)) {
    const get = !kept.has(c) || isText(s) ? () => { throw new TextRead(c); } : () => { throw new Unfetched(c); };
    Object.defineProperty(proto, c, { get });
  }
  const row = Object.create(proto) as Record<string, unknown>;
  for (const c of fetched) Object.defineProperty(row, c, { value: null, writable: true, enumerable: true });
  const decode = fetched.map((c) => {
    const s = d.columns[c]!;
    return s.labels ? (v: number) => s.codes![v] : s.kind === 'boolean' ? (v: number) => v === 1 : (v: number) => v;
  });
  const select = fetched.map((c) => {
    const s = d.columns[c]!;
    return s.labels ? `CASE ${ident(c)} ${s.codes!.map((code, k) => `WHEN ${lit(code)} THEN ${k}`).join(' ')} END` : `CAST(${ident(c)} AS DOUBLE)`;
  });
  const result = await conn.stream(`SELECT ${['rowid', ...select].map((e) => `(${e})::DOUBLE`).join(', ')} FROM ${table} WHERE ok`);
  const refused: number[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    // Typed arrays straight from the vectors (node-api's per-value conversion cost a second at 1M rows).
    const cols = Array.from({ length: select.length + 1 }, (_, k) => {
      const v = chunk.getColumnVector(k) as unknown as RawVector;
      return { items: v.items as Float64Array, valid: validBytes(v) };
    });
    const ids = cols[0]!.items;
    const n = chunk.rowCount;
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < fetched.length; k++) {
        const { items, valid } = cols[k + 1]!;
        row[fetched[k]!] = valid && !((valid[r >> 3]! >> (r & 7)) & 1) ? null : decode[k]!(items[r]!);
      }
      if (rules(row as never, ctx).length > 0) refused.push(ids[r]!);
    }
  }
  return refused;
}
