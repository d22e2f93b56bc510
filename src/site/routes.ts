/** URLs of the dashboard's pages under the configured base path, per language. */
import { PAGE_IDS, type PageId } from '../i18n/strings.ts';
import type { Lang } from '../i18n/format.ts';

/** The path of `page` in `lang` under `base` (which ends with '/'). */
export function pageHref(base: string, lang: Lang, page: PageId): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${lang === 'en' ? 'en/' : ''}${page === 'overview' ? '' : `${page}/`}`;
}

/** Every page in both languages as Astro rest-parameter paths (undefined = site root). */
export function staticPaths(): { params: { path: string | undefined }; props: { lang: Lang; page: PageId } }[] {
  return (['zh', 'en'] as const).flatMap((lang) => PAGE_IDS.map((page) => {
    const path = [lang === 'en' ? 'en' : '', page === 'overview' ? '' : page].filter(Boolean).join('/');
    return { params: { path: path || undefined }, props: { lang, page } };
  }));
}
