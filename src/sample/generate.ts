/**
 * Generates the sample company's records (internal form: times as local ms). Deterministic
 * for a given seed and size. See story.ts for what the data is meant to show.
 */
import { Rand } from './random.ts';
import { idNumber, mobile, personName } from './people.ts';
import * as S from './story.ts';
import { generateOptional, type OptionalData } from './optional.ts';
import type { Rec } from './record.ts';

const H = 3_600_000;
const D = 24 * H;

export interface SampleOptions { orders: number; seed: number }

/** The named sizes of the sample (orders) for `npm run sample -- --size` and `npm run bench -- --size`. */
export const SAMPLE_SIZES: Readonly<Record<string, number>> = { '20k': 20_000, '200k': 200_000, '1m': 1_000_000, '10m': 10_000_000 };
export interface SampleData extends OptionalData { orders: Rec[]; surveys: Rec[]; complaints: Rec[]; staff: Rec[]; trainings: Rec[] }

const monthStarts: number[] = [];
for (let t = S.START; t < S.END; ) {
  monthStarts.push(t);
  const d = new Date(t);
  t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function genStaff(r: Rand, perBranch: number): Rec[] {
  const staff: Rec[] = [];
  let seq = 0;
  const hire = (branch: S.Branch, hiredAt: number, rushed: boolean): Rec => {
    const female = r.chance(0.93);
    const age = r.chance(0.03) ? r.int(58, 63) : r.int(24, 54);
    const birth = new Date(hiredAt - age * 365.25 * D - r.int(0, 364) * D);
    const check0 = rushed && r.chance(0.25) ? (r.chance(0.5) ? null : hiredAt + r.int(20, 60) * D) : r.chance(0.01) ? null : hiredAt - r.int(1, 14) * D;
    const check = check0 === null ? null : Math.min(check0, S.END);
    const rec: Rec = {
      staff_id: `S${String(++seq).padStart(5, '0')}`, name: personName(r), id_number: idNumber(r, birth, female), phone: mobile(r),
      gender: female ? 'female' : 'male', birth_date: r.chance(0.3) ? null : Date.UTC(birth.getUTCFullYear(), birth.getUTCMonth(), birth.getUTCDate()),
      branch, hired_at: Math.floor(hiredAt / D) * D, left_at: null,
      background_check_at: check === null ? null : Math.floor(check / D) * D,
      health_check_at: Math.floor((hiredAt - r.int(1, 20) * D) / D) * D,
      certificate: r.weighted([['家政服务员', 5], ['母婴护理员', 2], ['养老护理员', 2], ['育婴员', 1], [null, 2]] as const),
      certificate_expires: null,
    };
    if (rec.certificate) rec.certificate_expires = (rec.hired_at as number) + r.int(365, 5 * 365) * D;
    staff.push(rec);
    return rec;
  };
  for (const b of S.BRANCHES) {
    const target = Math.round(perBranch * S.BRANCH_WEIGHT[b]);
    const active: Rec[] = [];
    for (let i = 0; i < target; i++) active.push(hire(b, S.START - r.int(30, 6 * 365) * D, false));
    for (const m of monthStarts) {
      for (const s of [...active]) {
        if (r.chance(S.leaveP(b, m))) {
          s.left_at = Math.floor(Math.min(m + r.int(0, 27) * D, S.END) / D) * D;
          active.splice(active.indexOf(s), 1);
        }
      }
      const rushed = m >= S.SPRING_FESTIVAL_2026 && m < S.SPRING_FESTIVAL_2026 + 60 * D;
      while (active.length < target - (r.chance(0.5) ? 1 : 0)) active.push(hire(b, Math.min(m + r.int(0, 27) * D, S.END - D), rushed));
    }
  }
  return staff;
}

function genTrainings(r: Rand, staff: Rec[]): Rec[] {
  const out: Rec[] = [];
  const topics = [['skills', 4], ['etiquette', 2], ['ethics', 2], ['safety', 3], ['privacy', 1], ['first_aid', 1]] as const;
  for (const s of staff) {
    const from = s.hired_at as number;
    const to = Math.min((s.left_at as number | null) ?? S.END, S.END);
    for (const year of [2025, 2026]) {
      const y0 = Math.max(Date.UTC(year, 0, 1), from);
      const y1 = Math.min(Date.UTC(year + 1, 0, 1), to);
      if (y1 <= y0) continue;
      const gap = S.trainingGap(s.branch as S.Branch, year);
      const n = r.weighted(gap ? [[0, 1], [1, 5], [2, 4]] : [[0, 0.3], [1, 0.7], [2, 6], [3, 3]]);
      const days = new Set<number>();
      for (let i = 0; i < n; i++) days.add(Math.floor((y0 + r.next() * (y1 - y0)) / D) * D);
      for (const day of days) {
        const assessed = r.chance(0.7);
        out.push({ staff_id: s.staff_id ?? null, trained_at: day, topic: r.weighted(topics), hours: r.pick([2, 4, 4, 8]), assessed, passed: assessed ? r.chance(0.985) : null });
      }
    }
  }
  return out;
}

/** Generates the whole sample. */
export function generate(opts: SampleOptions): SampleData {
  const r = new Rand(opts.seed);
  const staff = genStaff(r, Math.max(4, Math.round((opts.orders / 20_000) * 42)));
  const trainings = genTrainings(r, staff);
  const byBranch = new Map<string, Rec[]>(S.BRANCHES.map((b) => [b, staff.filter((s) => s.branch === b)]));
  const customers = Math.max(50, Math.round(opts.orders * 0.35));
  const members = new Set<number>();
  for (let c = 0; c < customers; c++) if (r.chance(0.3)) members.add(c);
  const monthWeights = monthStarts.map((m) => [m, S.MONTH_DEMAND[new Date(m).getUTCMonth()]!] as const);
  const branchWeights = S.BRANCHES.map((b) => [b, S.BRANCH_WEIGHT[b]] as const);
  const orders: Rec[] = [];
  const surveys: Rec[] = [];
  const complaints: Rec[] = [];
  const repeatOffender = byBranch.get('丰台店')!.find((s) => s.left_at === null)!;

  for (let i = 0; i < opts.orders; i++) {
    const month = r.weighted(monthWeights);
    const orderedAt = month + Math.floor(r.next() * 30 * D / 60_000) * 60_000 + 8 * H;
    if (orderedAt >= S.END) { i--; continue; }
    const branch = r.weighted(branchWeights);
    const type = r.weighted(S.SERVICE_MIX);
    const staffRec = pickActive(r, byBranch.get(branch)!, orderedAt);
    const cust = r.int(0, customers - 1);
    const [d0, d1] = S.DURATION_H[type] ?? [2, 8];
    const completedAt = orderedAt + r.int(12, 96) * H + Math.round(r.int(d0, d1) * H);
    const cancelled = r.chance(0.05);
    const status = cancelled ? 'cancelled' : completedAt <= S.END ? 'completed' : orderedAt + 12 * H <= S.END ? 'in_service' : 'scheduled';
    const member = members.has(cust);
    const done = status === 'completed';
    const callback = done && r.chance(S.callbackP(branch, member, completedAt)) ? completedAt + r.int(1, 70) * H : done && r.chance(0.5) ? completedAt + r.int(80, 200) * H : null;
    const [p0, p1] = S.PRICE[type]!;
    const order: Rec = {
      order_id: `D${String(i + 1).padStart(7, '0')}`, customer_id: `C${String(cust + 1).padStart(6, '0')}`,
      customer_name: personName(r), customer_phone: mobile(r), is_member: member, branch, service_type: type,
      staff_id: staffRec?.staff_id ?? null, ordered_at: orderedAt, completed_at: done ? completedAt : null, status,
      amount: Math.round((p0 + r.next() * (p1 - p0)) / 10) * 10, callback_at: callback !== null && callback <= S.END ? callback : null,
    };
    orders.push(order);
    if (!done) continue;
    if (r.chance(0.76)) {
      const submitted = completedAt + r.int(1, 96) * H;
      if (submitted <= S.END) surveys.push(genSurvey(r, order, submitted, surveys.length + 1));
    }
    const offender = branch === '丰台店' && completedAt >= Date.UTC(2026, 6, 1) && completedAt < Date.UTC(2026, 9, 1) && r.chance(0.015);
    if (offender || r.chance(S.complaintP(branch, completedAt))) {
      const received = completedAt + r.int(1, 72) * H;
      if (received <= S.END) complaints.push(genComplaint(r, order, received, complaints.length + 1, offender ? repeatOffender : null));
    }
  }
  return { orders, surveys, complaints, staff, trainings, ...generateOptional(opts.seed, { orders, staff, complaints }) };
}

function pickActive(r: Rand, pool: Rec[], t: number): Rec | null {
  for (let tries = 0; tries < 40; tries++) {
    const s = r.pick(pool);
    if ((s.hired_at as number) <= t && (s.left_at === null || (s.left_at as number) > t)) return s;
  }
  return null;
}

function genSurvey(r: Rand, o: Rec, submitted: number, n: number): Rec {
  const ok = r.chance(S.satisfiedP(o.branch as S.Branch, submitted));
  const overall = ok ? (r.chance(0.62) ? 5 : 4) : r.weighted([[3, 6], [2, 3], [1, 1]] as const);
  const dim = (shift = 0) => Math.max(1, Math.min(5, overall + r.weighted([[-1, 1], [0, 4], [1, 1]] as const) + shift));
  const withDims = r.chance(0.7);
  const late = o.branch === '丰台店' && !ok;
  return {
    survey_id: `P${String(n).padStart(7, '0')}`, order_id: o.order_id ?? null, submitted_at: submitted, overall,
    quality: withDims ? dim() : null, attitude: withDims ? dim() : null, professionalism: withDims ? dim() : null,
    communication: withDims ? dim() : null, punctuality: withDims ? dim(late ? -1 : 0) : null,
    channel: r.weighted([['phone_callback', 4], ['wechat', 4], ['app', 2], ['sms', 1], ['paper', 0.3]] as const),
    comment: r.chance(0.2) ? r.pick(['阿姨很细心，下次还约', `服务不错，有事请联系我 ${mobile(r)}`, '来晚了半小时', '厨房没擦干净', '态度很好']) : null,
  };
}

function genComplaint(r: Rand, o: Rec, received: number, n: number, offender: Rec | null): Rec {
  const respH = Math.max(0.2, r.lognormal(S.responseMedianH(received), 0.9));
  const firstResponse = received + Math.round(respH * H / 60_000) * 60_000;
  const closeAt = firstResponse + Math.round(Math.max(1, r.lognormal(received >= Date.UTC(2026, 0, 1) && received < Date.UTC(2026, 1, 1) ? 40 : 14, 0.8)) * H);
  const responded = firstResponse <= S.END;
  const closed = closeAt <= S.END && r.chance(0.97);
  const category = offender ? 'punctuality' : r.weighted([['service_quality', 5], ['attitude', 2], ['punctuality', 3], ['property_damage', 1], ['loss', 0.5], ['safety', 0.3], ['privacy', 0.2], ['price', 1], ['other', 0.5]] as const);
  return {
    complaint_id: `T${String(n).padStart(6, '0')}`, order_id: o.order_id ?? null, branch: o.branch ?? null, staff_id: offender?.staff_id ?? o.staff_id ?? null,
    received_at: received, first_response_at: responded ? firstResponse : null, closed_at: closed ? closeAt : null,
    status: closed ? 'closed' : responded ? 'in_progress' : 'open', valid: r.chance(0.7), category,
    compensation: category === 'property_damage' || category === 'loss' ? r.int(10, 200) * 10 : null,
    description: r.pick(['阿姨迟到一个小时', `打碎了花瓶，请回电 ${mobile(r)}`, '清洁不到位', '态度差', '多收费']),
  };
}
