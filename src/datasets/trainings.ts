import type { z } from 'zod';
import { amount, boolean, date, enumeration, text } from './fields.ts';
import { defineDataset } from './define.ts';
import { emptyWhen, notAfterAsOf } from './rules.ts';
import { PASSED_FALSE, PASSED_TRUE, STAFF_ID_ALIASES } from './codes.ts';

export const TRAINING_TOPICS = {
  skills: ['技能', '技能培训', '专业技能'],
  etiquette: ['礼仪', '服务礼仪'],
  ethics: ['职业道德', '道德'],
  safety: ['安全', '安全培训'],
  privacy: ['隐私保护', '隐私'],
  first_aid: ['急救', '急救培训'],
  other: ['其他', '其它'],
} as const;

/** 培训记录: one row per training a staff member attended; no id of its own. */
export const trainings = defineDataset({
  name: 'trainings',
  label: { zh: '培训记录', en: 'Trainings' },
  prefixes: ['trainings', 'training', '培训', '员工培训', '人员培训'],
  key: ['staff_id', 'trained_at', 'topic'],
  dateColumn: 'trained_at',
  references: [{ column: 'staff_id', dataset: 'staff' }],
  columns: {
    staff_id: text({ aliases: STAFF_ID_ALIASES, required: true }, 64),
    trained_at: date({ aliases: ['培训日期', '培训时间'], required: true }),
    topic: enumeration(TRAINING_TOPICS, { aliases: ['培训内容', '培训主题', '培训类型'], required: true }),
    hours: amount({ aliases: ['学时', '培训学时', '时长'] }),
    assessed: boolean({ aliases: ['是否考核'] }),
    passed: boolean({ aliases: ['考核结果', '是否合格'] }, PASSED_TRUE, PASSED_FALSE),
  },
  rules: [
    notAfterAsOf('trained_at'),
    emptyWhen('passed', { column: 'assessed', equals: false }, 'has an assessment result but assessed is no'),
  ],
  // An assessment result implies the training was assessed.
  derive: (row) => {
    if (row.assessed === null && row.passed !== null) row.assessed = true;
  },
});

export const TrainingRowSchema = trainings.schema;
export type TrainingRow = z.output<typeof TrainingRowSchema>;
