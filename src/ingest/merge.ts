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
  // Rows are numbered across files as index × files + file, so one map of numbers (no object per
  // row) says both which row holds a key and in which file.
  const nf = files.length;
  const winner = new Map<string, number>();
  const alive = files.map((f) => new Uint8Array(f.accepted.length).fill(1));
  const rejects: Reject[] = [];
  const keyLabel = dataset.key.join('+');
  files.forEach((file, fi) => {
    const accepted = file.accepted;
    for (let i = 0; i < accepted.length; i++) {
      const a = accepted[i]!;
      const key = keyOf(dataset, a.row);
      const prev = winner.get(key);
      if (prev !== undefined) {
        const pf = prev % nf;
        const pi = (prev - pf) / nf;
        if (pf === fi) {
          // The first row with this key in this file stays the winner: a repeat is rejected.
          alive[fi]![i] = 0;
          file.report.rows_rejected++;
          rejects.push({
            dataset: dataset.name, file: file.report.name, line: a.line, column: dataset.key[0]!,
            value: key.replaceAll(SEP, ' + '), reason: `duplicate ${keyLabel} in the same file (first at line ${accepted[pi]!.line})`,
          });
          continue;
        }
        alive[pf]![pi] = 0;
        files[pf]!.report.rows_superseded++;
      }
      winner.set(key, i * nf + fi);
    }
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
