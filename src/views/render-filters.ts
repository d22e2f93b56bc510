/** The filter form (period, branch, service type): one renderer for the static pages and the "Try your data" page. */
import type { Lang } from '../i18n/format.ts';
import { periodLabel, serviceLabel, UI } from '../i18n/strings.ts';
import { h } from './dom.ts';
import type { ViewState } from './model.ts';
import { isPartial, type PeriodOptions } from './periods.ts';

/** The line under the filters naming the view shown: period · branch · service type. */
export function viewCaption(s: ViewState, lang: Lang): string {
  return [periodLabel(s.period, lang), s.branch || UI.all_branches[lang], s.service ? serviceLabel(s.service, lang) : UI.all_services[lang]].join(' · ');
}

export interface FilterChoices { periods: PeriodOptions; branches: readonly string[]; services: readonly string[]; state: ViewState; asOfMs: number }

/** `<form id=filters>` with its selects (disabled until an engine can answer them) and the engine status line. */
export function renderFilters(doc: Document, lang: Lang, f: FilterChoices, opts: { id?: string; disabled?: boolean } = {}): HTMLElement {
  const zh = lang === 'zh';
  const disabled = opts.disabled ?? true;
  const groups = [
    { label: zh ? '季度' : 'Quarters', ids: f.periods.quarter },
    { label: zh ? '月份' : 'Months', ids: f.periods.month },
    { label: zh ? '年度' : 'Years', ids: f.periods.year },
  ];
  const partial = zh ? '（未结束）' : ' (to date)';
  const option = (value: string, label: string, selected: boolean) => h(doc, 'option', { value, selected }, label);
  return h(doc, 'form', { class: 'filters', id: opts.id ?? 'filters', 'aria-label': zh ? '筛选' : 'Filters', action: '', method: 'get' },
    h(doc, 'label', {}, UI.period[lang],
      h(doc, 'select', { name: 'period', disabled },
        groups.map((g) => h(doc, 'optgroup', { label: g.label },
          g.ids.map((id) => option(id, `${periodLabel(id, lang)}${isPartial(id, f.asOfMs) ? partial : ''}`, id === f.state.period)))))),
    h(doc, 'label', {}, UI.branch[lang],
      h(doc, 'select', { name: 'branch', disabled },
        option('', UI.all_branches[lang], f.state.branch === ''), f.branches.map((b) => option(b, b, b === f.state.branch)))),
    h(doc, 'label', {}, UI.service[lang],
      h(doc, 'select', { name: 'service', disabled },
        option('', UI.all_services[lang], f.state.service === ''), f.services.map((t) => option(t, serviceLabel(t, lang), t === f.state.service)))),
    h(doc, 'button', { type: 'button', class: 'btn js-only', 'data-action': 'reset' }, UI.reset[lang]),
    h(doc, 'p', { class: 'engine', id: 'engine-status', role: 'status', 'aria-live': 'polite' }, h(doc, 'span', { class: 'nojs-only' }, UI.no_js[lang])),
  );
}
