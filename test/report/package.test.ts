/** Aggregate packages: round trip, and refusal of a changed, foreign, mismatched or malformed one, naming the file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { KPI_IDS } from '../../src/kpi/catalogue.ts';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../src/kpi/config.ts';
import { openNodeRunner } from '../../src/kpi/runner-node.ts';
import { associationFunnels } from '../../src/report/association.ts';
import { renderLeague } from '../../src/report/league.ts';
import { companyFacts, reportFromFacts, type CompanyFacts } from '../../src/report/model.ts';
import { checkSamePeriod, makePackage, METHOD_VERSION, PackageError, readPackage } from '../../src/report/package.ts';
import { cleanup, silentEffects, tempDir } from '../helpers.ts';

let facts: CompanyFacts;
beforeAll(async () => {
  const dir = join(await tempDir('hsq-pkg-'), 'data');
  await ingest({ inDir: 'data/sample', outDir: dir }, silentEffects());
  const runner = await openNodeRunner(dir);
  try {
    facts = await companyFacts(runner, await loadConfig(DEFAULT_CONFIG_PATH, KPI_IDS), '2026-Q3');
  } finally {
    runner.close();
  }
}, 120_000);
afterAll(cleanup);

const refusal = (text: string) => {
  try {
    readPackage(text, 'member.pkg.json');
    return 'accepted';
  } catch (e) {
    return e instanceof PackageError ? e.message : `other: ${String(e)}`;
  }
};

describe('aggregate package', () => {
  it('gives back exactly the facts it was made from, in any key order', () => {
    const text = JSON.stringify(makePackage(facts));
    expect(readPackage(text, 'a.pkg.json')).toEqual(facts);
    expect(reportFromFacts(readPackage(text, 'a.pkg.json'))).toEqual(reportFromFacts(facts));
    const reordered = JSON.parse(text) as Record<string, unknown>;
    expect(refusal(JSON.stringify(Object.fromEntries(Object.entries(reordered).reverse())))).toBe('accepted');
  });

  it('carries counts and results only: no rows', () => {
    const pkg = makePackage(facts);
    expect(Object.keys(pkg.facts).sort()).toEqual(['as_of', 'company', 'complaints_by_branch', 'complaints_by_category', 'coverage', 'kpis', 'partial', 'period', 'rejects', 'threshold', 'trend']);
    expect(JSON.stringify(pkg).length).toBeLessThan(60_000);
  });

  it('refuses a changed package', () => {
    const pkg = makePackage(facts);
    pkg.facts.kpis[0]!.numerator! += 1;
    expect(refusal(JSON.stringify(pkg))).toMatch(/^member\.pkg\.json: its content does not match its SHA-256/);
  });

  it('refuses a package of another method version, with both versions', () => {
    const msg = refusal(JSON.stringify(makePackage(facts, '0123456789abcdef')));
    expect(msg).toContain('made with method version 0123456789abcdef');
    expect(msg).toContain(`this tool computes version ${METHOD_VERSION}`);
  });

  it('refuses what is not a package, naming the field that is wrong', () => {
    expect(refusal('{"a":')).toMatch(/^member\.pkg\.json: not a JSON file/);
    expect(refusal('{"format":"x"}')).toMatch(/not an aggregate package of this tool/);
    const pkg = makePackage(facts) as unknown as { facts: { kpis: { status: string }[] } };
    pkg.facts.kpis[0]!.status = 'great';
    expect(refusal(JSON.stringify(pkg))).toMatch(/^member\.pkg\.json: facts\.kpis\.0\.status: /);
  });

  it('refuses companies of different periods', () => {
    expect(() => checkSamePeriod([{ source: 'a.pkg.json', facts }, { source: 'b.pkg.json', facts: { ...facts, period: '2026-Q2' } }]))
      .toThrow('b.pkg.json: covers 2026-Q2, a.pkg.json covers 2026-Q3');
  });
});

describe('association funnels from facts', () => {
  it('leave a member with 1..threshold observations out of the plot, the lists and the names', () => {
    const sat = facts.kpis.find((k) => k.id === 'satisfaction_rate')!;
    // A tiny member: 8 surveys, 2 satisfied (25%), far below; the threshold is 10, so it is only counted.
    const tiny: CompanyFacts = { ...facts, company: { name: '小微家政', name_en: 'Tiny Co.' }, kpis: facts.kpis.map((k) => (k.id === 'satisfaction_rate' ? { ...sat, numerator: 2, denominator: 8, value: 0.25 } : k)) };
    const members = [
      { slug: 'a', name: { zh: '甲', en: 'A' }, facts },
      { slug: 'b', name: { zh: '乙', en: 'B' }, facts },
      { slug: 't', name: { zh: '小微家政', en: 'Tiny Co.' }, facts: tiny },
    ];
    const funnels = associationFunnels(members, 10);
    const f = funnels.find((x) => x.id === 'satisfaction_rate')!;
    expect(f.units.map((u) => u.slug)).toEqual(['a', 'b']);
    expect(f.withheld).toBe(1);
    // The pooled rate still counts it: (1666·2 + 2) / (1850·2 + 8) from the sample's 1,666 of 1,850.
    expect(f.p0).toBeCloseTo((sat.numerator! * 2 + 2) / (sat.denominator! * 2 + 8), 10);
    const html = renderLeague(members.map((m) => ({ slug: m.slug, r: reportFromFacts(m.facts) })), funnels, 'zh');
    const section = html.slice(html.indexOf('data-kpi="satisfaction_rate"'), html.indexOf('</section>', html.indexOf('data-kpi="satisfaction_rate"')));
    expect(section).not.toContain('小微家政');
    expect(section).toContain('另有 1 家样本为 1–10，不予标示');
  });
});
