/**
 * Association mode's page: a funnel per rate KPI (companies of any size compared fairly), the
 * companies outside each funnel in text, and the table of every company (searchable and paged
 * in the browser; in print only the funnels and lists, so 1,000 members stay readable).
 */
import { parseHTML } from 'linkedom';
import { funnelChart, verdict } from '../charts/funnel.ts';
import { kpiById } from '../kpi/catalogue.ts';
import { formatKpiValue, type Lang } from '../i18n/format.ts';
import { periodLabel } from '../i18n/strings.ts';
import { h } from '../views/dom.ts';
import type { KpiFunnel } from './association.ts';
import type { CompanyReport } from './model.ts';

const MARK = { inside: '', above_95: '▲', above_998: '▲▲', below_95: '▼', below_998: '▼▼' } as const;
/** Rows per page of the companies table in the browser. */
const PAGE = 50;
/** Companies named per group under a funnel (the furthest out first); the table has the rest. */
const LISTED = 20;
const FAR = (p: string) => (p.endsWith('998') ? 0 : 1);

function funnelSection(doc: Document, f: KpiFunnel, lang: Lang, threshold: number) {
  const zh = lang === 'zh';
  const k = kpiById(f.id);
  const fmt = (v: number) => formatKpiValue(v, k.unit, lang);
  const name = (u: KpiFunnel['units'][number]) => (zh ? u.name.zh : u.name.en);
  const points = f.units.map((u) => ({ label: name(u), rate: u.rate, denominator: u.denominator, position: u.position }));
  const title = `${k.label[lang]}${zh ? ' · 漏斗图' : ' · funnel plot'}`;
  const chart = funnelChart(points, f, { document: doc, ariaLabel: title, direction: f.direction, nameOutliers: f.units.length <= 60 });
  const group = (v: 'better' | 'worse') => f.units.filter((u) => verdict(u.position, f.direction) === v).sort((a, b) => FAR(a.position) - FAR(b.position) || b.denominator - a.denominator);
  const list = (v: 'better' | 'worse') => {
    const us = group(v);
    const head = v === 'better' ? (zh ? `显著优于总体（${us.length}）` : `Better than overall (${us.length})`) : (zh ? `显著差于总体（${us.length}）` : `Worse than overall (${us.length})`);
    const named = us.slice(0, LISTED).map((u) => `${name(u)} ${fmt(u.rate)}${MARK[u.position]} (n=${u.denominator})`).join(zh ? '；' : '; ');
    const more = us.length > LISTED ? (zh ? `；另有 ${us.length - LISTED} 家见下表` : `; ${us.length - LISTED} more in the table below`) : '';
    return h(doc, 'p', { class: `outside ${v}` }, h(doc, 'strong', {}, head), us.length ? `${zh ? '：' : ': '}${named}${more}` : '');
  };
  const inside = f.units.filter((u) => u.position === 'inside').length;
  const note = zh
    ? `总体 ${fmt(f.p0)}。${f.units.length} 家企业：${inside} 家在 95% 控制限内。虚线：95% 与 99.8% 控制限（${f.adjusted ? `已按过度离散调整，φ = ${f.phi.toFixed(2)}` : '精确二项分布'}）。${f.withheld ? `另有 ${f.withheld} 家样本为 1–${threshold}，不予标示。` : ''}${f.missing ? `${f.missing} 家无此项数据。` : ''}`
    : `Overall ${fmt(f.p0)}. ${f.units.length} companies: ${inside} inside the 95% limits. Dashed: 95% and 99.8% limits (${f.adjusted ? `adjusted for over-dispersion, φ = ${f.phi.toFixed(2)}` : 'exact binomial'}).${f.withheld ? ` ${f.withheld} more with 1–${threshold} observations are not shown.` : ''}${f.missing ? ` ${f.missing} without data for it.` : ''}`;
  return h(doc, 'section', { class: 'funnel', 'data-kpi': f.id },
    h(doc, 'div', { class: 'figure' }, h(doc, 'h2', {}, title), chart, h(doc, 'p', { class: 'note' }, note)), list('worse'), list('better'));
}

