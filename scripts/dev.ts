/**
 * npm run dev -- [--in <csv dir>] [--data <dir>] [--as-of <timestamp>] [--config <file>] [--port <n>]
 * Ingests the folder (incrementally), serves the dashboard with Astro's dev server and watches the
 * folder: when a CSV file is added, changed or removed it re-ingests (only the datasets whose files
 * changed) and reloads every open page. A failed re-ingest keeps serving the previous data.
 */
import { watch } from 'node:fs';
import { parseArgs } from 'node:util';
import { dev } from 'astro';
import { ingestWithSummary } from '../src/ingest/ingest.ts';
import { IngestError } from '../src/ingest/types.ts';
import { ConfigError, DEFAULT_CONFIG_PATH } from '../src/kpi/config.ts';
import { astroEnv, writeSnapshot } from '../src/site/build-site.ts';
import { DATA_CHANGED } from '../src/site/dev-data.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';

runMain(async () => {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: 'data/sample' }, data: { type: 'string', default: 'data/out' }, 'as-of': { type: 'string' },
      config: { type: 'string', default: DEFAULT_CONFIG_PATH }, port: { type: 'string', default: '4321' },
    },
  });
  const refresh = async () => {
    await ingestWithSummary({ inDir: values.in, outDir: values.data, ...(values['as-of'] ? { asOf: values['as-of'] } : {}) });
    await writeSnapshot(values.data, values.config);
  };
  await refresh();
  astroEnv(values.data);
  const server = await dev({ root: process.cwd(), server: { host: '127.0.0.1', port: Number(values.port) }, logLevel: 'warn' });
  console.log(`dashboard at http://127.0.0.1:${server.address.port}${process.env.BASE_PATH ?? '/'} · watching ${values.in} (Ctrl+C to stop)`);

  // Editors and exports write a file in several steps: wait for a quiet moment, never run two at once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const rerun = async () => {
    if (running) return void (again = true);
    running = refresh().then(
      () => {
        void process.emit(DATA_CHANGED as 'beforeExit', 0);
        console.log(`${new Date().toLocaleTimeString('zh-CN', { hour12: false })} data updated; pages reloaded`);
      },
      (e: unknown) => { stderrLogger.warn(`re-ingest failed, still serving the previous data: ${(e as Error).message}`); },
    );
    await running;
    running = null;
    if (again) {
      again = false;
      await rerun();
    }
  };
  const watcher = watch(values.in, (_event, name) => {
    if (name && !/\.(csv|tsv|txt)$/i.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void rerun(), 300);
  });
  await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
  watcher.close();
  await server.stop();
}, (e) => e instanceof IngestError || e instanceof ConfigError);
