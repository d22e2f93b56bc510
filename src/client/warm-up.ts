/**
 * Rehearsal of filter changes while the page is idle. A view's first change after load runs code
 * the JIT has not compiled yet and unpacks the answers' cubes it reads (kpi/cube-pack.ts), so it
 * takes two or three times as long as the next ones. Computing and rendering, off the document, a
 * view for another branch, service type and period moves that cost to idle time.
 */
import type { ViewState } from '../views/model.ts';
import { whenIdle } from './answer-parts.ts';

/**
 * The states to rehearse from `shown`: one change of each filter, to the last value its select
 * offers (or, for the period, the next one), skipping values equal to the shown ones.
 */
export function rehearsals(shown: ViewState, options: Record<keyof ViewState, readonly string[]>): ViewState[] {
  const out: ViewState[] = [];
  const last = (vs: readonly string[], now: string) => [...vs].reverse().find((v) => v !== '' && v !== now);
  const branch = last(options.branch, shown.branch);
  if (branch !== undefined) out.push({ ...shown, branch });
  const service = last(options.service, shown.service);
  if (service !== undefined) out.push({ ...shown, service });
  const i = options.period.indexOf(shown.period);
  const period = options.period[i + 1] ?? options.period.find((v) => v !== shown.period);
  if (period !== undefined && period !== shown.period) out.push({ ...shown, period });
  return out;
}

/** Resolves in the page's next idle period. */
const nextIdle = (): Promise<void> => new Promise((r) => whenIdle(r));

/**
 * Calls each of `steps` in an idle period of its own, so that a person's input waits for one step
 * at most; stops once `stale()` (a real filter change has started, and runs the code itself).
 * Resolves true when every step ran.
 */
export async function inIdleSteps(steps: readonly (() => void)[], stale: () => boolean): Promise<boolean> {
  for (const step of steps) {
    await nextIdle();
    if (stale()) return false;
    step();
  }
  return true;
}

/**
 * Runs `rehearse` on each state, one per idle period. It goes on after a real filter change:
 * one change of the branch has not run the code of a change of the service type.
 */
export function warmUp(states: readonly ViewState[], rehearse: (s: ViewState) => Promise<void>): void {
  const [next, ...rest] = states;
  if (next === undefined) return;
  whenIdle(() => void rehearse(next).catch(() => {}).then(() => warmUp(rest, rehearse)));
}
