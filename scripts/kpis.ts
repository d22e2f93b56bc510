/**
 * npm run kpis -- --data <data dir> --period <2026-Q3|2026-07|2026|2026-H1|2026-YTD>
 *                 [--branch <name>] [--service-type <code>] [--config <file>] [--json]
 * With --json: one JSON array on stdout, nothing else. Errors: message on stderr, exit 1.
 */
import { parseArgs } from 'node:util';
import { KPI_IDS } from '../src/kpi/catalogue.ts';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../src/kpi/config.ts';
import { computeKpis } from '../src/kpi/engine.ts';
import { formatKpiTable } from '../src/kpi/format.ts';
import { parsePeriod, PeriodError } from '../src/kpi/period.ts';
import { openNodeRunner } from '../src/kpi/runner-node.ts';
import { checkFilter, FilterError } from '../src/kpi/filters.ts';
import { parseLocalTimestamp } from '../src/lib/datetime.ts';
import { runMain } from '../src/lib/cli.ts';

runMain(async () => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/out' }, period: { type: 'string' }, branch: { type: 'string' },
      'service-type': { type: 'string' }, config: { type: 'string', default: DEFAULT_CONFIG_PATH }, json: { type: 'boolean', default: false },
    },
  });
  if (!values.period) throw new PeriodError('--period is required (e.g. 2026-Q3, 2026-07, 2026)');
  const config = await loadConfig(values.config, KPI_IDS);
  const runner = await openNodeRunner(values.data).catch((e: Error) => {
    throw new FilterError(`cannot open ${values.data}: ${e.message} (run npm run ingest first)`);
  });
  try {
    const asOf = runner.manifest.as_of ? parseLocalTimestamp(runner.manifest.as_of) : null;
    if (asOf === null) throw new FilterError(`${values.data} holds no data (manifest has no as-of)`);
    const period = parsePeriod(values.period, asOf);
    const filter = await checkFilter(runner, { branch: values.branch ?? null, serviceType: values['service-type'] ?? null });
    const results = await computeKpis(runner, { period, asOf, filter, config });
    if (values.json) {
      const out = results.map(({ id, period, value, numerator, denominator, target, met, ci_low, ci_high }) => ({ id, period, value, numerator, denominator, target, met, ci_low, ci_high }));
      process.stdout.write(JSON.stringify(out) + '\n');
    } else {
      process.stdout.write(formatKpiTable(results, { period: period.id, asOf: runner.manifest.as_of!, filter }) + '\n');
    }
  } finally {
    runner.close();
  }
}, (e) => e instanceof PeriodError || e instanceof ConfigError || e instanceof FilterError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true);
