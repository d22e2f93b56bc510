/** The view state in the URL (?period=&branch=&service=): only values that differ from the default are written. */
import type { ViewState } from './model.ts';

const KEYS = ['period', 'branch', 'service'] as const;

/** Reads the state from a query string, falling back to the default for missing values. */
export function readState(search: string, defaults: ViewState): ViewState {
  const q = new URLSearchParams(search);
  return { period: q.get('period') || defaults.period, branch: q.get('branch') ?? defaults.branch, service: q.get('service') ?? defaults.service };
}

/** The query string (with '?', or '') for a state. */
export function writeState(state: ViewState, defaults: ViewState): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (state[k] !== defaults[k]) q.set(k, state[k]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** True when two states are the same view. */
export const sameState = (a: ViewState, b: ViewState) => KEYS.every((k) => a[k] === b[k]);
