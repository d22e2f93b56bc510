/**
 * Accessibility: axe-core on every page of the sample site, in Chinese and English, on the
 * first view and after a filter change; on the published reports (association and company, zh
 * and en); on "Try your data" once the sample is dropped. Any serious or critical violation fails.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { secondCompany, tempDir } from '../helpers.ts';
import { engineSettled, rendered, sampleSite, serve } from './harness.ts';

const site = sampleSite('hsq-a11y-');
const run = promisify(execFile);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = ['', 'satisfaction/', 'complaints/', 'training/', 'workforce/', 'quality/', 'try/', 'data/', 'method/'];
const FILTERED = new Set(['', 'satisfaction/', 'complaints/', 'training/', 'workforce/', 'quality/']);

interface Violation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }

/** Serious and critical axe violations on the page as it is now, one line per node. */
async function serious(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so no page policy can block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary}`));
}

describe('accessibility (axe-core)', () => {
  for (const lang of ['', 'en/']) {
    it(`no serious or critical violation on any page (${lang ? 'en' : 'zh'}), before and after a filter change`, async () => {
      const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const found: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${site.url}/${lang}${p}`);
        found.push(...(await serious(page)).map((v) => `/${lang}${p}: ${v}`));
        if (!FILTERED.has(p)) continue;
        expect(await engineSettled(page)).toBe('ready');
        await page.selectOption('select[name=branch]', '丰台店');
        await rendered(page, { period: '2026-Q3', branch: '丰台店', service: '' });
        found.push(...(await serious(page)).map((v) => `/${lang}${p}?branch=丰台店: ${v}`));
      }
      expect(found).toEqual([]);
      await ctx.close();
    }, 180_000);
  }
});

describe('accessibility (axe-core) of what is published and of "Try your data"', () => {
  it('the association report and each company\'s report, in zh and en: no serious or critical violation', async () => {
    const d = await tempDir('hsq-a11y-report-');
    const second = await secondCompany(d);
    const env = { env: { ...process.env, TZ: 'Asia/Shanghai' } };
    await Promise.all((['zh', 'en'] as const).map((lang) => run(process.execPath, ['scripts/report.ts', '--in', 'data/sample', '--in', second, '--period', '2026-Q3', '--out', join(d, lang), '--lang', lang, '--no-pdf'], env)));
    const server = await serve(d);
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const found: string[] = [];
    let pages = 0;
    try {
      for (const lang of ['zh', 'en']) {
        const companies = (await readdir(join(d, lang), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `${e.name}/index.html`);
        expect(companies).toHaveLength(2);
        for (const p of ['index.html', ...companies]) {
          await page.goto(`${server.url}/${lang}/${encodeURI(p)}`);
          expect(await page.locator('h1').count(), p).toBeGreaterThan(0);
          found.push(...(await serious(page)).map((v) => `${lang}/${p}: ${v}`));
          pages++;
        }
      }
    } finally {
      await ctx.close();
      await server.close();
    }
    expect(pages).toBe(6);
    expect(found).toEqual([]);
  }, 240_000);

  it('"Try your data" with the sample dropped: its report and two pages of its dashboard', async () => {
    const ctx = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const state = () => page.evaluate(() => (window as unknown as { __hsqTry: { state: string; rendered: string } }).__hsqTry);
    try {
      await page.goto(`${site.url}/try/`);
      await page.click('.try-options summary');
      await page.fill('#try-as-of', '2026-11-20 12:00');
      await page.setInputFiles('#try-files', (await readdir('data/sample')).map((f) => join('data/sample', f)));
      await page.waitForFunction(() => ['ready', 'failed', 'empty'].includes((window as unknown as { __hsqTry: { state: string } }).__hsqTry.state), null, { timeout: 120_000 });
      expect((await state()).state).toBe('ready');
      const found = (await serious(page)).map((v) => `overview: ${v}`);
      await page.focus('#tab-overview');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => JSON.parse((window as unknown as { __hsqTry: { rendered: string } }).__hsqTry.rendered).page === 'satisfaction', null, { timeout: 30_000 });
      found.push(...(await serious(page)).map((v) => `satisfaction: ${v}`));
      expect(found).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
