import type { z } from 'zod';
import { score, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf } from './rules.ts';
import { BRANCH_ALIASES, SATISFACTION_ALIASES, STAFF_ID_ALIASES } from './codes.ts';

/** 员工满意度调查 (optional, every half year): one row per response; staff_id may be empty. */
export const staffSurveys = defineDataset({
  name: 'staff_surveys',
  label: { zh: '员工满意度调查', en: 'Staff satisfaction surveys' },
  prefixes: ['staff_surveys', 'staff_survey', 'staff-surveys', '员工满意度', '员工调查'],
  key: ['response_id'],
  dateColumn: 'submitted_at',
  optional: true,
  columns: {
    response_id: text({ aliases: ['问卷编号', '答卷编号', '回复编号'], required: true }, 64),
    staff_id: text({ aliases: STAFF_ID_ALIASES }, 64),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    submitted_at: timestamp({ aliases: ['提交时间', '填写时间'], required: true }),
    overall: score({ aliases: SATISFACTION_ALIASES.overall, required: true }),
    comment: text({ aliases: ['意见建议', '备注', '评价内容'], pii: 'drop' }),
  },
  rules: [notAfterAsOf('submitted_at')],
});

export const StaffSurveyRowSchema = staffSurveys.schema;
export type StaffSurveyRow = z.output<typeof StaffSurveyRowSchema>;
