/**
 * One file of the bulk ingest: DuckDB's parallel reader parses it, the generated cell SQL types
 * every canonical row and the dataset's rules (their SQL form, rules.ts) check it as it loads;
 * the rows it cannot vouch for, and canonical rows a rule refuses, are re-read from their bytes
 * and go through the JavaScript validator, exactly as in the browser. Result: one table with
 * every record of the file in file order (`rowid` = record number), typed, and `ok` set exactly
 * on the rows accepted so far; plus the rejects.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { Dataset } from '../../datasets/define.ts';
import type { RowContext } from '../../datasets/row.ts';
import type { ColumnSpec } from '../../datasets/fields.ts';
import { keptColumns } from '../../datasets/storage.ts';
import { mapHeaders, type HeaderMapping } from '../headers.ts';
import { sniffDelimiter } from '../parse.ts';
import { decodeCsv, DecodeError, type Encoding } from '../decode.ts';
import { headerCells, rejectsOf } from '../read-file.ts';
import type { Reject } from '../types.ts';
import { summaryLabel, type SummaryRow } from '../office-rows.ts';
import { recordValidator } from '../validate-row.ts';
import { ident } from '../../lib/sql-text.ts';
import { cellSql, READER_NULLS } from './cell-sql.ts';
import { keepsOrder } from './plan.ts';
import { indexRecords, type RecordIndex } from './scan.ts';
import { rangeReader, readHead, type FileScan } from './scan-file.ts';

/**
 * A file ready for DuckDB: its header; for an export that was not UTF-8 also the `text`
 * (UTF-8) DuckDB reads from a staged copy instead, and that text's record index (a UTF-8 file
 * is indexed while DuckDB reads it).
 */
export interface BulkFile { name: string; encoding: Encoding; fields: string[]; mapping: HeaderMapping; text?: { bytes: Uint8Array; index: RecordIndex } }

const NOT_INDEXABLE = 'blank or lone-CR lines, or the header not on line 1';

const BULK_TYPE = { string: 'VARCHAR', timestamp: 'BIGINT', date: 'BIGINT', integer: 'INTEGER', number: 'DOUBLE', boolean: 'BOOLEAN' } as const;
/** SQL type of a kept column in the bulk tables: timestamps and dates as local ms (hashed PII as its 16 hex digits). */
const bulkType = (spec: ColumnSpec) => BULK_TYPE[spec.kind];

/**
 * Checks, without side effects, that a file can take the bulk path: readable as text,
 * comma-separated, every column and cell kind has SQL, all required columns present (and, for
 * an export that is not UTF-8, records indexable). Otherwise why not (the JavaScript path then
 * reads it, with its own errors and warnings). `bytes` is read only for an export that is not UTF-8.
 */
export async function prepareFile(d: Dataset, name: string, path: string, bytes: () => Promise<Uint8Array>): Promise<BulkFile | string> {
  const top = await readHead(path);
  let encoding: Encoding = top.bom ? 'utf-8-bom' : 'utf-8';
  let headBytes = top.head;
  let text: BulkFile['text'];
  if (!top.utf8) {
    // GB18030 and UTF-16 exports: decoded as the JavaScript path decodes them, handed to DuckDB as UTF-8.
    try {
      const decoded = decodeCsv(await bytes(), name);
      const utf8 = new TextEncoder().encode(decoded.text);
      const index = indexRecords(utf8);
      if (!index) return NOT_INDEXABLE;
      text = { bytes: utf8, index };
      encoding = decoded.encoding;
      headBytes = utf8.subarray(0, 65536);
    } catch (e) {
      if (e instanceof DecodeError) return 'not readable as text';
      throw e;
    }
  }
  const head = new TextDecoder().decode(headBytes);
  if (sniffDelimiter(head) !== ',') return 'not comma-separated';
  const fields = headerCells(head);
  if (fields.length === 0 || fields.some((f) => f.includes('\n'))) return 'no plain header row';
  const mapping = mapHeaders(d, fields);
  if (mapping.missing.length > 0) return 'required columns missing';
  for (const [c, spec] of Object.entries(d.columns)) if (!cellSql(spec, 'x', (k) => `k${k}`)) return `no SQL reader for column ${c}`;
  return { name, encoding, fields, mapping, ...(text ? { text } : {}) };
}

