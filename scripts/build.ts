/**
 * npm run build -- [--in <csv dir>] [--out <dir>] [--as-of <timestamp>] [--config <file>] [--base /sub/path/] [--full]
 * Ingests the CSV folder (default: the bundled sample), computes the KPI snapshot and builds
 * the static site into --out (default dist/), with the browser's Arrow files under data/.
 * Only datasets whose input files changed are ingested again (--full: all of them).
 */
import { parseArgs } from 'node:util';
import { ingestWithSummary } from '../src/ingest/ingest.ts';
import { IngestError } from '../src/ingest/types.ts';
import { ConfigError, DEFAULT_CONFIG_PATH } from '../src/kpi/config.ts';
import { buildSiteFromData } from '../src/site/build-site.ts';
import { OutDirError } from '../src/site/publish-dir.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';

runMain(async () => {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: 'data/sample' }, out: { type: 'string', default: 'dist' }, 'as-of': { type: 'string' },
      config: { type: 'string', default: DEFAULT_CONFIG_PATH }, data: { type: 'string', default: 'data/out' }, base: { type: 'string' }, full: { type: 'boolean', default: false },
    },
  });
  const t0 = performance.now();
  await ingestWithSummary({ inDir: values.in, outDir: values.data, full: values.full, ...(values['as-of'] ? { asOf: values['as-of'] } : {}) });
  const outDir = await buildSiteFromData({ dataDir: values.data, outDir: values.out, configPath: values.config, ...(values.base ? { base: values.base } : {}) });
  stderrLogger.info(`built ${outDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}, (e) => e instanceof IngestError || e instanceof ConfigError || e instanceof OutDirError);
