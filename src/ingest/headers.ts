/**
 * Header handling: maps the header cells of a file to a dataset's canonical columns
 * (English or Chinese aliases, any order), and picks a file's dataset by name or headers.
 */
import type { Dataset } from '../datasets/define.ts';
import { DATASETS } from '../datasets/registry.ts';

/** Normalises a header cell: width, case, spaces, `*` required markers, `(元)`-style units. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^\*+|\*+$/g, '')
    .replace(/\s*[(（][^)）]*[)）]\s*$/, '')
    .toLowerCase()
    .replace(/[\s_\-]+/g, '');
}

const aliasIndex = new Map<Dataset, Map<string, string>>();

function aliasesOf(d: Dataset): Map<string, string> {
  let m = aliasIndex.get(d);
  if (!m) {
    m = new Map();
    for (const [col, spec] of Object.entries(d.columns)) {
      for (const a of [col, ...spec.aliases]) m.set(normalizeHeader(a), col);
    }
    aliasIndex.set(d, m);
  }
  return m;
}

export interface HeaderMapping {
  /** Canonical column for each header position, or null when the column is ignored. */
  columns: (string | null)[];
  /** Header cells that matched no column (warned about, not lost silently). */
  ignored: string[];
  /** Required columns that no header matched. */
  missing: string[];
  /** Columns named twice (the first one wins). */
  duplicated: string[];
}

/** Maps header cells to `dataset`'s columns. */
export function mapHeaders(dataset: Dataset, headers: readonly string[]): HeaderMapping {
  const aliases = aliasesOf(dataset);
  const seen = new Set<string>();
  const ignored: string[] = [];
  const duplicated: string[] = [];
  const columns = headers.map((h) => {
    const col = aliases.get(normalizeHeader(h)) ?? null;
    if (col === null) {
      if (h.trim() !== '') ignored.push(h.trim());
      return null;
    }
    if (seen.has(col)) {
      duplicated.push(h.trim());
      return null;
    }
    seen.add(col);
    return col;
  });
  const missing = Object.entries(dataset.columns).filter(([c, s]) => s.required && !seen.has(c)).map(([c]) => c);
  return { columns, ignored, missing, duplicated };
}

/** Lists the header names a dataset's required column accepts, for error messages. */
export function acceptedNames(dataset: Dataset, column: string): string {
  const spec = dataset.columns[column];
  return [column, ...(spec?.aliases ?? [])].join(' / ');
}

/** The dataset whose file-name prefix (longest match wins) starts `fileName`, if any. */
export function datasetByFileName(fileName: string): Dataset | null {
  const base = fileName.normalize('NFKC').toLowerCase();
  let best: Dataset | null = null;
  let bestLen = 0;
  for (const d of DATASETS) {
    for (const p of d.prefixes) {
      if (base.startsWith(p.toLowerCase()) && p.length > bestLen) {
        best = d;
        bestLen = p.length;
      }
    }
  }
  return best;
}

/** The dataset whose required columns all appear in `headers`; the best-covered one on a tie. */
export function datasetByHeaders(headers: readonly string[]): Dataset | null {
  let best: Dataset | null = null;
  let bestScore = 0;
  for (const d of DATASETS) {
    const m = mapHeaders(d, headers);
    if (m.missing.length > 0) continue;
    const score = m.columns.filter((c) => c !== null).length / Object.keys(d.columns).length;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
