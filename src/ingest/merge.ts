/**
 * Cross-row rules over one dataset's files: unique keys (a later file supersedes an earlier
 * one; a repeat inside one file is rejected), then references to other datasets. Rows stay in
 * their files' columns; these steps only clear their `alive` flags.
 */
import type { Dataset } from '../datasets/define.ts';
import type { FileResult } from './read-file.ts';
import type { Reject } from './types.ts';

const SEP = '\u0001';

/** The key of row `i` of a file's accepted columns: its key columns' values, joined. */
export function keyReader(dataset: Dataset, file: FileResult): (i: number) => string {
  const cols = dataset.key.map((k) => file.accepted.values[file.accepted.names.indexOf(k)]!);
  // Most datasets have a one-column key: no array per row.
  if (cols.length === 1) {
    const col = cols[0]!;
    return (i) => String(col[i]);
  }
  return (i) => cols.map((c) => String(c[i])).join(SEP);
}

/** Per file, one flag per accepted row: 1 while the row is still in. */
export type Alive = Uint8Array[];

/**
 * Applies supersession across `files` (already in file-name order). Updates the file reports'
 * counts and returns which rows survive, plus new rejects.
 */
export function supersede(dataset: Dataset, files: readonly FileResult[]): { alive: Alive; rejects: Reject[] } {
  // Rows are numbered across files as index × files + file, so one map of numbers (no object per
  // row) says both which row holds a key and in which file.
  const nf = files.length;
  const winner = new Map<string, number>();
  const alive = files.map((f) => new Uint8Array(f.accepted.lines.length).fill(1));
  const rejects: Reject[] = [];
  const keyLabel = dataset.key.join('+');
  files.forEach((file, fi) => {
    const { lines } = file.accepted;
    const keyAt = keyReader(dataset, file);
    for (let i = 0; i < lines.length; i++) {
      const key = keyAt(i);
      const prev = winner.get(key);
      if (prev !== undefined) {
        const pf = prev % nf;
        const pi = (prev - pf) / nf;
        if (pf === fi) {
          // The first row with this key in this file stays the winner: a repeat is rejected.
          alive[fi]![i] = 0;
          file.report.rows_rejected++;
          rejects.push({
            dataset: dataset.name, file: file.report.name, line: lines[i]!, column: dataset.key[0]!,
            value: key.replaceAll(SEP, ' + '), reason: `duplicate ${keyLabel} in the same file (first at line ${lines[pi]!})`,
          });
          continue;
        }
        alive[pf]![pi] = 0;
        files[pf]!.report.rows_superseded++;
      }
      winner.set(key, i * nf + fi);
    }
  });
  return { alive, rejects };
}

/**
 * Rejects surviving rows whose references point at no row of the referenced dataset (clearing
 * their flag). `keys` holds the accepted keys of each dataset already merged.
 */
export function checkReferences(dataset: Dataset, files: readonly FileResult[], alive: Alive, keys: ReadonlyMap<string, ReadonlySet<string>>): Reject[] {
  const rejects: Reject[] = [];
  if (dataset.references.length === 0) return rejects;
  // In row order (file by file), the first broken reference of a row is its reason.
  files.forEach((file, fi) => {
    const refs = dataset.references.map((ref) => ({ ref, col: file.accepted.values[file.accepted.names.indexOf(ref.column)]!, known: keys.get(ref.dataset) }));
    const flags = alive[fi]!;
    for (let i = 0; i < flags.length; i++) {
      if (!flags[i]) continue;
      for (const { ref, col, known } of refs) {
        const v = col[i];
        if (v === null || v === undefined) continue;
        if (known?.has(String(v))) continue;
        flags[i] = 0;
        file.report.rows_rejected++;
        rejects.push({
          dataset: dataset.name, file: file.report.name, line: file.accepted.lines[i]!, column: ref.column, value: String(v),
          reason: `${ref.column} not found in ${ref.dataset}`,
        });
        break;
      }
    }
  });
  return rejects;
}
