/**
 * npm run report -- --in <csv dir | data dir | package.pkg.json | folder of packages> [--in … ] [--period <2026-Q3|2026>]
 *   --out <dir> [--lang zh|en] [--config <file>] [--no-pdf] [--company-pages]
 * npm run report -- --in <csv or data dir> --period <…> --package <file.pkg.json>
 * Builds the public quality report (aggregates only, small cells withheld): index.html,
 * report.json and report.pdf; with several inputs the association report (funnel plots and the
 * companies table). --package writes a company's aggregate package instead (package.ts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { associationFunnels } from '../src/report/association.ts';
import { companyFacts, reportFromFacts, type CompanyFacts } from '../src/report/model.ts';
import { renderLeague } from '../src/report/league.ts';
import { checkSamePeriod, makePackage, PackageError, readPackage } from '../src/report/package.ts';
import { printPdfs } from '../src/report/pdf.ts';
import { renderReport } from '../src/report/render.ts';

/** Above this many members, only the association page is printed to PDF (each company keeps its HTML). */
const MAX_COMPANY_PDFS = 20;
/** Above this many members, company pages are written only with --company-pages (each company publishes its own report). */
const MAX_COMPANY_PAGES = 100;

const isPackage = (p: string) => existsSync(p) && statSync(p).isFile();

runMain(async () => {
  const { values } = parseArgs({ options: {
    in: { type: 'string', multiple: true }, period: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string', default: 'zh' },
    config: { type: 'string', default: DEFAULT_CONFIG_PATH }, 'no-pdf': { type: 'boolean', default: false }, package: { type: 'string' }, 'company-pages': { type: 'boolean', default: false },
  } });
  const usage = 'usage: npm run report -- --in <dir | file.pkg.json> [--in … ] [--period <2026-Q3|2026>] --out <dir> [--lang zh|en] [--no-pdf]\n   or: npm run report -- --in <dir> --period <2026-Q3|2026> --package <file.pkg.json>';
  // A folder of packages (and no CSV) stands for each package in it, in name order.
  const inputs = (values.in ?? []).flatMap((p) => {
    if (!existsSync(p) || !statSync(p).isDirectory() || existsSync(join(p, 'manifest.json'))) return [p];
    const entries = readdirSync(p);
    const pkgs = entries.filter((f) => f.endsWith('.pkg.json')).sort();
    return pkgs.length && !entries.some((f) => /\.(csv|xlsx?)$/i.test(f)) ? pkgs.map((f) => join(p, f)) : [p];
  });
  if (!inputs.length || (!values.out && !values.package)) throw new ConfigError(usage);
  if (values.package && (inputs.length !== 1 || isPackage(inputs[0]!))) throw new ConfigError('--package takes exactly one company: --in <csv or data dir>');
  if (!values.period && !inputs.every(isPackage)) throw new ConfigError(`--period is needed for a CSV or data folder\n${usage}`);
  const lang = values.lang === 'en' ? 'en' : 'zh';
  const t0 = performance.now();
  const scratch = await mkdtemp(join(tmpdir(), 'hsq-report-'));
  try {
    const members: { slug: string; source: string; facts: CompanyFacts }[] = [];
    for (const [i, src] of inputs.entries()) {
      let facts: CompanyFacts;
      if (isPackage(src)) {
        facts = readPackage(await readFile(src, 'utf8'), src);
        if (values.period && facts.period !== values.period) throw new PackageError(`${src}: covers ${facts.period}, not --period ${values.period}`);
      } else {
        let dataDir = src;
        if (!existsSync(join(src, 'manifest.json'))) {
          dataDir = join(scratch, `company-${i}`);
          await ingest({ inDir: src, outDir: dataDir }, { logger: stderrLogger, now: () => new Date() });
        }
        const own = join(src, 'quality.config.json');
        const config = await loadConfig(existsSync(own) ? own : values.config, KPI_IDS);
        const runner = await openNodeRunner(dataDir);
        try {
          facts = await companyFacts(runner, config, values.period!);
        } finally {
          runner.close();
        }
      }
      const name = basename(src).replace(/\.pkg\.json$|\.json$/, '').replace(/[^\w.-]+/g, '_');
      members.push({ slug: inputs.length > 1 ? `${String(i + 1).padStart(inputs.length > 99 ? 4 : 2, '0')}-${name}` : '', source: src, facts });
    }
    if (values.package) {
      await writeFile(values.package, JSON.stringify(makePackage(members[0]!.facts), null, 1));
      stderrLogger.info(`wrote ${values.package}: the aggregate package of ${members[0]!.facts.company.name} for ${members[0]!.facts.period}`);
      return;
    }
    checkSamePeriod(members);
    const out = values.out!;
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const reports = members.map((m) => ({ slug: m.slug, r: reportFromFacts(m.facts) }));
    const jobs = [];
    const pages = reports.length === 1 || values['company-pages'] || reports.length <= MAX_COMPANY_PAGES;
    for (const { slug, r } of pages ? reports : []) {
      const dir = join(out, slug);
      await mkdir(dir, { recursive: true });
      const html = renderReport(r, lang);
      await writeFile(join(dir, 'index.html'), html);
      await writeFile(join(dir, 'report.json'), JSON.stringify(r, null, 2));
      if (reports.length <= MAX_COMPANY_PDFS) jobs.push({ html, path: join(dir, 'report.pdf'), header: `${lang === 'zh' ? r.company.name : r.company.name_en} · ${r.period}` });
    }
    if (reports.length > 1) {
      const threshold = Math.max(...members.map((m) => m.facts.threshold));
      const funnels = associationFunnels(members.map((m) => ({ slug: m.slug, name: { zh: m.facts.company.name, en: m.facts.company.name_en }, facts: m.facts })), threshold);
      const html = renderLeague(reports, funnels, lang, pages);
      await writeFile(join(out, 'index.html'), html);
      const summary = {
        period: reports[0]!.r.period,
        companies: reports.map(({ slug, r }) => ({ slug, company: r.company, period: r.period, kpis: r.kpis })),
        funnels: funnels.map(({ limitsAt: _l, ...f }) => f),
      };
      await writeFile(join(out, 'report.json'), JSON.stringify(summary, null, 2));
      jobs.push({ html, path: join(out, 'report.pdf'), header: `${lang === 'zh' ? '会员企业服务质量对比' : 'Member comparison'} · ${reports[0]!.r.period}` });
    }
    if (!values['no-pdf']) await printPdfs(jobs);
    const pdfNote = values['no-pdf'] ? '' : reports.length > MAX_COMPANY_PDFS ? ` with the association PDF (company PDFs only up to ${MAX_COMPANY_PDFS} members)` : ' with PDF';
    const what = reports.length === 1 ? 'the company report' : `the association report of ${reports.length} companies${pages ? ' and their reports' : ` (company pages only up to ${MAX_COMPANY_PAGES} members or with --company-pages)`}`;
    stderrLogger.info(`wrote ${out}: ${what}${pdfNote} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}, (e) => e instanceof IngestError || e instanceof ConfigError || e instanceof PeriodError || e instanceof PackageError);
