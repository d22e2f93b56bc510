/**
 * A funnel plot of one rate KPI across branches or service types (Spiegelhalter 2005, see
 * src/kpi/funnel.ts): fairer than bars when units differ in size. Units with too few
 * observations to judge (the sample floor) are left out and counted in the note.
 */
import { funnelChart, verdict } from '../charts/funnel.ts';
import { kpiById } from '../kpi/catalogue.ts';
import type { KpiResult } from '../kpi/engine.ts';
import { funnel, type FunnelPosition } from '../kpi/funnel.ts';
import { formatCount, type Lang } from '../i18n/format.ts';
import { UI } from '../i18n/strings.ts';
import { figure } from './figure.ts';
import { kpiFormat, type RenderContext } from './render-context.ts';

const POSITION: Record<FunnelPosition, Record<Lang, string>> = {
  inside: { zh: '控制限内', en: 'inside' },
  above_95: { zh: '高于 95% 控制限', en: 'above the 95% limit' },
  above_998: { zh: '高于 99.8% 控制限', en: 'above the 99.8% limit' },
  below_95: { zh: '低于 95% 控制限', en: 'below the 95% limit' },
  below_998: { zh: '低于 99.8% 控制限', en: 'below the 99.8% limit' },
};
const VERDICT = { better: { zh: '优于总体', en: 'better' }, worse: { zh: '差于总体', en: 'worse' }, inside: { zh: '与总体无显著差异', en: 'no clear difference' } };

/** The funnel figure of KPI `id` over `pairs` (unit key → its result), as a list to spread: empty when fewer than two units can be judged. */
export function kpiFunnel(c: RenderContext, id: string, figId: string, pairs: readonly [string, KpiResult][], by: 'branch' | 'service', label: (k: string) => string): HTMLElement[] {
  const k = kpiById(id);
  const L = c.lang;
  const judged = pairs.filter(([, r]) => r.numerator !== null && r.denominator !== null && r.denominator > 0 && (r.status === 'met' || r.status === 'missed' || r.status === 'no_target'));
  if (judged.length < 2) return [];
  const f = funnel(judged.map(([key, r]) => ({ key, numerator: r.numerator!, denominator: r.denominator! })));
  const direction = k.direction === 'lower' ? 'lower' : 'higher';
  const fmt = kpiFormat(id, L);
  const rows = f.units.map((u) => ({ key: u.key, label: label(u.key), rate: u.rate, denominator: u.denominator, position: u.position, verdict: verdict(u.position, direction) }));
  const left = pairs.length - judged.length;
  const title = `${k.label[L]} · ${by === 'branch' ? (L === 'zh' ? '门店漏斗图' : 'funnel by branch') : (L === 'zh' ? '服务类型漏斗图' : 'funnel by service type')}`;
  const outside = rows.filter((r) => r.verdict !== 'inside').map((r) => `${r.label} ${VERDICT[r.verdict][L]}`).join(L === 'zh' ? '，' : ', ');
  const note = L === 'zh'
    ? `总体 ${fmt(f.p0)}；虚线为 95% 与 99.8% 控制限（${f.adjusted ? `按过度离散调整，φ = ${f.phi.toFixed(2)}` : '精确二项分布'}）。${outside ? `控制限外：${outside}。` : '全部在控制限内。'}${left ? `${left} 个样本不足，未列入。` : ''}`
    : `Overall ${fmt(f.p0)}; dashed: 95% and 99.8% limits (${f.adjusted ? `adjusted for over-dispersion, φ = ${f.phi.toFixed(2)}` : 'exact binomial'}). ${outside ? `Outside: ${outside}.` : 'All inside the limits.'}${left ? ` ${left} with too few observations left out.` : ''}`;
  return [figure(c, {
    id: figId, title, note, rows,
    drill: (r) => (k.facts ? { kpi: id, [by]: r.key } : null),
    columns: [
      { label: by === 'branch' ? UI.branch[L] : UI.service[L], value: (r) => r.label, csv: (r) => r.key },
      { label: k.label[L], value: (r) => fmt(r.rate), csv: (r) => r.rate, num: true },
      { label: 'n', value: (r) => formatCount(r.denominator, L), csv: (r) => r.denominator, num: true },
      { label: L === 'zh' ? '位置' : 'Position', value: (r) => `${POSITION[r.position][L]} · ${VERDICT[r.verdict][L]}`, csv: (r) => r.position },
    ],
    chartKey: [rows, f.p0, f.phi],
    chart: (aria) => funnelChart(rows, f, { document: c.doc, ariaLabel: aria, direction, nameOutliers: true, width: c.width, height: 280 }),
  })];
}
