/**
 * npm run ingest -- --in <csv dir> --out <data dir> [--strict] [--as-of <timestamp>] [--salt <s>] [--full] [--engine auto|bulk|js]
 * Incremental: datasets whose input files are unchanged keep their previous output (--full reads everything).
 * Summary on stdout; progress and warnings on stderr. Exit 1 on a fatal error (or --strict with rejects).
 */
import '../src/lib/huge-pages.ts';
import { parseArgs } from 'node:util';
import { ingest } from '../src/ingest/ingest.ts';
import { formatSummary } from '../src/ingest/summary.ts';
import { IngestError } from '../src/ingest/types.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';

const USAGE = 'usage: npm run ingest -- --in <csv dir> --out <data dir> [--strict] [--as-of <timestamp>] [--full] [--engine auto|bulk|js]';

runMain(async () => {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' }, out: { type: 'string' }, strict: { type: 'boolean', default: false },
      'as-of': { type: 'string' }, salt: { type: 'string' }, full: { type: 'boolean', default: false }, engine: { type: 'string', default: 'auto' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.in || !values.out) throw new IngestError(`--in and --out are required\n${USAGE}`);
  const engine = values.engine;
  if (engine !== 'auto' && engine !== 'bulk' && engine !== 'js') throw new IngestError(`--engine must be auto, bulk or js\n${USAGE}`);
  const started = performance.now();
  const { manifest, skipped } = await ingest(
    { inDir: values.in, outDir: values.out, strict: values.strict, full: values.full, engine, ...(values['as-of'] ? { asOf: values['as-of'] } : {}), ...(values.salt ? { salt: values.salt } : {}) },
    { logger: stderrLogger, now: () => new Date() },
  );
  console.log(formatSummary(manifest, values.out, performance.now() - started, skipped));
}, (e) => e instanceof IngestError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true);
