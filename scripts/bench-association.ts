/**
 * npm run bench:association [-- --companies 1000] [--work data/bench/association] [--lang zh|en] [--no-pdf]
 * Generates aggregate packages for that many member companies (from the sample company's facts,
 * seeded; src/bench/members.ts) and times `npm run report` over them in a fresh process: the
 * association page with its funnels, every company's HTML report, and the PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMembers } from '../src/bench/members.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { KPI_IDS } from '../src/kpi/catalogue.ts';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../src/kpi/config.ts';
import { openNodeRunner } from '../src/kpi/runner-node.ts';
import { stderrLogger } from '../src/lib/cli.ts';
import { companyFacts } from '../src/report/model.ts';

const { values } = parseArgs({ options: {
  companies: { type: 'string', default: '1000' }, work: { type: 'string', default: 'data/bench/association' },
  lang: { type: 'string', default: 'zh' }, 'no-pdf': { type: 'boolean', default: false }, period: { type: 'string', default: '2026-Q3' },
} });
const count = Number(values.companies);
const work = resolve(values.work);
const base = join(work, 'base');
if (!existsSync(join(base, 'manifest.json'))) await ingest({ inDir: 'data/sample', outDir: base }, { logger: { info: () => {}, warn: () => {} }, now: () => new Date() });
const config = await loadConfig(DEFAULT_CONFIG_PATH, KPI_IDS);
const runner = await openNodeRunner(base);
const facts = await companyFacts(runner, config, values.period);
runner.close();

const pkgDir = join(work, `packages-${count}`);
await rm(pkgDir, { recursive: true, force: true });
await mkdir(pkgDir, { recursive: true });
const packages = generateMembers(facts, count);
await Promise.all(packages.map((p, i) => writeFile(join(pkgDir, `m${String(i + 1).padStart(4, '0')}.pkg.json`), JSON.stringify(p))));
const out = join(work, `out-${count}`);
stderrLogger.info(`${count} packages in ${pkgDir}; running npm run report…`);
const t0 = performance.now();
execFileSync(process.execPath, ['scripts/report.ts', '--in', pkgDir, '--out', out, '--lang', values.lang, ...(values['no-pdf'] ? ['--no-pdf'] : [])], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TZ: 'Asia/Shanghai' } });
const ms = performance.now() - t0;
const size = async (p: string) => (existsSync(p) ? (await stat(p)).size : 0);
const pages = existsSync(join(out, 'report.pdf')) ? Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(out, 'report.pdf')], { encoding: 'utf8' }))?.[1] ?? 0) : 0;
const result = { companies: count, report_s: +(ms / 1000).toFixed(2), association_html_kb: Math.round((await size(join(out, 'index.html'))) / 1024), association_pdf_pages: pages };
console.log(JSON.stringify(result));
