/**
 * Answers: what a page's view model reads, shipped instead of rows. The build runs each page's
 * views on the Node runner, then packs the cubes, rosters, branch and service lists the page
 * asked for (memo.ts) and the KPI slice rows it can show (engine.ts) into one JSON file. The
 * browser seeds a query-less runner with them: every filter the page offers is then answered by
 * the same view model in JavaScript, and anything else (a query) is a `NeedsEngine`.
 */
import type { CubeIndex } from './cube.ts';
import { packCube, unpackCube, type PackedCube } from './cube-pack.ts';
import { seedSliceCache } from './engine.ts';
import { seedMemo } from './memo.ts';
import type { SqlRunner } from './runner.ts';

/** One page's answers, as written to `data/answers-<page>.json`. */
export interface Answers {
  v: 1;
  tables: string[];
  /** Memo entries (cube:…, roster:…, branches, services), packed. */
  memo: [string, unknown][];
  /** KPI slice rows (key: KPI id and bound parameters). */
  slices: [string, Record<string, unknown> | null][];
  /**
   * Periods whose per-state lists (breakdowns.ts `reduce`) are in a part file of their own
   * (`answers-<page>-<period>.json`), fetched when a view of the period is asked for: at 1M orders
   * they are most of a page's answers, and a view needs only its period's.
   */
  parts?: string[];
}

/** One period's per-state entries of a page's answers (see `Answers.parts`). */
export interface AnswersPart { v: 1; memo: [string, unknown][] }

/** A view asked for something the answers do not hold: the caller falls back to DuckDB-WASM. */
export class NeedsEngine extends Error {
  override name = 'NeedsEngine';
  readonly sql: string;
  constructor(sql: string) {
    super(`not in the shipped answers; needs the query engine:\n${sql.slice(0, 300)}`);
    this.sql = sql;
  }
}

interface PackedRows { cols: string[]; data: unknown[][] }

/** Packs rows as one array per column (names once, not per row). */
export function packRows(rows: readonly Record<string, unknown>[]): PackedRows {
  const cols = rows.length ? Object.keys(rows[0]!) : [];
  return { cols, data: cols.map((c) => rows.map((r) => r[c] ?? null)) };
}

/** The rows `packRows` packed. */
export function unpackRows(p: PackedRows): Record<string, unknown>[] {
  const n = p.data[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(p.cols.map((c, j) => [c, p.data[j]![i]])));
}

/** Packs a memo entry by its kind (its key's prefix). */
export function packEntry([key, value]: readonly [string, unknown]): [string, unknown] {
  if (key.startsWith('cube:')) return [key, packCube(value as CubeIndex)];
  if (key.startsWith('roster:')) return [key, packRows(value as Record<string, unknown>[])];
  return [key, value];
}

function unpackEntry(key: string, value: unknown): unknown {
  if (key.startsWith('cube:')) return unpackCube(value as PackedCube);
  if (key.startsWith('roster:')) return unpackRows(value as PackedRows);
  return value;
}

/** A runner that answers from `answers` alone: its memo and slice cache are seeded, and any query throws NeedsEngine. */
export function answersRunner(answers: Answers): SqlRunner {
  const tables = new Set(answers.tables);
  const runner: SqlRunner = {
    query: (sql) => Promise.reject(new NeedsEngine(sql)),
    tables: async () => tables,
  };
  seedMemo(runner, answers.memo, unpackEntry);
  seedSliceCache(runner, answers.slices);
  return runner;
}

/** Adds a part's entries to a runner made by `answersRunner`. */
export function addAnswersPart(runner: SqlRunner, part: AnswersPart): void {
  seedMemo(runner, part.memo, unpackEntry);
}
