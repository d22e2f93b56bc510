/** The dashboard's words in zh-CN (default) and en; code lists get their labels here too. */
import { COMPLAINT_CATEGORIES, INCIDENT_TYPES, INSPECTION_ITEMS, INSPECTION_METHODS, SERVICE_TYPES, SEVERITIES } from '../datasets/codes.ts';
import type { Lang } from './format.ts';

type Text = Record<Lang, string>;
const t = (zh: string, en: string): Text => ({ zh, en });

export const PAGES = {
  overview: t('总览', 'Overview'),
  satisfaction: t('满意度', 'Satisfaction'),
  complaints: t('投诉', 'Complaints'),
  training: t('培训与合规', 'Training & compliance'),
  workforce: t('人员', 'Workforce'),
  quality: t('质检与安全', 'Quality & safety'),
  try: t('试用数据', 'Try your data'),
  data: t('数据', 'Data'),
  method: t('方法', 'Method'),
} as const;
export type PageId = keyof typeof PAGES;
export const PAGE_IDS = Object.keys(PAGES) as PageId[];
/** Pages whose content follows the period / branch / service filters. */
export const FILTERED_PAGES: readonly PageId[] = ['overview', 'satisfaction', 'complaints', 'training', 'workforce', 'quality'];

export const UI = {
  title: t('服务质量看板', 'Service quality dashboard'),
  period: t('统计期', 'Period'),
  branch: t('门店', 'Branch'),
  service: t('服务类型', 'Service type'),
  all_branches: t('全部门店', 'All branches'),
  all_services: t('全部服务类型', 'All service types'),
  apply: t('应用', 'Apply'),
  reset: t('重置', 'Reset'),
  as_of: t('数据截至', 'Data as of'),
  loading: t('正在加载筛选数据…', 'Loading the filter data…'),
  ready: t('筛选可用', 'Filters ready'),
  updating: t('正在更新…', 'Updating…'),
  no_js: t('未启用 JavaScript：显示默认视图（最近完整季度、全部门店）；筛选不可用。', 'JavaScript is off: showing the default view (latest complete quarter, all branches); filters are unavailable.'),
  query_failed: t('查询失败，请重试或重置筛选。', 'The query failed; try again or reset the filters.'),
  empty: t('此筛选条件下没有数据。', 'No data for this selection.'),
  empty_hint: t('请换一个统计期、门店或服务类型。', 'Try another period, branch or service type.'),
  show_table: t('数据表', 'Data table'),
  download_csv: t('下载 CSV', 'Download CSV'),
  download_image: t('下载图片', 'Download image'),
  target: t('目标', 'target'),
  stretch: t('挑战目标', 'stretch'),
  language: t('English', '中文'),
  click_to_filter: t('点击柱形可按该项筛选', 'Click a bar to filter by it'),
  previous: t('环比', 'vs prev.'),
  trend: t('趋势', 'Trend'),
  insufficient_note: t('灰色：样本不足（少于最低样本量），不判定达标与否', 'Grey: too few observations to judge against the target'),
  skip: t('跳到正文', 'Skip to content'),
} as const;

const SERVICE_EN: Record<string, string> = {
  daily_cleaning: 'Daily cleaning', deep_cleaning: 'Deep cleaning', maternity_nurse: 'Maternity nurse', childcare: 'Childcare',
  elder_care: 'Elder care', patient_care: 'Patient care', cooking: 'Cooking', home_custody: 'Home custody',
  pest_control: 'Pest control', plant_care: 'Plant care', repair: 'Repair', other: 'Other',
};
const CATEGORY_EN: Record<string, string> = {
  service_quality: 'Service quality', attitude: 'Attitude', punctuality: 'Punctuality', property_damage: 'Property damage',
  loss: 'Loss', safety: 'Safety', privacy: 'Privacy', price: 'Price', other: 'Other',
};
const DIMENSIONS: Record<string, Text> = {
  quality: t('服务质量', 'Quality'), attitude: t('服务态度', 'Attitude'), professionalism: t('专业水平', 'Professionalism'),
  communication: t('沟通能力', 'Communication'), punctuality: t('准时性', 'Punctuality'),
};

/** The label of a service-type code. */
export const serviceLabel = (code: string, lang: Lang): string =>
  lang === 'zh' ? (SERVICE_TYPES as Record<string, readonly string[]>)[code]?.[0] ?? code : SERVICE_EN[code] ?? code;
/** The label of a complaint-category code. */
export const categoryLabel = (code: string, lang: Lang): string =>
  lang === 'zh' ? (COMPLAINT_CATEGORIES as Record<string, readonly string[]>)[code]?.[0] ?? code : CATEGORY_EN[code] ?? code;
const INSPECTION_EN: Record<string, string> = {
  supervisor: 'Supervisor check', mystery_shopper: 'Mystery shopper', onsite: 'On-site check', third_party: 'Third-party check',
  floor: 'Floor', glass: 'Glass', kitchen: 'Kitchen', bathroom: 'Bathroom', rooms: 'Rooms and hall', doors: 'Doors and frames',
  skirting: 'Skirting', records: 'Records', conduct: 'Conduct', other: 'Other',
};
const INCIDENT_EN: Record<string, string> = { injury: 'Injury', property: 'Property damage', theft: 'Theft', privacy: 'Privacy breach', other: 'Other', low: 'Low', medium: 'Medium', high: 'High' };
const codeLabel = (lists: readonly Record<string, readonly string[]>[], en: Record<string, string>) => (code: string, lang: Lang): string =>
  lang === 'zh' ? lists.map((l) => l[code]?.[0]).find(Boolean) ?? code : en[code] ?? code;
/** Labels of inspection methods and items. */
export const inspectionLabel = codeLabel([INSPECTION_METHODS, INSPECTION_ITEMS], INSPECTION_EN);
/** Labels of incident types and severities. */
export const incidentLabel = codeLabel([INCIDENT_TYPES, SEVERITIES], INCIDENT_EN);

/** The label of a survey dimension. */
export const dimensionLabel = (code: string, lang: Lang): string => DIMENSIONS[code]?.[lang] ?? code;

/** English month abbreviations (en-GB's, so 'Sept'), as a list: an Intl.DateTimeFormat would be a page's first use of ICU's date data (tens of ms). */
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** Human label of a period id in a language (2026-Q3 → 2026年第三季度 / Q3 2026). */
export function periodLabel(id: string, lang: Lang): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-Q(\d)$/.exec(id))) return lang === 'zh' ? `${m[1]}年第${'一二三四'[+m[2]! - 1]}季度` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(id))) return lang === 'zh' ? `${m[1]}年${+m[2]!}月` : `${EN_MONTHS[+m[2]! - 1] ?? m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H(\d)$/.exec(id))) return lang === 'zh' ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(id))) return lang === 'zh' ? `${m[1]}年` : m[1]!;
  return id;
}