/**
 * The typed SELECT over `read_csv` for `f`: kept columns (PII hashed), then `ok` (every cell
 * read, every rule met). Each step of each cell's reader (cell-sql.ts) is a column of a SELECT
 * of its own, nested, so that it is computed once per cell.
 */
export function typedSelect(d: Dataset, f: BulkFile, source: string): string {
  const kept = new Set(keptColumns(d));
  const levels: string[][] = [];
  const cols: string[] = [];
  const oks: string[] = [];
  const values = new Map<string, string>();
  for (const [i, [c, spec]] of Object.entries(d.columns).entries()) {
    const pos = f.mapping.columns.indexOf(c);
    const cell = cellSql(spec, pos >= 0 ? `c${pos}` : 'NULL::VARCHAR', (k) => `x${i}_${k}`)!;
    cell.steps.forEach((s, k) => (levels[k] ??= []).push(`${s} AS x${i}_${k}`));
    const v = `x${i}_${cell.steps.length - 1}`;
    oks.push(cell.ok);
    values.set(c, v);
    if (!kept.has(c)) continue;
    const value = spec.pii === 'hash' ? `left(sha256($salt || chr(0) || (${v})), 16)` : v;
    cols.push(`CAST(${value} AS ${bulkType(spec)}) AS ${ident(c)}`);
  }
  // A row a rule refuses goes through the validator too, which gives the browser's reason.
  for (const r of d.rules) oks.push(r.sql((c) => values.get(c)!, 'CAST($asof AS BIGINT)'));
  const from = levels.reduce((src, level) => `(SELECT *, ${level.join(',\n    ')} FROM ${src})`, source);
  // coalesce: a NULL anywhere must send the row to the validator, never leave it neither accepted nor rechecked.
  return `SELECT ${cols.join(',\n  ')},\n  coalesce((${oks.join(')\n  AND (')}), false) AS ok\n  FROM ${from}`;
}

/** `summaries`: refused records that are summary rows (合计…), neither read as data nor rejected. */
export interface Loaded { index: RecordIndex; rejects: Reject[]; rejected: number; summaries: SummaryRow[] }

/**
 * Loads `f` from `path` into DuckDB table `table` and validates it (see the module comment).
 * A reason instead when DuckDB's reader refuses the file or splits it differently from the
 * browser's parser: the caller then falls back to JavaScript.
 */
