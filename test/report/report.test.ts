/**
 * npm run report on the sample company (which has names, phones, ID numbers, comments, customer
 * and staff ids, complaint descriptions, inspection notes, staff-survey comments) and in
 * association mode: no personal value reaches any output file, the PDF's text included; the
 * league table compares the companies.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { decodeCsv } from '../../src/ingest/decode.ts';
import { cleanup, secondCompany, tempDir } from '../helpers.ts';

const run = promisify(execFile);
let out: string;
let second: string;
let fromPackages: string;
let packages: string[];
const PII = /^(customer_id|customer_name|customer_phone|staff_id|comment|note|description|name|phone|id_number|客户编号|客户姓名|客户电话|服务人员编号|姓名|身份证号|手机号|评价内容|投诉内容|备注|意见建议)$/;

beforeAll(async () => {
  const d = await tempDir('hsq-report-');
  second = await secondCompany(d);
  out = join(d, 'out');
  const env = { env: { ...process.env, TZ: 'Asia/Shanghai' } };
  packages = [join(d, 'a.pkg.json'), join(d, 'b.pkg.json')];
  fromPackages = join(d, 'from-packages');
  await Promise.all([
    run(process.execPath, ['scripts/report.ts', '--in', 'data/sample', '--in', second, '--period', '2026-Q3', '--out', out], env),
    run(process.execPath, ['scripts/report.ts', '--in', 'data/sample', '--period', '2026-Q3', '--package', packages[0]!], env)
      .then(() => run(process.execPath, ['scripts/report.ts', '--in', second, '--period', '2026-Q3', '--package', packages[1]!], env)),
  ]);
  await run(process.execPath, ['scripts/report.ts', '--in', packages[0]!, '--in', packages[1]!, '--out', fromPackages, '--no-pdf'], env);
}, 240_000);
afterAll(cleanup);

/** Every value of a personal column in the sample's CSV files. */
async function personalValues(): Promise<Set<string>> {
  const values = new Set<string>();
  for (const f of await readdir('data/sample')) {
    if (!f.endsWith('.csv')) continue;
    const { text } = decodeCsv(new Uint8Array(await readFile(join('data/sample', f))), f);
    const { data, meta } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    const cols = (meta.fields ?? []).filter((c) => PII.test(c.trim()));
    for (const row of data) for (const c of cols) if ((row[c] ?? '').trim().length >= 2) values.add(row[c]!.trim());
  }
  return values;
}

/** The text of every output file; PDFs through pdftotext. */
async function outputs(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    texts.set(p, p.endsWith('.pdf') ? (await run('pdftotext', ['-layout', p, '-'])).stdout : await readFile(p, 'utf8'));
  }
  return texts;
}

it('writes no personal value to any output file, PDF text included', async () => {
  const pii = await personalValues();
  expect(pii.size).toBeGreaterThan(15_000); // the sample's names, phones, ID numbers, comments, customer and staff ids
  const files = await outputs(out);
  expect([...files.keys()].filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
  for (const p of packages) files.set(p, await readFile(p, 'utf8')); // what a company hands over holds none either
  const pdf = [...files].find(([f]) => f.endsWith('01-sample/report.pdf'))![1];
  expect(pdf).toContain('服务质量报告'); // the PDF's Chinese text is real text, so this check means something
  const leaks: string[] = [];
  for (const [file, text] of files) for (const v of pii) if (text.includes(v)) leaks.push(`${file}: ${v}`);
  expect(leaks).toEqual([]);
});

it('compares the companies in a league table with links to each report', async () => {
  const html = await readFile(join(out, 'index.html'), 'utf8');
  expect(html).toContain('示例家政服务有限公司');
  expect(html).toContain('第二家政有限公司');
  expect(html).toContain('href="01-sample/index.html"');
  const json = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Association;
  expect(json.companies).toHaveLength(2);
  expect(json.companies[0]!.kpis).toEqual(json.companies[1]!.kpis); // the same data under two names gives the same figures
  // Two identical companies: in every funnel both are inside (the same rate at the same size), or both withheld (1–10 observations).
  expect(json.funnels.length).toBeGreaterThan(5);
  for (const f of json.funnels) expect(f.units.length === 0 ? ['withheld', f.withheld] : f.units.map((u) => u.position)).toEqual(f.units.length === 0 ? ['withheld', 2] : ['inside', 'inside']);
  expect(html).toContain('客户满意度 · 漏斗图');
});

interface Association { companies: { slug: string; kpis: { id: string; value: number | null }[] }[]; funnels: { id: string; p0: number; withheld: number; units: { slug: string; position: string; rate: number }[] }[] }

it('builds the same association report from aggregate packages as from the CSV folders', async () => {
  const a = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Association;
  const b = JSON.parse(await readFile(join(fromPackages, 'report.json'), 'utf8')) as Association;
  const unslug = (x: Association) => ({
    companies: x.companies.map(({ slug: _s, ...c }) => c),
    funnels: x.funnels.map((f) => ({ ...f, units: f.units.map(({ slug: _s, ...u }) => u) })),
  });
  expect(unslug(b)).toEqual(unslug(a));
  // And each company's page: the same report from its package as from its folder.
  const ra = await readFile(join(out, '01-sample', 'report.json'), 'utf8');
  const rb = await readFile(join(fromPackages, '01-a', 'report.json'), 'utf8');
  expect(JSON.parse(rb)).toEqual(JSON.parse(ra));
});

it('marks withheld complaint counts in the company report', async () => {
  const r = JSON.parse(await readFile(join(out, '01-sample', 'report.json'), 'utf8')) as { partial: boolean; complaints_by_branch: { rows: { received: number | null; mark: string | null }[] } };
  expect(r.partial).toBe(false); // 2026-Q3 ended before the as-of time (2026-11-20)
  const withheld = r.complaints_by_branch.rows.filter((x) => x.mark);
  expect(withheld.length === 0 || withheld.length >= 2).toBe(true);
  for (const row of r.complaints_by_branch.rows) if (row.received !== null) expect(row.received === 0 || row.received > 10).toBe(true);
});