/** The association page: funnels, then the table (linking to each company's report when `linked`). */
export function renderLeague(reports: readonly { slug: string; r: CompanyReport }[], funnels: readonly KpiFunnel[], lang: Lang, linked = true): string {
  const { document: doc } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document };
  const zh = lang === 'zh';
  const ids = [...new Set(reports.flatMap(({ r }) => r.kpis.map((k) => k.id)))];
  const period = reports[0]!.r.period;
  const threshold = reports[0]!.r.threshold;
  const positions = new Map(funnels.flatMap((f) => f.units.map((u) => [`${f.id} ${u.slug}`, u.position] as const)));
  const table = h(doc, 'table', { class: reports.length > PAGE ? 'league long' : 'league', id: 'league' },
    h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', { scope: 'col' }, zh ? '企业' : 'Company'), ids.map((id) => h(doc, 'th', { class: 'num', scope: 'col' }, kpiById(id).label[lang])))),
    h(doc, 'tbody', {}, reports.map(({ slug, r }) => h(doc, 'tr', {},
      h(doc, 'th', { scope: 'row' }, linked ? h(doc, 'a', { href: `${slug}/index.html` }, zh ? r.company.name : r.company.name_en) : zh ? r.company.name : r.company.name_en),
      ids.map((id) => {
        const k = r.kpis.find((x) => x.id === id);
        const mark = MARK[positions.get(`${id} ${slug}`) ?? 'inside'];
        return h(doc, 'td', { class: `num ${k?.status ?? ''}` }, !k ? '–' : k.status === 'suppressed' ? '*' : `${formatKpiValue(k.value, kpiById(id).unit, lang)}${mark ? ` ${mark}` : ''}`);
      })))));
  const search = h(doc, 'p', { class: 'controls', id: 'league-controls', hidden: '' },
    h(doc, 'label', {}, zh ? '查找企业 ' : 'Find a company ', h(doc, 'input', { type: 'search', id: 'league-search', autocomplete: 'off' })),
    h(doc, 'button', { type: 'button', id: 'league-prev' }, zh ? '上一页' : 'Previous'),
    h(doc, 'span', { id: 'league-page', 'aria-live': 'polite' }),
    h(doc, 'button', { type: 'button', id: 'league-next' }, zh ? '下一页' : 'Next'));
  const body = [
    h(doc, 'h1', {}, `${zh ? '会员企业服务质量对比' : 'Members compared'} · ${periodLabel(period, lang)}`),
    h(doc, 'p', { class: 'note' }, zh
      ? `${reports.length} 家企业。漏斗图按样本量比较：控制限外的企业与总体的差异超出随机波动（Spiegelhalter 2005）。▲/▼：高于/低于 95% 控制限，▲▲/▼▼：超出 99.8% 控制限。`
      : `${reports.length} companies. Funnel plots compare by size: a company outside the limits differs from the overall rate by more than chance (Spiegelhalter 2005). ▲/▼: above/below the 95% limits; ▲▲/▼▼: beyond 99.8%.`),
    ...funnels.map((f) => funnelSection(doc, f, lang, threshold)),
    h(doc, 'h2', {}, zh ? '全部企业' : 'All companies'),
    reports.length > PAGE ? h(doc, 'p', { class: 'print-only note' }, zh ? `共 ${reports.length} 家企业，完整表格见网页版与 report.json。` : `${reports.length} companies: the full table is in the HTML version and report.json.`) : '',
    search, table,
    h(doc, 'p', { class: 'note' }, zh ? `* 依据 1–${threshold} 条记录，不予公布。蓝色：达标；橙色：未达标。` : `* based on 1–${threshold} records, withheld. Blue: met; orange: missed.`),
  ];
  const css = 'body{font-family:"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:0 auto;padding:1.5rem}table{border-collapse:collapse;width:100%;font-size:.8rem}th,td{border:1px solid #d1d5db;padding:.3rem}tbody th{text-align:left;font-weight:normal}.num{text-align:right}.met{color:#1b6ca8}.missed{color:#b04200}.note{font-size:.8rem;color:#4b5563}.outside{font-size:.8rem}.outside.worse strong{color:#b04200}.outside.better strong{color:#1b6ca8}.figure{break-inside:avoid}.funnel{break-before:auto}.controls{display:flex;gap:.5rem;align-items:center}.print-only{display:none}@media print{.league.long,.controls{display:none}.print-only{display:block}}@page{size:A4 landscape}';
  // Search and pages for a long table; without JavaScript every row is there.
  const script = `(()=>{const t=document.getElementById('league');const rows=[...t.tBodies[0].rows];if(rows.length<=${PAGE})return;const c=document.getElementById('league-controls');c.hidden=false;const q=document.getElementById('league-search'),info=document.getElementById('league-page'),prev=document.getElementById('league-prev'),next=document.getElementById('league-next');let page=0;const show=()=>{const s=q.value.trim().toLowerCase();const hit=rows.filter(r=>r.cells[0].textContent.toLowerCase().includes(s));const pages=Math.max(1,Math.ceil(hit.length/${PAGE}));page=Math.min(page,pages-1);const on=new Set(hit.slice(page*${PAGE},(page+1)*${PAGE}));for(const r of rows)r.hidden=!on.has(r);info.textContent=(document.documentElement.lang==='en'?'page ':'第 ')+(page+1)+' / '+pages+(document.documentElement.lang==='en'?' · '+hit.length+' companies':' 页 · '+hit.length+' 家');prev.disabled=page===0;next.disabled=page>=pages-1;};q.addEventListener('input',()=>{page=0;show();});prev.addEventListener('click',()=>{page--;show();});next.addEventListener('click',()=>{page++;show();});show();})();`;
  return `<!doctype html>\n<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${zh ? '会员企业服务质量对比' : 'Members compared'} ${period}</title><style>${css}</style></head><body>${body.map((e) => (typeof e === 'string' ? e : e.outerHTML)).join('\n')}<script>${script}</script></body></html>\n`;
}
