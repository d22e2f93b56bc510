/** Runs breakdown queries, and builds the contexts that slice the catalogue by branch, service type and period. */
import { SERVICE_TYPES } from '../datasets/codes.ts';
import { BREAKDOWNS, breakdownById, type BreakdownDef } from './breakdowns.ts';
import { ensureCube, isBucketBound, splitDay, sumCube } from './cube.ts';
import { inlineParamsQuery } from './define.ts';
import { kpiParams, sliceValues, type KpiContext } from './engine.ts';
import { memo } from './memo.ts';
import { ensureRoster } from './roster.ts';
import type { Period } from './period.ts';
import type { SqlRunner } from './runner.ts';

/**
 * Rows of one breakdown for the context (empty when its datasets are absent): from its roster, or
 * its cube for whole-bucket periods, else (or with `fast: false`) its SQL.
 */
export async function runBreakdown(runner: SqlRunner, id: string, ctx: KpiContext, opts: { fast?: boolean; reduce?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const b = breakdownById(id);
  const tables = await runner.tables();
  if (!b.requires.every((d) => tables.has(d))) return [];
  const reduce = b.reduce;
  if (!reduce || opts.reduce === false) return computeBreakdown(runner, b, ctx, opts);
  if (opts.fast === false) return reduce(await computeBreakdown(runner, b, ctx, opts));
  // Memoised per state, so a page's answers can ship the short result of every state it offers.
  // Roster breakdowns read registers without a service type: one entry serves every service filter.
  const keyCtx = b.roster ? { ...ctx, filter: { ...ctx.filter, serviceType: null } } : ctx;
  return memo(runner, stateKey(b.id, kpiParams(keyCtx)), async () => reduce(await computeBreakdown(runner, b, ctx, opts)));
}

/** Memo keys of per-state reduced breakdowns (BreakdownDef.reduce) start with this. */
export const STATE_PREFIX = 'state:';
const stateKey = (id: string, params: unknown) => `${STATE_PREFIX}${id}:${JSON.stringify(params)}`;

/** The breakdown id of a per-state memo key. */
export function stateKeyId(key: string): string {
  return key.slice(STATE_PREFIX.length, key.indexOf(':', STATE_PREFIX.length));
}

async function computeBreakdown(runner: SqlRunner, b: BreakdownDef, ctx: KpiContext, opts: { fast?: boolean }): Promise<Record<string, unknown>[]> {
  if (b.roster && opts.fast !== false) return b.roster.rows(await ensureRoster(runner, b.roster.sql), sliceValues(ctx));
  const split = splitDay(ctx.asOf);
  if (b.cube && opts.fast !== false && (b.cube.periodFree || (isBucketBound(ctx.period.start, split) && isBucketBound(ctx.period.end, split)))) {
    const spec = { id: b.id, facts: b.cube.facts, measures: b.cube.measures, ...(b.cube.maxOf ? { maxOf: b.cube.maxOf } : {}) };
    const index = await ensureCube(runner, spec, kpiParams(ctx), split);
    const service = b.cube.byService === false ? '' : (ctx.filter?.serviceType ?? '');
    const [start, stop] = b.cube.periodFree ? [-Infinity, Infinity] : [ctx.period.start, ctx.period.end];
    return b.cube.finish(sumCube(index, spec, ctx.filter?.branch ?? '', service, start, stop));
  }
  const { sql, pick } = inlineParamsQuery(b);
  const params = kpiParams(ctx);
  return runner.query(sql, pick.map((i) => params[i]!));
}

/** Every breakdown for the context, by id. */
export async function runBreakdowns(runner: SqlRunner, ctx: KpiContext): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const b of BREAKDOWNS) out[b.id] = await runBreakdown(runner, b.id, ctx);
  return out;
}

/** The context for each value of a filter: one per branch name or service-type code. */
export function filterSlices(ctx: KpiContext, dim: 'branch' | 'serviceType', values: readonly string[]): KpiContext[] {
  return values.map((v) => ({ ...ctx, filter: { ...ctx.filter, [dim]: v } }));
}

/** The context for each of `periods` (a trend), in the order given. */
export function periodSlices(ctx: KpiContext, periods: readonly Period[]): KpiContext[] {
  return periods.map((period) => ({ ...ctx, period }));
}

/** Service types that have orders, in code-list order. */
export function serviceTypes(runner: SqlRunner): Promise<string[]> {
  return memo(runner, 'services', async () => {
    if (!(await runner.tables()).has('orders')) return [];
    const present = new Set((await runner.query('SELECT DISTINCT service_type FROM orders')).map((r) => String(r.service_type)));
    return Object.keys(SERVICE_TYPES).filter((t) => present.has(t));
  });
}
