import type { z } from 'zod';
import { boolean, enumeration, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf } from './rules.ts';
import { BRANCH_ALIASES, INSPECTION_ITEMS, INSPECTION_METHODS, ORDER_ID_ALIASES, PASSED_FALSE, PASSED_TRUE, STAFF_ID_ALIASES } from './codes.ts';

/** 质量检查 (optional): one row per inspected item. */
export const inspections = defineDataset({
  name: 'inspections',
  label: { zh: '质量检查', en: 'Quality inspections' },
  prefixes: ['inspections', 'inspection', '质量检查', '检查', '质检'],
  key: ['inspection_id'],
  dateColumn: 'inspected_at',
  optional: true,
  references: [{ column: 'order_id', dataset: 'orders' }],
  columns: {
    inspection_id: text({ aliases: ['检查编号', '检查单号'], required: true }, 64),
    order_id: text({ aliases: ORDER_ID_ALIASES }, 64),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    staff_id: text({ aliases: STAFF_ID_ALIASES }, 64),
    inspected_at: timestamp({ aliases: ['检查时间', '检查日期'], required: true }),
    method: enumeration(INSPECTION_METHODS, { aliases: ['检查方式', '检查方法'], required: true }),
    item: enumeration(INSPECTION_ITEMS, { aliases: ['检查项目', '项目'], required: true }),
    passed: boolean({ aliases: ['检查结果', '是否合格'], required: true }, PASSED_TRUE, PASSED_FALSE),
    note: text({ aliases: ['备注', '说明'], pii: 'drop' }),
  },
  rules: [notAfterAsOf('inspected_at')],
});

export const InspectionRowSchema = inspections.schema;
export type InspectionRow = z.output<typeof InspectionRowSchema>;
