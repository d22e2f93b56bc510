/**
 * npm run report -- --in <csv dir or data dir> [--in <another company> …] --period <2026-Q3|2026>
 *   --out <dir> [--lang zh|en] [--config <file>] [--no-pdf]
 * Builds the public quality report (aggregates only, small cells withheld): index.html,
 * report.json and report.pdf; with several --in folders also a league table of the companies.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../src/ingest/ingest.ts';
import { IngestError } from '../src/ingest/types.ts';
import { KPI_IDS } from '../src/kpi/catalogue.ts';
import { ConfigError, DEFAULT_CONFIG_PATH, loadConfig } from '../src/kpi/config.ts';
import { PeriodError } from '../src/kpi/period.ts';
import { openNodeRunner } from '../src/kpi/runner-node.ts';
import { runMain, stderrLogger } from '../src/lib/cli.ts';
import { companyReport, type CompanyReport } from '../src/report/model.ts';
import { renderLeague } from '../src/report/league.ts';
import { printPdfs } from '../src/report/pdf.ts';
import { renderReport } from '../src/report/render.ts';

runMain(async () => {
  const { values } = parseArgs({ options: {
    in: { type: 'string', multiple: true }, period: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string', default: 'zh' },
    config: { type: 'string', default: DEFAULT_CONFIG_PATH }, 'no-pdf': { type: 'boolean', default: false },
  } });
  if (!values.in?.length || !values.period || !values.out) throw new ConfigError('usage: npm run report -- --in <dir> [--in <dir> …] --period <2026-Q3|2026> --out <dir> [--lang zh|en]');
  const lang = values.lang === 'en' ? 'en' : 'zh';
  const scratch = await mkdtemp(join(tmpdir(), 'hsq-report-'));
  try {
    const reports: { slug: string; r: CompanyReport }[] = [];
    for (const [i, dir] of values.in.entries()) {
      let dataDir = dir;
      if (!existsSync(join(dir, 'manifest.json'))) {
        dataDir = join(scratch, `company-${i}`);
        await ingest({ inDir: dir, outDir: dataDir }, { logger: stderrLogger, now: () => new Date() });
      }
      const own = join(dir, 'quality.config.json');
      const config = await loadConfig(existsSync(own) ? own : values.config, KPI_IDS);
      const runner = await openNodeRunner(dataDir);
      try {
        reports.push({ slug: values.in.length > 1 ? `${String(i + 1).padStart(2, '0')}-${basename(dir).replace(/[^\w.-]+/g, '_')}` : '', r: await companyReport(runner, config, values.period) });
      } finally {
        runner.close();
      }
    }
    await rm(values.out, { recursive: true, force: true });
    const jobs = [];
    for (const { slug, r } of reports) {
      const dir = join(values.out, slug);
      await mkdir(dir, { recursive: true });
      const html = renderReport(r, lang);
      await writeFile(join(dir, 'index.html'), html);
      await writeFile(join(dir, 'report.json'), JSON.stringify(r, null, 2));
      jobs.push({ html, path: join(dir, 'report.pdf'), header: `${lang === 'zh' ? r.company.name : r.company.name_en} · ${r.period}` });
    }
    if (reports.length > 1) {
      const html = renderLeague(reports, lang);
      await writeFile(join(values.out, 'index.html'), html);
      await writeFile(join(values.out, 'report.json'), JSON.stringify(reports.map(({ slug, r }) => ({ slug, company: r.company, period: r.period, kpis: r.kpis })), null, 2));
      jobs.push({ html, path: join(values.out, 'report.pdf'), header: `${lang === 'zh' ? '会员企业服务质量对比' : 'Member comparison'} · ${values.period}` });
    }
    if (!values['no-pdf']) await printPdfs(jobs);
    stderrLogger.info(`wrote ${values.out}: ${reports.length} company report(s)${values['no-pdf'] ? '' : ' with PDF'}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}, (e) => e instanceof IngestError || e instanceof ConfigError || e instanceof PeriodError);
