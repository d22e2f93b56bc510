import type { z } from 'zod';
import { amount, boolean, enumeration, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf, notBefore, requiredWhen } from './rules.ts';
import { BRANCH_ALIASES, COMPLAINT_CATEGORIES, ORDER_ID_ALIASES, STAFF_ID_ALIASES } from './codes.ts';

export const COMPLAINT_STATUSES = {
  open: ['待处理', '未处理', '新建'],
  in_progress: ['处理中', '跟进中'],
  closed: ['已办结', '已关闭', '已解决', '办结', '已处理'],
} as const;

/** 投诉记录: one row per complaint. */
export const complaints = defineDataset({
  name: 'complaints',
  label: { zh: '投诉记录', en: 'Complaints' },
  prefixes: ['complaints', 'complaint', '投诉', '客户投诉'],
  key: ['complaint_id'],
  dateColumn: 'received_at',
  references: [{ column: 'order_id', dataset: 'orders' }],
  columns: {
    complaint_id: text({ aliases: ['投诉编号', '投诉单号', '工单编号'], required: true }, 64),
    order_id: text({ aliases: ORDER_ID_ALIASES }, 64),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    staff_id: text({ aliases: STAFF_ID_ALIASES }, 64),
    received_at: timestamp({ aliases: ['受理时间', '投诉时间', '接收时间'], required: true }),
    first_response_at: timestamp({ aliases: ['首次响应时间', '响应时间', '首次回复时间'] }),
    closed_at: timestamp({ aliases: ['办结时间', '关闭时间', '结案时间'] }),
    status: enumeration(COMPLAINT_STATUSES, { aliases: ['处理状态', '状态'], required: true }),
    valid: boolean({ aliases: ['是否成立', '是否有效'] }, ['成立', '有效'], ['不成立', '无效']),
    category: enumeration(COMPLAINT_CATEGORIES, { aliases: ['投诉类别', '投诉类型', '类别'], required: true }),
    compensation: amount({ aliases: ['赔偿金额', '赔付金额'] }),
    description: text({ aliases: ['投诉内容', '问题描述', '描述'], pii: 'drop' }),
  },
  rules: [
    notBefore('first_response_at', 'received_at'),
    notBefore('closed_at', 'received_at'),
    notAfterAsOf('received_at', 'first_response_at', 'closed_at'),
    requiredWhen('closed_at', { column: 'status', equals: 'closed' }, 'status is closed but closed_at is empty'),
  ],
});

export const ComplaintRowSchema = complaints.schema;
export type ComplaintRow = z.output<typeof ComplaintRowSchema>;
