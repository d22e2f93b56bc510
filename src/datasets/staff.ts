import type { z } from 'zod';
import { date, enumeration, text } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf, notBefore } from './rules.ts';
import { BRANCH_ALIASES, STAFF_ID_ALIASES } from './codes.ts';

export const GENDERS = { female: ['女', 'f', '女性'], male: ['男', 'm', '男性'] } as const;

const ID_NUMBER = /^\d{6}(\d{4})(\d{2})(\d{2})\d{2}(\d)[\dXx]$/;

/** 服务人员档案: one row per staff member. */
export const staff = defineDataset({
  name: 'staff',
  label: { zh: '服务人员档案', en: 'Staff' },
  prefixes: ['staff', 'employees', 'employee', '员工', '人员', '服务人员', '员工档案', '人员档案', '阿姨档案'],
  key: ['staff_id'],
  dateColumn: 'hired_at',
  columns: {
    staff_id: text({ aliases: STAFF_ID_ALIASES, required: true }, 64),
    name: text({ aliases: ['姓名', '员工姓名'], pii: 'drop' }),
    id_number: text({ aliases: ['身份证号', '身份证号码', '证件号码'], pii: 'drop' }),
    phone: text({ aliases: ['手机号', '联系电话', '电话'], pii: 'drop' }),
    gender: enumeration(GENDERS, { aliases: ['性别'] }),
    birth_date: date({ aliases: ['出生日期', '生日'] }),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    hired_at: date({ aliases: ['入职日期', '入职时间'], required: true }),
    left_at: date({ aliases: ['离职日期', '离职时间'] }),
    background_check_at: date({ aliases: ['背景审查日期', '背调日期', '背景调查日期'] }),
    health_check_at: date({ aliases: ['体检日期', '健康检查日期'] }),
    certificate: text({ aliases: ['资格证书', '证书', '职业资格'], dictionary: true }, 200),
    certificate_expires: date({ aliases: ['证书有效期', '证书到期日'] }),
  },
  rules: [
    notBefore('left_at', 'hired_at'),
    notBefore('hired_at', 'birth_date'),
    notAfterAsOf('birth_date', 'hired_at', 'left_at', 'background_check_at', 'health_check_at'),
  ],
  // A mainland ID number carries the birth date and gender; keep those, drop the number.
  derive: (row) => {
    const m = row.id_number ? ID_NUMBER.exec(row.id_number) : null;
    if (!m) return;
    if (row.birth_date === null) {
      const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
      if (new Date(t).getUTCDate() === +m[3]!) row.birth_date = t;
    }
    if (row.gender === null) row.gender = +m[4]! % 2 === 1 ? 'male' : 'female';
  },
});

export const StaffRowSchema = staff.schema;
export type StaffRow = z.output<typeof StaffRowSchema>;
