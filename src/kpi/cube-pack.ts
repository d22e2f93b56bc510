/**
 * A cube as shipped in a page's answers: per cell and key, the bucket indexes and one array per
 * measure. A roll-up cell (one branch over all service types, one service type over all branches,
 * or everything) that is exactly the sum of its branch × service cells is left out and summed
 * again in the browser: at 10M orders that is a quarter of a page's answers. Whether it is exact
 * is checked when packing, with the very function that unpacking uses, so a roll-up that differs
 * (facts with no branch, a maximum, a different key order) is shipped as it is.
 */
import type { CubeIndex } from './cube.ts';

type Row = { bucket: number; m: number[] };
/** `null` in place of a cell's keys: sum it from the base cells. */
export interface PackedCube { buckets: number[]; cells: [string, [string, number[], ...number[][]][] | null][] }

const SEP = '\u0000';
const isBase = (cell: string) => { const i = cell.indexOf(SEP); return i > 0 && i < cell.length - 1; };
/** The roll-up cells a base cell (branch, service type) adds into. */
const rollupsOf = (cell: string) => { const [b, s] = cell.split(SEP); return [`${b}${SEP}`, `${SEP}${s}`, SEP]; };

/** The roll-up cells of `index` among `wanted`, summed from its base cells (keys and buckets in ascending order). */
function sumRollups(index: CubeIndex, wanted: ReadonlySet<string>): CubeIndex {
  const acc = new Map<string, Map<string, Map<number, number[]>>>();
  for (const [cell, byKey] of index) {
    if (!isBase(cell)) continue;
    for (const up of rollupsOf(cell)) {
      if (!wanted.has(up)) continue;
      let keys = acc.get(up);
      if (!keys) acc.set(up, (keys = new Map()));
      for (const [key, rows] of byKey) {
        let byBucket = keys.get(key);
        if (!byBucket) keys.set(key, (byBucket = new Map()));
        for (const r of rows) {
          const a = byBucket.get(r.bucket);
          if (!a) byBucket.set(r.bucket, [...r.m]);
          else for (let i = 0; i < a.length; i++) a[i] = a[i]! + r.m[i]!;
        }
      }
    }
  }
  const out: CubeIndex = new Map();
  for (const [cell, keys] of acc) {
    out.set(cell, new Map([...keys.keys()].sort().map((k) => [k, [...keys.get(k)!].sort((x, y) => x[0] - y[0]).map(([bucket, m]) => ({ bucket, m }))])));
  }
  return out;
}

const sameRows = (a: readonly Row[], b: readonly Row[]) => a.length === b.length && a.every((r, i) => r.bucket === b[i]!.bucket && r.m.length === b[i]!.m.length && r.m.every((v, j) => v === b[i]!.m[j]));
function sameCell(a: ReadonlyMap<string, Row[]>, b: ReadonlyMap<string, Row[]> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  const bk = [...b];
  return [...a].every(([k, rows], i) => bk[i]![0] === k && sameRows(rows, bk[i]![1]));
}

/** Packs a cube as columns, leaving out the roll-up cells its base cells sum to exactly. */
export function packCube(index: CubeIndex): PackedCube {
  const all = new Set<number>();
  for (const byKey of index.values()) for (const rows of byKey.values()) for (const r of rows) all.add(r.bucket);
  const buckets = [...all].sort((a, b) => a - b);
  const at = new Map(buckets.map((b, i) => [b, i]));
  const summed = sumRollups(index, new Set([...index.keys()].filter((c) => !isBase(c))));
  const cells: PackedCube['cells'] = [...index].map(([cell, byKey]) => [cell, !isBase(cell) && sameCell(byKey, summed.get(cell)) ? null : [...byKey].map(([key, rows]) => {
    const measures = rows[0]?.m.length ?? 0;
    return [key, rows.map((r) => at.get(r.bucket)!), ...Array.from({ length: measures }, (_, j) => rows.map((r) => r.m[j]!))];
  })]);
  return { buckets, cells };
}

/** The cube `packCube` packed (its left-out roll-ups summed again, cells in their packed order). */
export function unpackCube(p: PackedCube): CubeIndex {
  const read: CubeIndex = new Map();
  for (const [cell, keys] of p.cells) {
    if (keys) read.set(cell, new Map(keys.map(([key, idx, ...ms]) => [key, idx.map((b, i) => ({ bucket: p.buckets[b]!, m: ms.map((col) => col[i]!) }))])));
  }
  const summed = sumRollups(read, new Set(p.cells.filter(([, keys]) => keys === null).map(([cell]) => cell)));
  return new Map(p.cells.map(([cell, keys]) => [cell, keys ? read.get(cell)! : summed.get(cell) ?? new Map()]));
}
