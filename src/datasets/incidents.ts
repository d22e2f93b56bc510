import type { z } from 'zod';
import { enumeration, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf, notBefore } from './rules.ts';
import { BRANCH_ALIASES, INCIDENT_TYPES, ORDER_ID_ALIASES, SEVERITIES, STAFF_ID_ALIASES } from './codes.ts';

/** 安全事故 (optional): one row per incident. */
export const incidents = defineDataset({
  name: 'incidents',
  label: { zh: '安全事故', en: 'Safety incidents' },
  prefixes: ['incidents', 'incident', '安全事故', '事故'],
  key: ['incident_id'],
  dateColumn: 'occurred_at',
  optional: true,
  references: [{ column: 'order_id', dataset: 'orders' }],
  columns: {
    incident_id: text({ aliases: ['事故编号'], required: true }, 64),
    occurred_at: timestamp({ aliases: ['发生时间'], required: true }),
    reported_at: timestamp({ aliases: ['报告时间', '上报时间'] }),
    closed_at: timestamp({ aliases: ['处理完毕时间', '结案时间', '办结时间'] }),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    staff_id: text({ aliases: STAFF_ID_ALIASES }, 64),
    order_id: text({ aliases: ORDER_ID_ALIASES }, 64),
    type: enumeration(INCIDENT_TYPES, { aliases: ['事故类型', '类型'], required: true }),
    severity: enumeration(SEVERITIES, { aliases: ['严重程度', '等级'] }),
  },
  rules: [
    notBefore('reported_at', 'occurred_at'),
    notBefore('closed_at', 'occurred_at'),
    notAfterAsOf('occurred_at', 'reported_at', 'closed_at'),
  ],
});

export const IncidentRowSchema = incidents.schema;
export type IncidentRow = z.output<typeof IncidentRowSchema>;
