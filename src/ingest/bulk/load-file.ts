/**
 * One file of the bulk ingest: DuckDB's parallel reader parses it and the generated cell SQL
 * types every canonical row; the rows it cannot vouch for (and canonical rows a dataset rule
 * refuses) are re-read from their bytes and go through the JavaScript validator, exactly as
 * in the browser. Result: table `b<i>` (all rows, typed, `ok` flag), `bf<i>` (rows the
 * validator accepted), `bd<i>` (canonical rows a rule refused), plus the rejects.
 */
import { isUtf8 } from 'node:buffer';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { Dataset, RowContext } from '../../datasets/define.ts';
import type { ColumnSpec } from '../../datasets/fields.ts';
import { keptColumns } from '../../datasets/storage.ts';
import { mapHeaders, type HeaderMapping } from '../headers.ts';
import { sniffDelimiter } from '../parse.ts';
import { decodeCsv, DecodeError, type Encoding } from '../decode.ts';
import { headerCells, rejectsOf } from '../read-file.ts';
import type { Reject } from '../types.ts';
import { recordValidator } from '../validate-row.ts';
import { ident, lit } from '../../lib/sql-text.ts';
import { cellSql } from './cell-sql.ts';
import { validBytes, type RawVector } from './duck-arrow.ts';
import { indexRecords, type RecordIndex } from './scan.ts';

/** A file ready for DuckDB: its UTF-8 bytes (transcoded when the export was not UTF-8) and where its records start. */
export interface BulkFile { name: string; bytes: Uint8Array; encoding: Encoding; fields: string[]; mapping: HeaderMapping; index: RecordIndex }

/** Whether DuckDB reads a transcoded copy of the file rather than the file itself. */
export const transcoded = (f: BulkFile) => f.encoding !== 'utf-8' && f.encoding !== 'utf-8-bom';

const BULK_TYPE = { string: 'VARCHAR', timestamp: 'BIGINT', date: 'BIGINT', integer: 'INTEGER', number: 'DOUBLE', boolean: 'BOOLEAN' } as const;
/** SQL type of a kept column in the bulk tables (timestamps and dates as local ms, hashed PII as text). */
const bulkType = (spec: ColumnSpec) => (spec.pii === 'hash' ? 'VARCHAR' : BULK_TYPE[spec.kind]);

const isText = (s: ColumnSpec) => s.kind === 'string' && !s.labels;

/**
 * Checks, without side effects, that a file can take the bulk path: UTF-8, comma-separated,
 * every column and cell kind has SQL, all required columns present, records indexable.
 * Otherwise why not (the JavaScript path then reads it, with its own errors and warnings).
 */
export function prepareFile(d: Dataset, name: string, bytes: Uint8Array): BulkFile | string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let body = bom ? bytes.subarray(3) : bytes;
  let encoding: Encoding = bom ? 'utf-8-bom' : 'utf-8';
  if (!isUtf8(body)) {
    // GB18030 and UTF-16 exports: decoded as the JavaScript path decodes them, handed to DuckDB as UTF-8.
    try {
      const decoded = decodeCsv(bytes, name);
      body = new TextEncoder().encode(decoded.text);
      encoding = decoded.encoding;
    } catch (e) {
      if (e instanceof DecodeError) return 'not readable as text';
      throw e;
    }
  }
  const head = new TextDecoder().decode(body.subarray(0, 65536));
  if (sniffDelimiter(head) !== ',') return 'not comma-separated';
  const fields = headerCells(head);
  if (fields.length === 0 || fields.some((f) => f.includes('\n'))) return 'no plain header row';
  const mapping = mapHeaders(d, fields);
  if (mapping.missing.length > 0) return 'required columns missing';
  for (const [c, spec] of Object.entries(d.columns)) if (!cellSql(spec, 'x')) return `no SQL reader for column ${c}`;
  const index = indexRecords(body);
  if (!index) return 'blank or lone-CR lines, or the header not on line 1';
  return { name, bytes: body, encoding, fields, mapping, index };
}

/** The typed SELECT over `read_csv` for `f`: kept columns (PII hashed), then `ok`. */
function typedSelect(d: Dataset, f: BulkFile): string {
  const kept = new Set(keptColumns(d));
  const cols: string[] = [];
  const oks: string[] = [];
  for (const [c, spec] of Object.entries(d.columns)) {
    const pos = f.mapping.columns.indexOf(c);
    const cell = cellSql(spec, pos >= 0 ? `c${pos}` : 'NULL::VARCHAR')!;
    oks.push(cell.ok);
    if (!kept.has(c)) continue;
    const value = spec.pii === 'hash' ? `left(sha256($salt || chr(0) || (${cell.value})), 16)` : cell.value;
    cols.push(`CAST(${value} AS ${bulkType(spec)}) AS ${ident(c)}`);
  }
  return `${cols.join(',\n  ')},\n  (${oks.join(')\n  AND (')}) AS ok`;
}

export interface Loaded { rejects: Reject[]; rejected: number }

/**
 * Loads file `i` into DuckDB and validates it (see the module comment). Null when DuckDB's
 * reader refuses the file or disagrees with the record index (the caller falls back to
 * JavaScript), or when a rule reads a free-text column (rules see only typed values here).
 */
