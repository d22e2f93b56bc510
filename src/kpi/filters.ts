/** Checks branch and service-type filters against the data before any KPI runs. */
import { SERVICE_TYPES } from '../datasets/codes.ts';
import type { KpiFilter } from './engine.ts';
import { memo } from './memo.ts';
import type { SqlRunner } from './runner.ts';

export class FilterError extends Error {
  override name = 'FilterError';
}

/** Branch names present in the data, sorted. */
export function branchNames(runner: SqlRunner): Promise<string[]> {
  return memo(runner, 'branches', async () => {
    const tables = await runner.tables();
    const sources = ['orders', 'staff', 'complaints'].filter((t) => tables.has(t)).map((t) => `SELECT DISTINCT branch FROM ${t}`);
    if (sources.length === 0) return [];
    const rows = await runner.query(`SELECT DISTINCT branch FROM (${sources.join(' UNION ')}) WHERE branch IS NOT NULL ORDER BY branch`);
    return rows.map((r) => String(r.branch));
  });
}

/** Returns the filter if valid; throws FilterError naming the unknown value and the known ones. */
export async function checkFilter(runner: SqlRunner, f: KpiFilter): Promise<KpiFilter> {
  if (f.serviceType && !(f.serviceType in SERVICE_TYPES)) {
    throw new FilterError(`unknown service type: ${f.serviceType} (known: ${Object.keys(SERVICE_TYPES).join(', ')})`);
  }
  if (f.branch) {
    const names = await branchNames(runner);
    if (!names.includes(f.branch)) throw new FilterError(`unknown branch: ${f.branch} (known: ${names.join(', ')})`);
  }
  return f;
}
