/** URLs of the dashboard's pages under the configured base path, per language. */
import { FILTERED_PAGES, PAGE_IDS, type PageId } from '../i18n/strings.ts';
import type { Lang } from '../i18n/format.ts';

/** The path of `page` in `lang` under `base` (which ends with '/'). */
export function pageHref(base: string, lang: Lang, page: PageId): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${lang === 'en' ? 'en/' : ''}${page === 'overview' ? '' : `${page}/`}`;
}

/** The pages a site has: every page, except a filtered page the data gives no view for (e.g. Quality & safety without inspections or incidents). */
export function shownPages(views: Partial<Record<PageId, unknown>>): PageId[] {
  return PAGE_IDS.filter((p) => !FILTERED_PAGES.includes(p) || views[p]);
}

/** Every page in both languages as Astro rest-parameter paths (undefined = site root). */
export function staticPaths(pages: readonly PageId[] = PAGE_IDS): { params: { path: string | undefined }; props: { lang: Lang; page: PageId } }[] {
  return (['zh', 'en'] as const).flatMap((lang) => pages.map((page) => {
    const path = [lang === 'en' ? 'en' : '', page === 'overview' ? '' : page].filter(Boolean).join('/');
    return { params: { path: path || undefined }, props: { lang, page } };
  }));
}
