/**
 * The per-period parts of a page's answers (kpi/answers.ts `parts`): each fetched once, when a
 * view of its period is asked for or, one at a time, while the page is idle.
 */
import { addAnswersPart, type AnswersPart } from '../kpi/answers.ts';
import type { SqlRunner } from '../kpi/runner.ts';
import { answersPartFile } from '../site/site-files.ts';
import { fetchBytes } from './load-watch.ts';

/** Runs `f` when the browser is idle (at the latest after `timeout` ms). */
export const whenIdle = (f: () => void, timeout = 1000): void => {
  (window.requestIdleCallback ?? ((g: () => void) => setTimeout(g, 50)))(f, { timeout });
};

/** Loads parts of `page`'s answers from `dataUrl` into `runner`; `has` lists the periods that have one. */
export function answerParts(page: string, dataUrl: string, runner: SqlRunner, has: ReadonlySet<string>) {
  const got = new Map<string, Promise<void>>();
  /** Fetches (once) the part for `period`; resolves at once for a period without one. */
  function load(period: string): Promise<void> {
    if (!has.has(period)) return Promise.resolve();
    let p = got.get(period);
    if (!p) {
      const file = answersPartFile(page, period);
      p = fetchBytes(`${dataUrl}/${file}`, file, () => {}).then((b) => addAnswersPart(runner, JSON.parse(new TextDecoder().decode(b)) as AnswersPart));
      p.catch(() => got.delete(period));
      got.set(period, p);
    }
    return p;
  }
  /** Fetches the parts of `order` not yet fetched, one at a time while idle. */
  function prefetch(order: readonly string[]): void {
    const next = order.find((v) => has.has(v) && !got.has(v));
    if (next !== undefined) whenIdle(() => void load(next).then(() => prefetch(order), () => {}), 2000);
  }
  return { load, prefetch };
}
