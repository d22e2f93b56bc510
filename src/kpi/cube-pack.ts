/**
 * A cube as shipped in a page's answers: per cell and key, the bucket indexes and one array per
 * measure. A roll-up cell (one branch over all service types, one service type over all branches,
 * or everything) that is exactly the sum of its branch × service cells is left out and summed
 * again in the browser: at 10M orders that is a quarter of a page's answers. Whether it is exact
 * is checked when packing, with the very function that unpacking uses, so a roll-up that differs
 * (facts with no branch, a maximum, a different key order) is shipped as it is.
 */
import { cellKey, cellOf, type CubeCell, type CubeIndex } from './cube.ts';

type Keys = [string, number[], ...number[][]][];
/** `null` in place of a cell's keys: sum it from the base cells. */
export interface PackedCube { buckets: number[]; cells: [string, Keys | null][] }

const isBase = (cell: string) => cellOf(cell).every((part) => part !== '');
/** The roll-up cells a base cell (branch, service type) adds into. */
const rollupsOf = (cell: string) => { const [b, s] = cellOf(cell); return [cellKey(b, ''), cellKey('', s), cellKey('', '')]; };

/**
 * The roll-up cells among `wanted`, summed from the packed base cells in `cells` (keys in
 * ascending order, buckets by index: in time order). Packing and unpacking both call this.
 */
function sumRollups(cells: readonly [string, Keys | null][], wanted: ReadonlySet<string>, nb: number): Map<string, Keys> {
  const acc = new Map<string, Map<string, { sum: Float64Array; seen: Uint8Array }>>();
  let width = 0;
  for (const [cell, keys] of cells) {
    if (!keys || !isBase(cell)) continue;
    for (const up of rollupsOf(cell)) {
      if (!wanted.has(up)) continue;
      let byKey = acc.get(up);
      if (!byKey) acc.set(up, (byKey = new Map()));
      for (const [key, idx, ...ms] of keys) {
        width = ms.length;
        let a = byKey.get(key);
        if (!a) byKey.set(key, (a = { sum: new Float64Array(nb * width), seen: new Uint8Array(nb) }));
        for (let i = 0; i < idx.length; i++) {
          const b = idx[i]!;
          a.seen[b] = 1;
          for (let j = 0; j < width; j++) a.sum[b * width + j]! += ms[j]![i]!;
        }
      }
    }
  }
  const out = new Map<string, Keys>();
  for (const [cell, byKey] of acc) {
    out.set(cell, [...byKey.keys()].sort().map((key) => {
      const { sum, seen } = byKey.get(key)!;
      const idx: number[] = [];
      for (let b = 0; b < nb; b++) if (seen[b]) idx.push(b);
      return [key, idx, ...Array.from({ length: width }, (_, j) => idx.map((b) => sum[b * width + j]!))];
    }));
  }
  return out;
}

const sameArr = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sameKeys = (a: Keys, b: Keys | undefined) => !!b && a.length === b.length && a.every((k, i) => k.length === b[i]!.length && k[0] === b[i]![0] && k.slice(1).every((col, j) => sameArr(col as number[], b[i]![j + 1] as number[])));

/** Packs a cube as columns, leaving out the roll-up cells its base cells sum to exactly. */
export function packCube(index: CubeIndex): PackedCube {
  const cells = [...index.keys()].map((cell) => [cell, index.get(cell)!] as const);
  const all = new Set<number>();
  for (const [, byKey] of cells) for (const rows of byKey.values()) for (const r of rows) all.add(r.bucket);
  const buckets = [...all].sort((a, b) => a - b);
  const at = new Map(buckets.map((b, i) => [b, i]));
  const full: [string, Keys][] = cells.map(([cell, byKey]) => [cell, [...byKey].map(([key, rows]) => {
    const measures = rows[0]?.m.length ?? 0;
    return [key, rows.map((r) => at.get(r.bucket)!), ...Array.from({ length: measures }, (_, j) => rows.map((r) => r.m[j]!))];
  })]);
  const summed = sumRollups(full, new Set(full.map(([c]) => c).filter((c) => !isBase(c))), buckets.length);
  return { buckets, cells: full.map(([cell, keys]) => [cell, !isBase(cell) && sameKeys(keys, summed.get(cell)) ? null : keys]) };
}

/**
 * The cube `packCube` packed, its cells in their packed order. A cell is unpacked (a left-out
 * roll-up summed again) when it is first read: a view reads one or two of a cube's cells, and
 * unpacking them all took about 57 ms of the first view's 145 ms in the browser (20k orders).
 */
export function unpackCube(p: PackedCube): CubeIndex {
  const packed = new Map(p.cells);
  const done = new Map<string, CubeCell>();
  return {
    keys: () => packed.keys(),
    get(cell) {
      let out = done.get(cell);
      if (out || !packed.has(cell)) return out;
      const keys = packed.get(cell) ?? sumRollups(p.cells, new Set([cell]), p.buckets.length).get(cell) ?? [];
      out = new Map(keys.map(([key, idx, ...ms]) => [key, idx.map((b, i) => ({ bucket: p.buckets[b]!, m: ms.map((col) => col[i]!) }))]));
      done.set(cell, out);
      return out;
    },
  };
}
