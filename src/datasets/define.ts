/**
 * `defineDataset` turns a dataset's column specs into its zod row schema plus everything the
 * ingest needs to know about it. Every fact about a dataset lives in its own module.
 */
import { z } from 'zod';
import type { ColumnSpec } from './fields.ts';
import type { RowRule } from './rules.ts';

export type DatasetName =
  | 'orders' | 'surveys' | 'complaints' | 'staff' | 'trainings'
  | 'staff_surveys' | 'inspections' | 'incidents';

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
  /** Cross-field rules (e.g. closed_at not before received_at), as data: see rules.ts. */
  rules?: readonly RowRule[];
  /** Fills values derivable from others before PII is dropped (e.g. birth date from ID number). */
  derive?: (row: RowOf<C>) => void;
}

export interface Dataset<C extends Record<string, ColumnSpec> = Record<string, ColumnSpec>> extends DatasetInput<C> {
  schema: z.ZodObject<Shape<C>>;
  references: readonly Reference[];
  rules: readonly RowRule[];
  optional: boolean;
}

/** Builds a dataset definition; its `schema` validates one raw row (canonical column names). */
export function defineDataset<C extends Record<string, ColumnSpec>>(input: DatasetInput<C>): Dataset<C> {
  const shape = Object.fromEntries(Object.entries(input.columns).map(([k, c]) => [k, c.schema])) as Shape<C>;
  const rules = input.rules ?? [];
  for (const c of rules.flatMap((r) => r.columns)) {
    if (!(c in input.columns)) throw new Error(`dataset ${input.name}: a rule reads column ${c}, which it does not have`);
  }
  return { ...input, references: input.references ?? [], optional: input.optional ?? false, rules, schema: z.object(shape) };
}
