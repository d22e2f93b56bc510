/**
 * The sample company's story, as parameters: what an executive should recognise in the demo.
 * - 丰台店 slips below the 85% satisfaction line in 2026-Q3 (a recurring punctuality problem
 *   with one staff member shows in its complaints);
 * - January 2026, the pre-Spring-Festival rush, has slow complaint responses;
 * - after Spring Festival 2026 many staff of 通州店 and 丰台店 do not come back (turnover spike),
 *   and the rushed re-hiring skips some background checks;
 * - 通州店 falls behind on training in 2026 (coverage gap);
 * - 海淀店 misses member callbacks in 2026-Q3.
 */

export const BRANCHES = ['朝阳店', '海淀店', '西城店', '丰台店', '通州店', '昌平店'] as const;
export type Branch = (typeof BRANCHES)[number];
export const BRANCH_WEIGHT: Record<Branch, number> = { 朝阳店: 1.3, 海淀店: 1.25, 西城店: 0.9, 丰台店: 1, 通州店: 0.8, 昌平店: 0.75 };

export const SERVICE_MIX: readonly (readonly [string, number])[] = [
  ['daily_cleaning', 35], ['deep_cleaning', 12], ['maternity_nurse', 6], ['childcare', 7], ['elder_care', 8],
  ['patient_care', 5], ['cooking', 6], ['home_custody', 4], ['pest_control', 4], ['plant_care', 3], ['repair', 6], ['other', 4],
];

export const PRICE: Record<string, [number, number]> = {
  daily_cleaning: [80, 240], deep_cleaning: [300, 1200], maternity_nurse: [9800, 18800], childcare: [5200, 8800],
  elder_care: [4800, 7800], patient_care: [260, 480], cooking: [100, 260], home_custody: [600, 2000],
  pest_control: [200, 600], plant_care: [120, 400], repair: [80, 600], other: [60, 300],
};

/** Hours from order to completion: long-running services take weeks. */
export const DURATION_H: Record<string, [number, number]> = {
  maternity_nurse: [26 * 24, 42 * 24], childcare: [20 * 24, 30 * 24], elder_care: [20 * 24, 30 * 24], home_custody: [7 * 24, 30 * 24],
};

/** Demand by calendar month (1..12): the pre-festival rush in Jan, the festival lull in Feb. */
export const MONTH_DEMAND = [1.55, 0.7, 0.95, 1, 1.05, 1, 1.1, 1.1, 1, 1.05, 1, 1.25];

export const START = Date.UTC(2024, 11, 1);
/** The sample's as-of: its latest complete quarter is 2026-Q3. */
export const END = Date.UTC(2026, 10, 20, 18, 0);
export const SPRING_FESTIVAL_2025 = Date.UTC(2025, 0, 29);
export const SPRING_FESTIVAL_2026 = Date.UTC(2026, 1, 17);

const inQ3_2026 = (t: number) => t >= Date.UTC(2026, 6, 1) && t < Date.UTC(2026, 9, 1);
const inJan2026 = (t: number) => t >= Date.UTC(2026, 0, 1) && t < Date.UTC(2026, 1, 1);

/** Probability that a survey scores ≥ 4. */
export function satisfiedP(branch: Branch, t: number): number {
  const base: Record<Branch, number> = { 朝阳店: 0.93, 海淀店: 0.94, 西城店: 0.92, 丰台店: 0.9, 通州店: 0.89, 昌平店: 0.91 };
  if (branch === '丰台店' && inQ3_2026(t)) return 0.77;
  return base[branch] - (inJan2026(t) ? 0.04 : 0);
}

/** Median hours to first complaint response. */
export const responseMedianH = (t: number) => (inJan2026(t) ? 30 : 5);
/** Probability a completed order is complained about. */
export const complaintP = (branch: Branch, t: number) => (branch === '丰台店' && inQ3_2026(t) ? 0.07 : inJan2026(t) ? 0.045 : 0.028);
/** Probability a completed order gets its callback within 72 h. */
export function callbackP(branch: Branch, member: boolean, t: number): number {
  if (member) return branch === '海淀店' && inQ3_2026(t) ? 0.86 : 0.995;
  return 0.93;
}
/** Monthly probability that a staff member leaves. */
export function leaveP(branch: Branch, monthStart: number): number {
  const afterFestival = (f: number) => monthStart >= f - 5 * 86_400_000 && monthStart < f + 40 * 86_400_000;
  if (afterFestival(SPRING_FESTIVAL_2026) && (branch === '通州店' || branch === '丰台店')) return 0.09;
  if (afterFestival(SPRING_FESTIVAL_2025) || afterFestival(SPRING_FESTIVAL_2026)) return 0.025;
  return 0.006;
}
/** Number of trainings a staff member attends in a year. */
export const trainingGap = (branch: Branch, year: number) => branch === '通州店' && year === 2026;
