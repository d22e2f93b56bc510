/** The public report as one self-contained HTML document (inline CSS and SVG, no script). */
import { parseHTML } from 'linkedom';
import { trendChart } from '../charts/trend.ts';
import { kpiById } from '../kpi/catalogue.ts';
import { formatCount, formatKpiValue, STATUS_MARK, STATUS_TEXT, type Lang } from '../i18n/format.ts';
import { categoryLabel, periodLabel } from '../i18n/strings.ts';
import { h } from '../views/dom.ts';
import type { CompanyReport, PublicKpi, PublicTable } from './model.ts';

const CSS = `body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;margin:0 auto;max-width:900px;padding:1.5rem;line-height:1.45}
h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:2px solid #0f2a44;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.4rem 0}th,td{border:1px solid #d1d5db;padding:.3rem .45rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.met{color:#1b6ca8}.missed{color:#b04200}.sup{color:#4b5563}
.note{font-size:.8rem;color:#4b5563}section{break-inside:avoid}svg{max-width:100%;height:auto}@page{size:A4;margin:18mm 14mm}`;

const T = {
  title: { zh: '服务质量报告', en: 'Service quality report' },
  suppressed: { zh: '*', en: '*' },
  supNote: { zh: (t: number) => `* 表示该数值依据 1–${t} 条记录，为保护个人信息不予公布；为防止由合计反推，另有一项数值一并隐去（†）。`, en: (t: number) => `* withheld: based on 1–${t} records, not published to protect individuals; † withheld as well so that a * value cannot be recovered from the total.` },
} as const;

/** A KPI value with its met / missed mark, or its suppression mark. */
const show = (k: PublicKpi, lang: Lang) => (k.status === 'suppressed' ? '*' : `${STATUS_MARK[k.status] ? `${STATUS_MARK[k.status]} ` : ''}${formatKpiValue(k.value, kpiById(k.id).unit, lang)}`);

function kpiTable(doc: Document, r: CompanyReport, lang: Lang) {
  const zh = lang === 'zh';
  return h(doc, 'table', {},
    h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', {}, zh ? '指标' : 'Indicator'), ...r.trend.map((t) => h(doc, 'th', { class: 'num' }, periodLabel(t.period, lang))), h(doc, 'th', { class: 'num' }, zh ? '目标' : 'Target'), h(doc, 'th', {}, zh ? '本期' : 'This period'))),
    h(doc, 'tbody', {}, r.kpis.map((k) => {
      const def = kpiById(k.id);
      return h(doc, 'tr', { 'data-kpi': k.id }, h(doc, 'td', {}, def.label[lang]),
        ...r.trend.map((t) => { const x = t.kpis.find((y) => y.id === k.id)!; return h(doc, 'td', { class: `num ${x.status === 'suppressed' ? 'sup' : x.status}` }, show(x, lang)); }),
        h(doc, 'td', { class: 'num' }, k.target === null ? '–' : `${def.direction === 'higher' ? '≥' : '≤'} ${formatKpiValue(k.target, def.unit, lang)}`),
        h(doc, 'td', { class: k.status === 'suppressed' ? 'sup' : k.status }, k.status === 'suppressed' ? (zh ? '不公布' : 'withheld') : STATUS_TEXT[k.status]?.[lang] ?? ''));
    })));
}

function countTable(doc: Document, t: PublicTable, lang: Lang, head: string, label: (k: string) => string) {
  const zh = lang === 'zh';
  const cell = (v: number | null, mark: string | null) => (v === null ? (mark === 'secondary' ? '†' : '*') : formatCount(v, lang));
  return h(doc, 'table', {},
    h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', {}, head), h(doc, 'th', { class: 'num' }, zh ? '受理' : 'Received'), h(doc, 'th', { class: 'num' }, zh ? '已办结' : 'Closed'))),
    h(doc, 'tbody', {}, t.rows.map((r) => h(doc, 'tr', { 'data-key': r.key }, h(doc, 'td', {}, label(r.key)), h(doc, 'td', { class: 'num' }, cell(r.received, r.mark)), h(doc, 'td', { class: 'num' }, cell(r.closed, r.mark)))),
      h(doc, 'tr', {}, h(doc, 'th', {}, zh ? '合计' : 'Total'), h(doc, 'th', { class: 'num' }, t.total === null ? '*' : formatCount(t.total, lang)), h(doc, 'th', { class: 'num' }, t.total_closed === null ? '*' : formatCount(t.total_closed, lang)))));
}