export async function loadFile(
  conn: DuckDBConnection, d: Dataset, f: BulkFile, table: string, path: string, scan: () => Promise<FileScan>,
  ctx: RowContext & { salt: string; hash: (v: string) => string }, log: (m: string) => void, probe = false,
): Promise<Loaded | string> {
  const columns = `{${f.fields.map((_, p) => `'c${p}': 'VARCHAR'`).join(', ')}}`;
  const load = typedSelect(d, f, `read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns}, nullstr = ${READER_NULLS}, strict_mode = true)`);
  const params = { path, ...(load.includes('$salt') ? { salt: ctx.salt } : {}), ...(load.includes('$asof') ? { asof: String(ctx.asOfLimit) } : {}) };
  if (!(await keepsOrder(conn, load, params))) return "DuckDB's plan for its cell SQL would not keep the file's row order";
  if (probe) {
    const why = await probeRefusals(conn, load, params);
    if (why) return why;
  }
  // A UTF-8 file is checked and indexed by JavaScript while DuckDB's threads read it.
  const scanning = f.text ? null : scan();
  scanning?.catch(() => undefined);
  try {
    await conn.run(`CREATE OR REPLACE TABLE ${table} AS ${load}`, params);
  } catch (e) {
    await scanning?.catch(() => undefined);
    return `DuckDB's reader refused it (${(e as Error).message.split('\n')[0]})`;
  }
  const scanned = scanning ? await scanning : { utf8: true, index: f.text!.index };
  if (!scanned.utf8) return 'not UTF-8 throughout (only its first part is)';
  const { index } = scanned;
  if (!index) return NOT_INDEXABLE;
  const count = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${table}`)).getRows()[0]![0];
  if (count !== index.count) return `DuckDB read ${String(count)} records, not ${index.count}`;

  const recheck = (await conn.runAndReadAll(`SELECT rowid::DOUBLE FROM ${table} WHERE NOT ok`)).getRows().map((r) => r[0] as number);

  log(`  ${f.name}: ${index.count.toLocaleString('en')} records typed in DuckDB; ${recheck.length.toLocaleString('en')} go through the validator`);
  const validate = recordValidator(d, f.mapping.columns);
  const decoder = new TextDecoder();
  const fixes: { rn: number; row: Record<string, unknown> }[] = [];
  const rejects: Reject[] = [];
  const summaries: SummaryRow[] = [];
  let rejected = 0;
  const records = rangeReader(path);
  try {
    for (const rn of recheck) {
      const text = decoder.decode(records.read(index.offsets[rn]!, index.offsets[rn + 1]!)).replace(/\r?\n$/, '');
      const fields = Papa.parse<string[]>(text, { delimiter: ',' }).data[0] ?? [''];
      const result = validate(fields, ctx);
      const label = result.ok ? null : summaryLabel(fields);
      if (result.ok) fixes.push({ rn, row: result.row });
      else if (label !== null) summaries.push({ line: index.lines[rn]!, label });
      else {
        rejected++;
        rejects.push(...rejectsOf(d, f.name, index.lines[rn]!, result.problems));
      }
    }
  } finally {
    records.close();
  }
  await apply(conn, d, table, fixes, ctx.hash);
  return { index, rejects, rejected, summaries };
}

/** Rows the probe reads from the start of a file, and the share of them refused beyond which JavaScript is faster. */
export const PROBE_ROWS = 10_000;
export const PROBE_MAX_REFUSED = 0.15;

/**
 * `auto`'s check before a file is loaded: the share of its first PROBE_ROWS records the SQL
 * cannot vouch for. A refused row costs the bulk path a re-read and the validator (about 2.5
 * times what the JavaScript path spends on a row; the rest costs it about half): past 15%
 * refused, the JavaScript path is the faster one. The reason to decline, or null.
 */
async function probeRefusals(conn: DuckDBConnection, load: string, params: Record<string, string>): Promise<string | null> {
  const [n, refused] = (await conn.runAndReadAll(`SELECT count(*)::DOUBLE, count(*) FILTER (WHERE NOT ok)::DOUBLE FROM (${load} LIMIT ${PROBE_ROWS})`, params)).getRows()[0] as [number, number];
  if (n === 0 || refused / n <= PROBE_MAX_REFUSED) return null;
  return `${Math.round((100 * refused) / n)}% of its first ${n.toLocaleString('en')} rows are not in a form the SQL reads (more than ${PROBE_MAX_REFUSED * 100}%: the JavaScript path is faster then)`;
}

/** Rows the validator accepted join the accepted set with its values. */
async function apply(conn: DuckDBConnection, d: Dataset, table: string, fixes: readonly { rn: number; row: Record<string, unknown> }[], hash: (v: string) => string): Promise<void> {
  if (fixes.length === 0) return;
  const kept = keptColumns(d);
  await conn.run(`CREATE OR REPLACE TABLE bf (rn BIGINT, ${kept.map((c) => `${ident(c)} ${bulkType(d.columns[c]!)}`).join(', ')})`);
  const a = await conn.createAppender('bf');
  for (const { rn, row } of fixes) {
    a.appendBigInt(BigInt(rn));
    for (const c of kept) append(a, d.columns[c]!, row[c] ?? null, hash);
    a.endRow();
  }
  a.closeSync();
  await conn.run(`UPDATE ${table} SET ${kept.map((c) => `${ident(c)} = bf.${ident(c)}`).join(', ')}, ok = true FROM bf WHERE ${table}.rowid = bf.rn; DROP TABLE bf`);
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