export async function loadFile(conn: DuckDBConnection, d: Dataset, f: BulkFile, i: number, path: string, ctx: RowContext & { salt: string; hash: (v: string) => string }): Promise<Loaded | string> {
  const columns = `{${f.fields.map((_, p) => `'c${p}': 'VARCHAR'`).join(', ')}}`;
  try {
    const select = typedSelect(d, f);
    await conn.run(`CREATE OR REPLACE TABLE b${i} AS SELECT ${select}
      FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns}, strict_mode = true)`,
    { path, ...(select.includes('$salt') ? { salt: ctx.salt } : {}) });
  } catch (e) {
    return `DuckDB's reader refused it (${(e as Error).message.split('\n')[0]})`;
  }
  const read = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE FROM b${i}`)).getRows()[0]![0];
  if (read !== f.index.count) return `DuckDB read ${String(read)} records, not ${f.index.count}`;

  const refused = await ruleRefusals(conn, d, i, ctx);
  if (refused === null) return 'a rule reads a free-text column';
  const bad = (await conn.runAndReadAll(`SELECT rowid::DOUBLE FROM b${i} WHERE NOT ok`)).getRows().map((r) => r[0] as number);
  const recheck = [...bad, ...refused].sort((a, b) => a - b);

  const kept = keptColumns(d);
  await conn.run(`CREATE OR REPLACE TABLE bd${i} (rn BIGINT)`);
  await conn.run(`CREATE OR REPLACE TABLE bf${i} (rn BIGINT, ${kept.map((c) => `${ident(c)} ${bulkType(d.columns[c]!)}`).join(', ')})`);
  const drops = await conn.createAppender(`bd${i}`);
  for (const rn of refused) { drops.appendBigInt(BigInt(rn)); drops.endRow(); }
  drops.closeSync();

  const validate = recordValidator(d, f.mapping.columns);
  const decoder = new TextDecoder();
  const fixes = await conn.createAppender(`bf${i}`);
  const rejects: Reject[] = [];
  let rejected = 0;
  for (const rn of recheck) {
    const text = decoder.decode(f.bytes.subarray(f.index.offsets[rn]!, f.index.offsets[rn + 1]!)).replace(/\r?\n$/, '');
    const fields = Papa.parse<string[]>(text, { delimiter: ',' }).data[0] ?? [''];
    const result = validate(fields, ctx);
    if (!result.ok) {
      rejected++;
      rejects.push(...rejectsOf(d, f.name, f.index.lines[rn]!, result.problems));
      continue;
    }
    fixes.appendBigInt(BigInt(rn));
    for (const c of kept) append(fixes, d.columns[c]!, result.row[c] ?? null, ctx.hash);
    fixes.endRow();
  }
  fixes.closeSync();
  return { rejects, rejected };
}

function append(a: DuckDBAppender, spec: ColumnSpec, v: unknown, hash: (v: string) => string): void {
  if (v === null) return a.appendNull();
  if (spec.pii === 'hash') return a.appendVarchar(hash(String(v)));
  switch (spec.kind) {
    case 'string': return a.appendVarchar(v as string);
    case 'timestamp': case 'date': return a.appendBigInt(BigInt(v as number));
    case 'integer': return a.appendInteger(v as number);
    case 'number': return a.appendDouble(v as number);
    case 'boolean': return a.appendBoolean(v as boolean);
  }
}

/** A rule read a column the bulk path does not give it. */
class TextRead extends Error {}

/**
 * Runs the dataset's rules over the canonical rows of `b<i>` (typed values, free text
 * withheld) and returns the rows they refuse; null when a rule reads free text.
 */
async function ruleRefusals(conn: DuckDBConnection, d: Dataset, i: number, ctx: RowContext): Promise<number[] | null> {
  if (!d.rules) return [];
  const kept = new Set(keptColumns(d));
  const typed = Object.entries(d.columns).filter(([c, s]) => kept.has(c) && !isText(s));
  const row: Record<string, unknown> = {};
  for (const [c, s] of Object.entries(d.columns)) {
    if (!kept.has(c) || isText(s)) Object.defineProperty(row, c, { enumerable: true, get: () => { throw new TextRead(c); } });
  }
  const select = typed.map(([c, s]) => (s.labels ? `CASE ${ident(c)} ${s.codes!.map((code, k) => `WHEN ${lit(code)} THEN ${k}`).join(' ')} END` : `CAST(${ident(c)} AS DOUBLE)`));
  const result = await conn.stream(`SELECT rowid::DOUBLE, ${select.map((s) => `(${s})::DOUBLE`).join(', ')} FROM b${i} WHERE ok`);
  const refused: number[] = [];
  const decode = typed.map(([, s]) => (v: number) => (s.labels ? s.codes![v] : s.kind === 'boolean' ? v === 1 : v));
  try {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      // Typed arrays straight from the vectors (node-api's per-value conversion cost a second at 1M rows).
      const cols = Array.from({ length: typed.length + 1 }, (_, k) => {
        const v = chunk.getColumnVector(k) as unknown as RawVector;
        return { items: v.items as Float64Array, valid: validBytes(v) };
      });
      const ids = cols[0]!.items;
      for (let r = 0; r < chunk.rowCount; r++) {
        for (let k = 0; k < typed.length; k++) {
          const { items, valid } = cols[k + 1]!;
          row[typed[k]![0]] = valid && !((valid[r >> 3]! >> (r & 7)) & 1) ? null : decode[k]!(items[r]!);
        }
        if (d.rules(row as never, ctx).length > 0) refused.push(ids[r]!);
      }
    }
  } catch (e) {
    if (e instanceof TextRead) return null;
    throw e;
  }
  return refused;
}
