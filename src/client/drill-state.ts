/**
 * The open drill-down as URL state: `?drill=<kpi>`, plus `drill_period` / `drill_branch` /
 * `drill_service` for what a table row pinned (views/figure.ts `DrillAt`); the dimensions not
 * pinned follow the filters.
 */
import { KPI_IDS } from '../kpi/catalogue.ts';
import type { DrillAt } from '../views/figure.ts';
import type { ViewState } from '../views/model.ts';

const PINS = ['period', 'branch', 'service'] as const;

/** The drill-down a URL's query opens, or null (an unknown KPI opens none). */
export function readDrill(search: string): DrillAt | null {
  const q = new URLSearchParams(search);
  const kpi = q.get('drill');
  if (!kpi || !KPI_IDS.includes(kpi)) return null;
  const at: DrillAt = { kpi };
  for (const d of PINS) {
    const v = q.get(`drill_${d}`);
    if (v !== null) at[d] = v;
  }
  return at;
}

/** Adds the drill-down to a URL's query. */
export function writeDrill(q: URLSearchParams, at: DrillAt | null): void {
  if (!at) return;
  q.set('drill', at.kpi);
  for (const d of PINS) if (at[d] !== undefined) q.set(`drill_${d}`, at[d]);
}

/** The drill-down a button's data attributes (figure.ts `drillButton`) open. */
export function drillOfButton(data: DOMStringMap): DrillAt | null {
  if (!data.drill) return null;
  const at: DrillAt = { kpi: data.drill };
  if (data.drillPeriod !== undefined) at.period = data.drillPeriod;
  if (data.drillBranch !== undefined) at.branch = data.drillBranch;
  if (data.drillService !== undefined) at.service = data.drillService;
  return at;
}

/** The state the drill-down shows: the filters', with its pins. */
export function drillState(at: DrillAt, filters: ViewState): ViewState {
  const s = { ...filters };
  for (const d of PINS) if (at[d] !== undefined) s[d] = at[d];
  return s;
}

/** `at` after the filters went from `was` to `now`: a dimension chosen in the filters is no longer pinned. */
export function unpinChanged(at: DrillAt, was: ViewState, now: ViewState): DrillAt {
  const out = { ...at };
  for (const d of PINS) if (was[d] !== now[d]) delete out[d];
  return out;
}
