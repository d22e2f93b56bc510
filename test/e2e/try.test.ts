/**
 * "Try your data" in Debian's Chromium: dropped files give the same rejects and KPIs as
 * `npm run ingest` + `npm run kpis` on the same files, and nothing leaves the browser.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import type { Page, Request } from 'playwright-core';
import { tempDir, writeFiles } from '../helpers.ts';
import { measureDrop } from '../../src/bench/try-drop.ts';
import { cards, kpisJson, sampleSite } from './harness.ts';

const run = promisify(execFile);
const AS_OF = '2026-11-20 12:00';
const site = sampleSite('hsq-try-');
const expected = (rows: { id: string; value: number | null }[]) => rows.map((k) => [k.id, k.value === null ? '' : String(k.value)]);

/** `npm run ingest` of `inDir` with the page's as-of; returns the data dir. */
async function cliIngest(inDir: string): Promise<string> {
  const out = join(await tempDir(), 'data');
  await run(process.execPath, ['scripts/ingest.ts', '--in', inDir, '--out', out, '--as-of', AS_OF], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
  return out;
}

interface Opened { page: Page; requests: Request[]; errors: string[]; close(): Promise<void> }
async function openTry(path = '/try/'): Promise<Opened> {
  const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(site.url + path);
  await page.click('.try-options summary');
  await page.fill('#try-as-of', AS_OF);
  return { page, requests, errors, close: () => ctx.close() };
}

const settled = (page: Page) =>
  page.waitForFunction(() => ['ready', 'failed', 'empty'].includes((window as unknown as { __hsqTry: { state: string } }).__hsqTry.state), null, { timeout: 120_000 })
    .then(() => page.evaluate(() => {
      const state = (window as unknown as { __hsqTry: { state: string } }).__hsqTry.state;
      // A failure carries its message, so a failing test says why.
      return state === 'failed' ? `failed: ${document.getElementById('try-error')!.textContent}` : state;
    }));
const shown = (page: Page, s: object) =>
  page.waitForFunction((want) => (window as unknown as { __hsqTry: { rendered: string } }).__hsqTry.rendered === want, JSON.stringify(s), { timeout: 30_000 });
/** The rejects CSV the page offers for download (a blob: URL made in the page). */
const downloadedRejects = (page: Page) => page.evaluate(async () => {
  const bytes = await (await fetch((document.getElementById('rejects-download') as HTMLAnchorElement).href)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
});


describe('try your data', () => {
  it('the sample folder picked in the browser gives the rejects and KPIs of npm run ingest / npm run kpis; no data leaves the page', async () => {
    const data = await cliIngest('data/sample');
    const o = await openTry();
    const files = (await readdir('data/sample')).map((f) => join('data/sample', f));
    const before = o.requests.length;
    await o.page.setInputFiles('#try-files', files);
    expect(await settled(o.page)).toBe('ready');
    // Rejects: the download is byte for byte the build's rejects.csv; the table shows its rows.
    expect(await downloadedRejects(o.page)).toBe(await readFile(join(data, 'rejects.csv'), 'utf8'));
    const cli = (await readFile(join(data, 'rejects.csv'), 'utf8')).trim().split('\r\n').length - 1;
    expect(await o.page.locator('#rejects tbody tr').count()).toBe(Math.min(cli, 200));
    // Encodings as detected by the build.
    const encodings = await o.page.$$eval('#files tbody tr', (rows) => rows.map((r) => [r.children[0]!.textContent, r.children[2]!.textContent]));
    const manifest = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as { datasets: Record<string, { files: { name: string; encoding: string }[] }> };
    expect(encodings).toEqual(Object.values(manifest.datasets).flatMap((d) => d.files.map((f) => [f.name, f.encoding])));
    // KPIs: the default view (latest complete quarter), then a filtered one.
    expect(await cards(o.page)).toEqual(expected(await kpisJson(data, ['--period', '2026-Q3'])));
    await o.page.selectOption('#try-filters select[name=branch]', '丰台店');
    await o.page.selectOption('#try-filters select[name=period]', '2026-05');
    await shown(o.page, { page: 'overview', period: '2026-05', branch: '丰台店', service: '' });
    expect(await cards(o.page)).toEqual(expected(await kpisJson(data, ['--period', '2026-05', '--branch', '丰台店'])));
    // Other pages of the dashboard run on the dropped data too (keyboard: arrow keys move between tabs).
    await o.page.focus('#tab-overview');
    await o.page.keyboard.press('ArrowRight');
    await shown(o.page, { page: 'satisfaction', period: '2026-05', branch: '丰台店', service: '' });
    expect(await o.page.locator('#view figure').count()).toBeGreaterThan(2);
    // On a phone, the report's wide tables scroll inside their boxes; the page itself does not.
    await o.page.setViewportSize({ width: 390, height: 844 });
    expect(await o.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await o.page.screenshot({ path: join('test', 'output', 'pages', 'phone-zh-try-dropped.png'), fullPage: true });
    // Nothing but the site's own scripts and engine files was fetched; nothing was sent.
    const after = o.requests.slice(before);
    expect(after.filter((r) => new URL(r.url()).origin !== new URL(site.url).origin && !r.url().startsWith('blob:'))).toEqual([]);
    expect(after.filter((r) => r.method() !== 'GET' || r.postData() !== null).map((r) => r.url())).toEqual([]);
    expect(after.filter((r) => r.url().startsWith(site.url)).map((r) => new URL(r.url()).pathname).filter((p) => !p.startsWith('/_astro/'))).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.close();
  });

  it('a dropped GB18030 file with Chinese headers and a dirty file: same rejects (lines, reasons) and KPIs as the CLI; hostile text stays text', async () => {
    const orders = [
      '门店,订单编号,客户编号,客户姓名,联系电话,是否会员,服务类型,服务人员编号,下单时间,完成时间,订单状态,金额,回访时间',
      '朝阳店,O1,C1,张三,13800000001,是,日常保洁,S1,2026/7/5 14:03,2026年7月5日 17:00,已完成,¥120,2026/7/6 10:00',
      '<img src=x onerror=window.__pwned=1>,O2,C2,李四,13800000002,否,月嫂,S2,2026年7月6日,2026/8/20 18:00,已完成,8800元,',
      '朝阳店,O3,C1,张三,13800000001,是,开荒保洁,S1,2026-08-01 09:30,2026/8/1 15:30,已完成,600.50,',
    ].join('\r\n');
    const surveys = [
      'survey_id,order_id,submitted_at,overall,quality,punctuality', // 1
      'V1,O1,2026-07-06 09:00,5,5,4', // 2 ok
      'V2,O2,2026-08-21 10:00,非常满意,,', // 3 ok (label)
      'V3,O3,2026-08-02 10:00,6,,', // 4 score out of range
      'V4,O9,2026-08-02 10:00,4,,', // 5 unknown order
      'V5,O3,2026-13-02 10:00,4,,', // 6 bad date
      'V6,O3,"=HYPERLINK(""http://x"")",4,,', // 7 formula as a date
      'V1,O1,2026-07-06 09:00,3,,', // 8 duplicate key
    ].join('\n');
    const inDir = join(await tempDir(), 'in');
    await writeFiles(inDir, { '订单导出.csv': { text: orders, gb18030: true }, 'surveys.csv': surveys });
    const data = await cliIngest(inDir);
    const o = await openTry('/en/try/');
    await o.page.evaluate(async (files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'text/csv' }));
      document.getElementById('dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [
      { name: '订单导出.csv', b64: iconv.encode(orders, 'gb18030').toString('base64') },
      { name: 'surveys.csv', b64: Buffer.from(surveys).toString('base64') },
    ]);
    expect(await settled(o.page)).toBe('ready');
    const csv = await readFile(join(data, 'rejects.csv'), 'utf8');
    expect(await downloadedRejects(o.page)).toBe(csv);
    const table = await o.page.$$eval('#rejects tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(table.map((r) => `${r[1]}:${r[2]} ${r[3]}`)).toEqual(['surveys.csv:4 overall', 'surveys.csv:5 order_id', 'surveys.csv:6 submitted_at', 'surveys.csv:7 submitted_at', 'surveys.csv:8 survey_id']);
    const cliRejects = JSON.parse(await readFile(join(data, 'rejects.json'), 'utf8')) as { reason: string; value: string }[];
    expect(table.map((r) => [r[4], r[5]])).toEqual(cliRejects.map((r) => [r.value, r.reason]));
    expect(table[3]![4]).toBe('=HYPERLINK("http://x")');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(await o.page.$$eval('#files tbody tr', (rows) => rows.map((r) => r.children[2]!.textContent))).toEqual(['gb18030', 'utf-8']);
    expect(await cards(o.page)).toEqual(expected(await kpisJson(data, ['--period', '2026-Q3'])));
    // The hostile branch name is shown as text in the branch filter and never runs.
    expect(await o.page.$$eval('#try-filters select[name=branch] option', (os) => os.map((x) => x.textContent))).toContain('<img src=x onerror=window.__pwned=1>');
    expect(await o.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(o.errors).toEqual([]);
    await o.close();
  });

  it('a 200k-order drop (≈400k rows, 40 MB) finishes and no main-thread task exceeds 200 ms while parsing', async () => {
    const big = join(await tempDir(), 'csv');
    await run(process.execPath, ['scripts/sample.ts', '--size', '200k', '--out', big], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
    const files = (await readdir(big)).map((f) => join(big, f));
    let lines = 0;
    let bytes = 0;
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      bytes += Buffer.byteLength(text);
      lines += text.split('\n').filter((l) => l.trim() !== '').length - 1;
    }
    const r = await measureDrop(site.browser, site.url, files, bytes);
    expect(r.rows_read).toBe(lines);
    expect(r.rows_read).toBeGreaterThan(390_000);
    expect(r.longest_task_ingest_ms).toBeLessThan(200);
  }, 300_000);

  it('explains a fatal problem (missing column) and files that are not CSV', async () => {
    const o = await openTry();
    await o.page.setInputFiles('#try-files', [{ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('order_id,branch\nO1,A店\n') }]);
    expect(await settled(o.page)).toMatch(/^failed: .*orders\.csv: missing required column\(s\) for orders/);
    await o.page.setInputFiles('#try-files', [{ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') }]);
    await o.page.waitForFunction(() => document.getElementById('try-error')!.textContent!.includes('.csv'));
    expect(o.errors).toEqual([]);
    await o.close();
  });

  it('an office workbook (title rows, date cells, two sheets, an empty one, a 合计 row), a CSV with title lines and a PDF: same report as the CLI', async () => {
    // 2026-07-05 14:03 as an Excel serial (1900 system): 46208 + 843/1440.
    const at = (serial: number) => ({ t: 'n', v: serial, z: 'yyyy/m/d h:mm' });
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([
      ['某某家政服务有限公司 订单明细'], // 1
      ['门店', '订单编号', '客户编号', '服务类型', '下单时间', '完成时间', '订单状态', '金额'], // 2
      ['朝阳店', 'O1', 'C1', '日常保洁', at(46208 + 843 / 1440), at(46208 + 1023 / 1440), '已完成', 120], // 3
      ['海淀店', 'O2', 'C2', '月嫂', at(46209.5), null, '待服务', 8800], // 4
      ['朝阳店', 'O3', 'C1', '开荒保洁', '不是日期', null, '已完成', 100], // 5 rejected
      ['合计', null, null, null, null, null, null, 9020], // 6
    ]), '订单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['投诉编号', '订单编号', '门店', '投诉时间', '投诉类别', '处理状态'], ['T1', 'O1', '朝阳店', at(46209), '服务质量', '处理中']]), '投诉记录');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Sheet3');
    const book = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const surveys = ['满意度调查导出', '', 'survey_id,order_id,submitted_at,overall', 'V1,O1,2026-07-06 09:00,5', 'V2,O2,2026-07-07 09:00,非常满意', '合计,,,'].join('\r\n');
    const inDir = join(await tempDir(), 'in');
    await writeFiles(inDir, { 'surveys.csv': surveys, '说明.pdf': '%PDF-1.4' });
    await writeFile(join(inDir, '导出.xlsx'), book);
    const data = await cliIngest(inDir);
    const o = await openTry('/en/try/');
    await o.page.setInputFiles('#try-files', [
      { name: '导出.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book },
      { name: 'surveys.csv', mimeType: 'text/csv', buffer: Buffer.from(surveys) },
      { name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    ]);
    expect(await settled(o.page)).toBe('ready');
    expect(await downloadedRejects(o.page)).toBe(await readFile(join(data, 'rejects.csv'), 'utf8'));
    const table = await o.page.$$eval('#rejects tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(table.map((r) => `${r[1]}:${r[2]} ${r[3]}`)).toEqual(['导出.xlsx#订单:5 ordered_at']);
    const files = await o.page.$$eval('#files tbody tr', (rows) => rows.map((r) => [r.children[0]!.textContent, r.children[2]!.textContent]));
    expect(files.sort()).toEqual([['surveys.csv', 'utf-8'], ['导出.xlsx#投诉记录', 'workbook'], ['导出.xlsx#订单', 'workbook']]);
    expect(await o.page.textContent('#unrecognised')).toContain('说明.pdf');
    const warnings = await o.page.$$eval('#warnings li', (li) => li.map((x) => x.textContent ?? ''));
    const cli = JSON.parse(await readFile(join(data, 'manifest.json'), 'utf8')) as { warnings: string[]; unrecognised_files: string[] };
    expect(cli.unrecognised_files).toEqual(['说明.pdf']);
    for (const w of ['导出.xlsx#Sheet3: empty sheet', '导出.xlsx#订单: header row on line 2', 'surveys.csv: header row on line 3', '(合计, line 6)']) {
      expect(warnings.some((x) => x.includes(w)), w).toBe(true);
      expect(cli.warnings.some((x) => x.includes(w)), w).toBe(true);
    }
    expect(o.errors).toEqual([]);
    await o.close();
  });
});