/** Renders one company's report. */
export function renderReport(r: CompanyReport, lang: Lang): string {
  const { document: doc } = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as { document: Document };
  const zh = lang === 'zh';
  const name = zh ? r.company.name : r.company.name_en;
  const sat = r.trend.map((t) => { const k = t.kpis.find((x) => x.id === 'satisfaction_rate'); return { period: t.period, label: periodLabel(t.period, lang), value: k?.value ?? null, ci_low: null, ci_high: null, status: k?.status === 'suppressed' ? 'insufficient' as const : k?.status ?? 'no_data' as const, n: k?.n ?? null }; });
  const body = [
    h(doc, 'header', {}, h(doc, 'p', { class: 'note' }, name), h(doc, 'h1', {}, `${T.title[lang]} · ${periodLabel(r.period, lang)}${r.partial ? (zh ? `（截至 ${r.as_of.slice(0, 10)}）` : ` (to ${r.as_of.slice(0, 10)})`) : ''}`), h(doc, 'p', { class: 'note' }, `${zh ? '数据截至' : 'Data as of'} ${r.as_of}`)),
    h(doc, 'section', {}, h(doc, 'h2', {}, zh ? '一、服务承诺达成情况' : '1. Commitments'), kpiTable(doc, r, lang),
      h(doc, 'p', { class: 'note' }, zh ? '每期：✓ 达标　✗ 未达标　… 样本不足，不作判定　* 不公布（见下）。' : 'Each period: ✓ met · ✗ missed · … too few observations to judge · * withheld (see below).')),
    h(doc, 'section', {}, h(doc, 'h2', {}, zh ? '二、客户满意度趋势' : '2. Customer satisfaction'),
      trendChart(sat, { document: doc, ariaLabel: zh ? '客户满意度趋势' : 'Customer satisfaction trend', unit: 'ratio', target: r.kpis.find((k) => k.id === 'satisfaction_rate')?.target ?? null, format: (v) => formatKpiValue(v, 'ratio', lang), targetLabel: zh ? '目标' : 'target', stretchLabel: '', width: 640, height: 220 })),
    h(doc, 'section', {}, h(doc, 'h2', {}, zh ? '三、投诉处理结果' : '3. Complaint handling'),
      countTable(doc, r.complaints_by_category, lang, zh ? '类别' : 'Category', (k) => categoryLabel(k, lang)),
      countTable(doc, r.complaints_by_branch, lang, zh ? '门店' : 'Branch', (k) => k),
      h(doc, 'p', { class: 'note' }, T.supNote[lang](r.threshold))),
    h(doc, 'section', {}, h(doc, 'h2', {}, zh ? '四、方法与数据' : '4. Method and data'),
      h(doc, 'ul', {}, r.kpis.map((k) => { const d = kpiById(k.id); return h(doc, 'li', {}, h(doc, 'strong', {}, d.label[lang]), `：${d.definition[lang]}（${zh ? '来源' : 'source'}：${d.source}）`); })),
      h(doc, 'table', {}, h(doc, 'thead', {}, h(doc, 'tr', {}, ...[zh ? '数据集' : 'Dataset', zh ? '文件' : 'Files', zh ? '读取' : 'Read', zh ? '采用' : 'Used', zh ? '拒绝' : 'Rejected', zh ? '被覆盖' : 'Superseded'].map((x, i) => h(doc, 'th', { class: i ? 'num' : null }, x)))),
        h(doc, 'tbody', {}, r.coverage.map((c) => h(doc, 'tr', {}, h(doc, 'td', {}, c.label[lang]), ...[c.files, c.rows_read, c.rows_accepted, c.rows_rejected, c.rows_superseded].map((v) => h(doc, 'td', { class: 'num' }, formatCount(v, lang))))))),
      h(doc, 'p', { class: 'note' }, zh ? '本报告仅含汇总数据，不含任何姓名、电话、证件号码、评价内容或客户、人员编号。' : 'Aggregates only: no names, phone numbers, ID numbers, comments, customer or staff ids.')),
  ];
  return `<!doctype html>\n<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeText(`${name} · ${T.title[lang]} · ${r.period}`)}</title><style>${CSS}</style></head><body>${body.map((e) => e.outerHTML).join('\n')}</body></html>\n`;
}

/** Escapes text for the one place outside the DOM builder (the <title>). */
export const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
