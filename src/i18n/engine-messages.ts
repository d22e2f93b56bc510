/**
 * What the status line says while the query engine loads and when it cannot: the bytes so far,
 * that the network is slow, or the real reason it failed; never "unsupported" for a slow link.
 */
import type { EngineLoadError, LoadProgress } from '../client/load-watch.ts';
import type { Lang } from './format.ts';

/** After this long without a byte the line adds that the network is slow (the load goes on). */
export const SLOW_AFTER_MS = 8_000;

const mb = (n: number): string => (n / 1_048_576).toFixed(1);

/** What is loading: the page's answers (filters), the query engine, or rows for a drill-down. */
export type Loadable = 'answers' | 'engine' | 'rows';
const NAME: Record<Loadable, { zh: string; en: string }> = {
  answers: { zh: '筛选数据', en: 'the filter data' },
  engine: { zh: '交互查询引擎', en: 'the query engine' },
  rows: { zh: '明细数据', en: 'the rows' },
};
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The status line while loading. */
export function loadingMessage(p: LoadProgress, lang: Lang, what: Loadable = 'engine'): string {
  if (p.done) return what !== 'engine' ? (lang === 'zh' ? `正在处理${NAME[what].zh}…` : `Preparing ${NAME[what].en}…`) : lang === 'zh' ? '正在启动交互查询引擎…' : 'Starting the query engine…';
  const amount = p.total > 0
    ? `${mb(p.loaded)} / ${mb(p.total)} MB (${Math.floor((100 * p.loaded) / p.total)}%)`
    : `${mb(p.loaded)} MB`;
  const head = lang === 'zh' ? `正在加载${NAME[what].zh}… ${amount}` : `Loading ${NAME[what].en}… ${amount}`;
  if (p.quietMs < SLOW_AFTER_MS) return head;
  const s = Math.round(p.quietMs / 1000);
  return lang === 'zh' ? `${head}。网络较慢：${s} 秒没有收到新数据，仍在等待。` : `${head}. The network is slow: nothing new for ${s} s, still waiting.`;
}

/** What the failure leaves: for the filters and the engine, the static view without filters; a drill-down's rows leave the page as it was. */
const STAYS = { zh: '下面仍是默认视图；筛选暂不可用。', en: ' The default view below stays; filters are unavailable.' };
const stays = (what: Loadable) => (what === 'rows' ? { zh: '', en: '' } : STAYS);

/** The status line when the engine did not start, by the failure's kind; its message is the technical detail. */
export function failureMessage(e: Pick<EngineLoadError, 'kind' | 'message' | 'progress'>, lang: Lang, what: Loadable = 'engine'): string {
  const zh = lang === 'zh';
  const n = NAME[what];
  const st = stays(what);
  const detail = e.message;
  switch (e.kind) {
    case 'unsupported':
      return zh ? `此浏览器不支持 WebAssembly 或已将其禁用，交互查询引擎无法运行。${st.zh}` : `This browser does not support WebAssembly or has it turned off, so the query engine cannot run.${st.en}`;
    case 'network':
      return zh ? `${n.zh}下载失败（${detail}）。${st.zh}刷新页面可重试。` : `${cap(n.en)} could not be downloaded (${detail}).${st.en} Reload the page to try again.`;
    case 'stalled': {
      const p = e.progress ?? { loaded: 0, total: 0, quietMs: 0, done: false };
      const s = Math.round(p.quietMs / 1000);
      const got = p.total > 0 ? `${mb(p.loaded)} / ${mb(p.total)} MB` : `${mb(p.loaded)} MB`;
      return zh
        ? `${n.zh}加载停滞：${s} 秒没有收到数据（已收到 ${got}），网络太慢或已中断。${st.zh}刷新页面可重试。`
        : `${cap(n.en)} stopped loading: nothing arrived for ${s} s (${got} received); the network is too slow or was interrupted.${st.en} Reload the page to try again.`;
    }
    case 'failed':
      return zh ? `${n.zh}${what === 'engine' ? '启动' : '读取'}失败（${detail}）。${st.zh}` : `${cap(n.en)} failed to ${what === 'engine' ? 'start' : 'load'} (${detail}).${st.en}`;
  }
}
