/**
 * `defineDataset` turns a dataset's column specs into its zod row schema plus everything the
 * ingest needs to know about it. Every fact about a dataset lives in its own module.
 */
import { z } from 'zod';
import type { ColumnSpec } from './fields.ts';

export type DatasetName =
  | 'orders' | 'surveys' | 'complaints' | 'staff' | 'trainings'
  | 'staff_surveys' | 'inspections' | 'incidents';

/** A row-level problem: the column it concerns (null: the whole row) and why. */
export interface RowIssue { column: string | null; message: string }

/** Limits a row is checked against that depend on the whole ingest, not on the row. */
export interface RowContext { asOfLimit: number }

export interface Reference { column: string; dataset: DatasetName }

type Shape<C extends Record<string, ColumnSpec>> = { [K in keyof C]: C[K]['schema'] };
export type RowOf<C extends Record<string, ColumnSpec>> = z.output<z.ZodObject<Shape<C>>>;

export interface DatasetInput<C extends Record<string, ColumnSpec>> {
  name: DatasetName;
  label: { zh: string; en: string };
  /** File-name prefixes that identify the dataset (English and Chinese). */
  prefixes: readonly string[];
  /** Columns whose values together identify a row (later files supersede earlier ones). */
  key: readonly (keyof C & string)[];
  columns: C;
  /** Foreign keys: the value must exist in the other dataset's key (when present). */
  references?: readonly Reference[];
  /** Column giving the row's date for the manifest's date range. */
  dateColumn: keyof C & string;
  /** Optional datasets: a company without them simply has no such pages. */
  optional?: boolean;
  /** Cross-field rules (e.g. closed_at not before received_at). */
  rules?: (row: RowOf<C>, ctx: RowContext) => RowIssue[];
  /** Fills values derivable from others before PII is dropped (e.g. birth date from ID number). */
  derive?: (row: RowOf<C>) => void;
}

export interface Dataset<C extends Record<string, ColumnSpec> = Record<string, ColumnSpec>> extends DatasetInput<C> {
  schema: z.ZodObject<Shape<C>>;
  references: readonly Reference[];
  optional: boolean;
}

/** Builds a dataset definition; its `schema` validates one raw row (canonical column names). */
export function defineDataset<C extends Record<string, ColumnSpec>>(input: DatasetInput<C>): Dataset<C> {
  const shape = Object.fromEntries(Object.entries(input.columns).map(([k, c]) => [k, c.schema])) as Shape<C>;
  return { ...input, references: input.references ?? [], optional: input.optional ?? false, schema: z.object(shape) };
}

/** Issue helper for rules: `b` must not be before `a` when both are present. */
export function notBefore(row: Record<string, unknown>, later: string, earlier: string): RowIssue[] {
  const a = row[earlier];
  const b = row[later];
  return typeof a === 'number' && typeof b === 'number' && b < a
    ? [{ column: later, message: `${later} is before ${earlier}` }]
    : [];
}

/** Issue helper for rules: no timestamp/date column may lie after the as-of limit. */
export function notAfterAsOf(row: Record<string, unknown>, columns: readonly string[], ctx: RowContext): RowIssue[] {
  const out: RowIssue[] = [];
  for (const c of columns) {
    const v = row[c];
    if (typeof v === 'number' && v > ctx.asOfLimit) out.push({ column: c, message: `${c} is after the as-of time` });
  }
  return out;
}
