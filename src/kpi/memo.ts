/**
 * Per-runner memo of the structures the views read (cubes, rosters, branch and service lists):
 * each built by one query on first use and kept for the runner's life (its tables never change).
 * The build reads a page's entries out (`memoEntries`) and ships them; the browser seeds a runner
 * with them (`seedMemo`), so every standard view is answered without running a query.
 */
import type { SqlRunner } from './runner.ts';

const memos = new WeakMap<SqlRunner, Map<string, Promise<unknown>>>();
const trackers = new WeakMap<SqlRunner, Set<string>>();
const seeds = new WeakMap<SqlRunner, Map<string, () => unknown>>();

function memoOf(runner: SqlRunner): Map<string, Promise<unknown>> {
  let m = memos.get(runner);
  if (!m) memos.set(runner, (m = new Map()));
  return m;
}

/** The value under `key` on `runner`, made by `make` on first use; a failure is forgotten (the next call retries). */
export function memo<T>(runner: SqlRunner, key: string, make: () => Promise<T>): Promise<T> {
  const m = memoOf(runner);
  trackers.get(runner)?.add(key);
  let hit = m.get(key) as Promise<T> | undefined;
  if (!hit) {
    const seed = seeds.get(runner)?.get(key);
    hit = seed ? Promise.resolve().then(seed) as Promise<T> : make();
    hit.catch(() => m.delete(key));
    m.set(key, hit);
  }
  return hit;
}

/** Starts recording which memo keys `runner` is asked for; returns the (live) set of keys. */
export function trackMemo(runner: SqlRunner): Set<string> {
  const seen = new Set<string>();
  trackers.set(runner, seen);
  return seen;
}

/** Stops recording for `runner`. */
export function untrackMemo(runner: SqlRunner): void {
  trackers.delete(runner);
}

/** The settled entries of `runner`'s memo (only `keys`, when given). */
export async function memoEntries(runner: SqlRunner, keys?: ReadonlySet<string>): Promise<[string, unknown][]> {
  const out: [string, unknown][] = [];
  for (const [k, v] of memoOf(runner)) if (!keys || keys.has(k)) out.push([k, await v]);
  return out;
}

/**
 * Puts values computed elsewhere (by the same code over the same data) into `runner`'s memo.
 * With `unpack`, each value is passed through it on its first use only: a page's answers hold
 * every filter state's structures, and unpacking them all up front would delay the first answer.
 */
export function seedMemo(runner: SqlRunner, entries: readonly (readonly [string, unknown])[], unpack?: (key: string, value: unknown) => unknown): void {
  const m = memoOf(runner);
  if (!unpack) {
    for (const [k, v] of entries) if (!m.has(k)) m.set(k, Promise.resolve(v));
    return;
  }
  let lazy = seeds.get(runner);
  if (!lazy) seeds.set(runner, (lazy = new Map()));
  for (const [k, v] of entries) if (!m.has(k)) lazy.set(k, () => unpack(k, v));
}
