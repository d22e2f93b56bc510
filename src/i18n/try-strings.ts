/** The words of the "Try your data" page, zh and en. */
import type { Lang } from './format.ts';

type Text = Record<Lang, string>;
const t = (zh: string, en: string): Text => ({ zh, en });

export const TRY = {
  intro: t(
    '把新导出的 CSV 或 Excel 文件拖到这里，先看看它们说了什么，再决定是否发布。文件只在您的浏览器里读取和计算，不会上传到任何地方。',
    'Drop new CSV or Excel exports here to see what they say before you publish them. The files are read and computed in your browser only; nothing is uploaded anywhere.',
  ),
  drop: t('把 CSV 或 Excel 文件（或整个文件夹）拖到这里', 'Drop CSV or Excel files (or a whole folder) here'),
  or: t('或', 'or'),
  pick_files: t('选择文件', 'Choose files'),
  pick_folder: t('选择文件夹', 'Choose a folder'),
  hint: t(
    '任何数据集（订单、评价、投诉、员工、培训、员工满意度、质检、安全事件），UTF-8 或 GB18030/GBK，中文或英文表头，Excel 日期格式均可。一次放入全部文件才能得到完整的看板：评价和投诉引用订单，培训引用员工。',
    'Any dataset (orders, surveys, complaints, staff, trainings, staff surveys, inspections, incidents), UTF-8 or GB18030/GBK, Chinese or English headers, Excel dates. Drop all files together for a complete dashboard: surveys and complaints refer to orders, trainings to staff.',
  ),
  as_of: t('截至时间（可选，默认现在）', 'As of (optional, default now)'),
  options: t('选项', 'Options'),
  reading: t('正在读取', 'Reading'),
  parsing: t('正在校验', 'Validating'),
  storing: t('正在整理', 'Preparing'),
  loading: t('正在载入查询引擎…', 'Loading the query engine…'),
  rows: t('行', 'rows'),
  done: t('完成：{files} 个文件，用时 {s} 秒。', 'Done: {files} file(s) in {s} s.'),
  failed: t('无法导入：', 'Could not ingest: '),
  no_csv: t('放入的文件中没有 CSV 或表格文件（.csv、.tsv、.txt、.xlsx、.xls、.ods）。', 'None of the dropped files is a CSV or spreadsheet file (.csv, .tsv, .txt, .xlsx, .xls, .ods).'),
  found_only: t('只有：', 'Found only: '),
  no_data: t('没有可用于图表的数据行（所有行都被拒绝或没有识别出数据集）。请查看上面的校验报告。', 'No rows to chart (every row was rejected or no dataset was recognised). See the validation report above.'),
  report: t('校验报告', 'Validation report'),
  dashboard: t('用这些文件生成的看板', 'The dashboard on these files'),
  pages: t('看板页面', 'Dashboard pages'),
  publish: t('如何发布', 'How to publish'),
  publish_1: t(
    '把文件放进数据文件夹，例如 data/incoming/。同一数据集可以有多个导出文件（如按月导出）：后一个文件中主键相同的行会覆盖前一个文件中的行（按文件名排序）。',
    'Put the files into a data folder, e.g. data/incoming/. A dataset may have several exports (monthly, say): a row in a later file (by file name) replaces the row with the same key in an earlier one.',
  ),
  publish_2: t('重新构建网站（只重新导入有变化的数据集），输出在 dist/：', 'Rebuild the site (only datasets whose files changed are ingested again); the output is in dist/:'),
  publish_3: t('或在编辑数据时预览：文件夹中的文件一有变化就重新导入并刷新页面：', 'Or preview while you edit the data: the site re-ingests and reloads whenever a file in the folder changes:'),
  publish_4: t('上面的校验报告与构建时的 rejects.csv 一致；发布前请修正被拒绝的行，或确认可以舍弃。', 'The validation report above is what the build writes to rejects.csv; fix rejected rows before publishing, or confirm they can be dropped.'),
  nojs: t('此页面需要启用 JavaScript。', 'This page needs JavaScript.'),
} as const;

/** Fills `{name}` placeholders. */
export const fill = (s: string, vars: Record<string, string | number>): string => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
