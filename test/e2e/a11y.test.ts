/**
 * Accessibility: axe-core on every page of the sample site, in Chinese and English, on the
 * first view and after a filter change; any serious or critical violation fails.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { engineSettled, rendered, sampleSite } from './harness.ts';

const site = sampleSite('hsq-a11y-');
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
