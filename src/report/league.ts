/** Association mode: the companies side by side on the headline KPIs, with the same suppression. */
import { parseHTML } from 'linkedom';
import { kpiById } from '../kpi/catalogue.ts';
import { formatKpiValue, type Lang } from '../i18n/format.ts';
import { periodLabel } from '../i18n/strings.ts';
import { h } from '../views/dom.ts';
import type { CompanyReport } from './model.ts';

/** The league table page linking to each company's report. */
export function renderLeague(reports: readonly { slug: string; r: CompanyReport }[], lang: Lang): string {
  const { document: doc } = parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: Document };
  const zh = lang === 'zh';
  const ids = [...new Set(reports.flatMap(({ r }) => r.kpis.map((k) => k.id)))];
  const period = reports[0]!.r.period;
  const table = h(doc, 'table', {},
    h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', {}, zh ? '企业' : 'Company'), ids.map((id) => h(doc, 'th', { class: 'num' }, kpiById(id).label[lang])))),
    h(doc, 'tbody', {}, reports.map(({ slug, r }) => h(doc, 'tr', {},
      h(doc, 'td', {}, h(doc, 'a', { href: `${slug}/index.html` }, zh ? r.company.name : r.company.name_en)),
      ids.map((id) => {
        const k = r.kpis.find((x) => x.id === id);
        return h(doc, 'td', { class: `num ${k?.status ?? ''}` }, !k ? '–' : k.status === 'suppressed' ? '*' : formatKpiValue(k.value, kpiById(id).unit, lang));
      })))));
  const body = [
    h(doc, 'h1', {}, `${zh ? '会员企业服务质量对比' : 'Members compared'} · ${periodLabel(period, lang)}`),
    table,
    h(doc, 'p', { class: 'note' }, zh ? `* 依据 1–${reports[0]!.r.threshold} 条记录，不予公布。蓝色：达标；橙色：未达标。` : `* based on 1–${reports[0]!.r.threshold} records, withheld. Blue: met; orange: missed.`),
  ];
  const css = 'body{font-family:"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:0 auto;padding:1.5rem}table{border-collapse:collapse;width:100%;font-size:.8rem}th,td{border:1px solid #d1d5db;padding:.3rem}.num{text-align:right}.met{color:#1b6ca8}.missed{color:#b04200}.note{font-size:.8rem;color:#4b5563}@page{size:A4 landscape}';
  return `<!doctype html>\n<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${zh ? '会员企业服务质量对比' : 'Members compared'} ${period}</title><style>${css}</style></head><body>${body.map((e) => e.outerHTML).join('\n')}</body></html>\n`;
}
