/** Names of the files the browser fetches besides the raw Arrow tables (all under `<site>/data/`). */

/** The folder of `<dataDir>` the build writes them into (copied whole to `<site>/data/`). */
export const SITE_DATA = 'site';
/** A page's answers (kpi/answers.ts). */
export const answersFile = (page: string) => `answers-${page}.json`;
/** One period's part of a page's answers (kpi/answers.ts `parts`). */
export const answersPartFile = (page: string, period: string) => `answers-${page}-${period}.json`;
/** The list of row partitions (drill-down). */
export const ROWS_INDEX = 'rows-index.json';
/** One month of one dataset's rows (`month` YYYY-MM, or `none` for rows without a date). */
export const rowsFile = (dataset: string, month: string) => `rows-${dataset}-${month}.arrow`;
