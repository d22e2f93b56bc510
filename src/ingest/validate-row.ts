/**
 * Validation of one CSV record against a dataset: cell schemas (zod), derived values, then
 * cross-field rules. Shared by the build-time ingest and the browser's "try your data".
 */
import type { Dataset, RowContext } from '../datasets/define.ts';

/** One reason a record was rejected. `column` is null when the whole row is at fault. */
export interface Problem { column: string | null; value: string; reason: string }

export type RecordResult =
  | { ok: true; row: Record<string, unknown> }
  | { ok: false; problems: Problem[] };

/**
 * Validates `fields` (one record, positions as in the header) mapped by `columns`
 * (canonical column per header position, null for ignored ones).
 */
export function validateRecord(
  dataset: Dataset,
  columns: readonly (string | null)[],
  fields: readonly string[],
  ctx: RowContext,
): RecordResult {
  if (fields.length !== columns.length) {
    const extraEmpty = fields.length > columns.length && fields.slice(columns.length).every((f) => f.trim() === '');
    if (!extraEmpty) {
      return {
        ok: false,
        problems: [{ column: null, value: '', reason: `row has ${fields.length} fields, the header has ${columns.length}` }],
      };
    }
  }
  const raw: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (c) raw[c] = fields[i] ?? '';
  }
  const parsed = dataset.schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((iss) => {
      const column = typeof iss.path[0] === 'string' ? iss.path[0] : null;
      return { column, value: column ? (raw[column] ?? '') : '', reason: iss.message };
    });
    return { ok: false, problems };
  }
  const row = parsed.data as Record<string, unknown>;
  dataset.derive?.(row as never);
  const issues = dataset.rules?.(row as never, ctx) ?? [];
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((i) => ({ column: i.column, value: i.column ? (raw[i.column] ?? '') : '', reason: i.message })),
    };
  }
  return { ok: true, row };
}
