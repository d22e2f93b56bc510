/**
 * Cross-row rules over one dataset's files: unique keys (a later file supersedes an earlier
 * one; a repeat inside one file is rejected), then references to other datasets.
 */
import type { Dataset } from '../datasets/define.ts';
import type { FileResult } from './read-file.ts';
import type { AcceptedRow, Reject } from './types.ts';

const SEP = '\u0001';

/** The key string of a row (key columns joined). */
export function keyOf(dataset: Dataset, row: Record<string, unknown>): string {
  const key = dataset.key;
  // Most datasets have a one-column key: no array per row.
  return key.length === 1 ? String(row[key[0]!]) : key.map((k) => String(row[k])).join(SEP);
}

/**
 * Applies supersession across `files` (already in file-name order). Mutates the file
 * reports' counts and returns the surviving rows plus new rejects.
 */
export function supersede(dataset: Dataset, files: FileResult[]): { rows: AcceptedRow[]; rejects: Reject[] } {
  const winner = new Map<string, { file: FileResult; index: number }>();
  const alive: boolean[][] = files.map((f) => f.accepted.map(() => true));
  const rejects: Reject[] = [];
  const keyLabel = dataset.key.join('+');
  files.forEach((file, fi) => {
    const firstInFile = new Map<string, number>();
    file.accepted.forEach((a, i) => {
      const key = keyOf(dataset, a.row);
      const sameFile = firstInFile.get(key);
      if (sameFile !== undefined) {
        alive[fi]![i] = false;
        file.report.rows_rejected++;
        rejects.push({
          dataset: dataset.name, file: file.report.name, line: a.line, column: dataset.key[0]!,
          value: key.replaceAll(SEP, ' + '), reason: `duplicate ${keyLabel} in the same file (first at line ${sameFile})`,
        });
        return;
      }
      firstInFile.set(key, a.line);
      const prev = winner.get(key);
      if (prev) {
        alive[files.indexOf(prev.file)]![prev.index] = false;
        prev.file.report.rows_superseded++;
      }
      winner.set(key, { file, index: i });
    });
  });
  const rows: AcceptedRow[] = [];
  files.forEach((f, fi) => f.accepted.forEach((a, i) => { if (alive[fi]![i]) rows.push(a); }));
  return { rows, rejects };
}

/**
 * Rejects rows whose references point at no row of the referenced dataset. `keys` holds the
 * accepted keys of each dataset already merged.
 */
export function checkReferences(
  dataset: Dataset,
  rows: AcceptedRow[],
  keys: ReadonlyMap<string, ReadonlySet<string>>,
  reportOf: (file: string) => { rows_rejected: number },
): { rows: AcceptedRow[]; rejects: Reject[] } {
  if (dataset.references.length === 0) return { rows, rejects: [] };
  const rejects: Reject[] = [];
  const kept = rows.filter((a) => {
    for (const ref of dataset.references) {
      const v = a.row[ref.column];
      if (v === null || v === undefined) continue;
      if (keys.get(ref.dataset)?.has(String(v))) continue;
      reportOf(a.file).rows_rejected++;
      rejects.push({
        dataset: dataset.name, file: a.file, line: a.line, column: ref.column, value: String(v),
        reason: `${ref.column} not found in ${ref.dataset}`,
      });
      return false;
    }
    return true;
  });
  return { rows: kept, rejects };
}
