/**
 * The sample's optional datasets (staff satisfaction surveys, quality inspections, safety
 * incidents), drawn from their own random stream so the core datasets stay as they were.
 * The story they add:
 * - staff satisfaction at 通州店 and 丰台店 drops in the December 2025 survey, two months before
 *   their post-festival exodus (low staff satisfaction precedes separations);
 * - mystery shoppers fail more items than supervisors do, and 朝阳店's kitchens fail supervisor
 *   checks in 2026; the 丰台店 staff member with recurring complaints fails conduct checks;
 * - 丰台店 has more incidents in 2026-Q3 and reports half of them late (after 24 h).
 */
import type { Rec } from './record.ts';
import { Rand } from './random.ts';
import { mobile } from './people.ts';
import * as S from './story.ts';

const H = 3_600_000;
const D = 24 * H;
const day = (t: number) => Math.floor(t / D) * D;
const inQ3_2026 = (t: number) => t >= Date.UTC(2026, 6, 1) && t < Date.UTC(2026, 9, 1);

export interface OptionalData { staff_surveys: Rec[]; inspections: Rec[]; incidents: Rec[] }

/** Survey rounds: mid-June and mid-December, plus November 2026 (before the as-of). */
const ROUNDS = [Date.UTC(2025, 5, 16), Date.UTC(2025, 11, 10), Date.UTC(2026, 5, 15), Date.UTC(2026, 10, 9)];

function staffSatisfiedP(branch: string, round: number): number {
  if (round === ROUNDS[1] && (branch === '通州店' || branch === '丰台店')) return 0.45;
  if (round === ROUNDS[2] && branch === '丰台店') return 0.68;
  return 0.84;
}

function genStaffSurveys(r: Rand, staff: readonly Rec[]): Rec[] {
  const out: Rec[] = [];
  for (const round of ROUNDS) {
    for (const s of staff) {
      const active = (s.hired_at as number) <= round && (s.left_at === null || (s.left_at as number) > round);
      if (!active || !r.chance(0.78)) continue;
      const ok = r.chance(staffSatisfiedP(s.branch as string, round));
      out.push({
        response_id: `Y${String(out.length + 1).padStart(6, '0')}`, staff_id: r.chance(0.6) ? (s.staff_id as string) : null, branch: s.branch as string,
        submitted_at: round + r.int(0, 9) * D + r.int(9, 20) * H, overall: ok ? r.weighted([[4, 3], [5, 2]] as const) : r.weighted([[3, 5], [2, 3], [1, 1]] as const),
        comment: r.chance(0.15) ? r.pick(['希望增加培训机会', '工资发放及时', `排班太满，请联系我 ${mobile(r)}`, '路程太远']) : null,
      });
    }
  }
  return out;
}

const ITEMS = ['floor', 'glass', 'kitchen', 'bathroom', 'rooms', 'doors', 'skirting', 'records', 'conduct'] as const;

function genInspections(r: Rand, orders: readonly Rec[], offender: string | null): Rec[] {
  const out: Rec[] = [];
  let visit = 0;
  for (const o of orders) {
    if (o.status !== 'completed') continue;
    const method = r.chance(0.03) ? 'supervisor' : r.chance(0.006) ? 'mystery_shopper' : r.chance(0.002) ? 'onsite' : null;
    if (!method) continue;
    visit++;
    const at = (o.completed_at as number) + r.int(0, 120) * 60_000;
    if (at > S.END) continue;
    const items = new Set<string>();
    const n = method === 'supervisor' ? r.int(3, 5) : 3;
    while (items.size < n) items.add(method === 'mystery_shopper' && items.size === 0 ? 'conduct' : r.pick(ITEMS));
    let j = 0;
    for (const item of items) {
      let p = method === 'mystery_shopper' ? 0.88 : 0.965;
      if (item === 'kitchen' && o.branch === '朝阳店' && at >= Date.UTC(2026, 0, 1) && method === 'supervisor') p = 0.72;
      if (item === 'conduct' && o.staff_id === offender) p = 0.4;
      out.push({
        inspection_id: `Q${String(visit).padStart(6, '0')}-${++j}`, order_id: o.order_id as string, branch: o.branch as string, staff_id: o.staff_id ?? null,
        inspected_at: at, method, item, passed: r.chance(p), note: r.chance(0.05) ? `客户 ${mobile(r)} 在场` : null,
      });
    }
  }
  return out;
}

function genIncidents(r: Rand, orders: readonly Rec[]): Rec[] {
  const out: Rec[] = [];
  for (const o of orders) {
    if (o.status !== 'completed') continue;
    const done = o.completed_at as number;
    const hot = o.branch === '丰台店' && inQ3_2026(done);
    if (!r.chance(hot ? 0.015 : 0.0015)) continue;
    const occurred = done - r.int(1, 6) * H;
    const late = r.chance(hot ? 0.55 : 0.08);
    const reported = occurred + (late ? r.int(25, 96) : r.int(1, 20)) * H;
    const closed = reported + r.int(2, 20) * D;
    out.push({
      incident_id: `A${String(out.length + 1).padStart(5, '0')}`, occurred_at: occurred, reported_at: reported <= S.END ? reported : null,
      closed_at: closed <= S.END && r.chance(0.9) ? day(closed) + 10 * H : null, branch: o.branch as string, staff_id: o.staff_id ?? null,
      order_id: o.order_id as string, type: r.weighted([['property', 5], ['injury', 2], ['theft', 0.5], ['privacy', 0.5], ['other', 1]] as const),
      severity: r.weighted([['low', 6], ['medium', 3], ['high', 1]] as const),
    });
  }
  return out;
}

/** The optional datasets for the core sample (same seed → same rows). */
export function generateOptional(seed: number, d: { orders: readonly Rec[]; staff: readonly Rec[]; complaints: readonly Rec[] }): OptionalData {
  const r = new Rand(seed ^ 0x0b5e55ed);
  // The staff member behind 丰台店's recurring punctuality complaints in 2026-Q3.
  const counts = new Map<string, number>();
  for (const c of d.complaints) if (c.branch === '丰台店' && c.category === 'punctuality' && c.staff_id) counts.set(c.staff_id as string, (counts.get(c.staff_id as string) ?? 0) + 1);
  const offender = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { staff_surveys: genStaffSurveys(r, d.staff), inspections: genInspections(r, d.orders, offender), incidents: genIncidents(r, d.orders) };
}
