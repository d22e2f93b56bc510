import type { z } from 'zod';
import { enumeration, score, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf } from './rules.ts';
import { ORDER_ID_ALIASES, SATISFACTION_ALIASES } from './codes.ts';

export const SURVEY_CHANNELS = {
  phone_callback: ['电话回访', '电话'],
  app: ['APP', '应用'],
  wechat: ['微信', '小程序', '公众号'],
  sms: ['短信'],
  paper: ['纸质问卷', '纸质'],
} as const;

/** The five optional satisfaction dimensions, in display order. */
export const SURVEY_DIMENSIONS = ['quality', 'attitude', 'professionalism', 'communication', 'punctuality'] as const;

/** 满意度评价: one row per survey response, linked to an order. */
export const surveys = defineDataset({
  name: 'surveys',
  label: { zh: '满意度评价', en: 'Satisfaction surveys' },
  prefixes: ['surveys', 'survey', '评价', '满意度', '客户满意度', '顾客满意度'],
  key: ['survey_id'],
  dateColumn: 'submitted_at',
  references: [{ column: 'order_id', dataset: 'orders' }],
  columns: {
    survey_id: text({ aliases: ['评价编号', '评价ID', '问卷编号'], required: true }, 64),
    order_id: text({ aliases: ORDER_ID_ALIASES, required: true }, 64),
    submitted_at: timestamp({ aliases: ['评价时间', '提交时间', '评价日期'], required: true }),
    overall: score({ aliases: SATISFACTION_ALIASES.overall, required: true }),
    quality: score({ aliases: SATISFACTION_ALIASES.quality }),
    attitude: score({ aliases: SATISFACTION_ALIASES.attitude }),
    professionalism: score({ aliases: SATISFACTION_ALIASES.professionalism }),
    communication: score({ aliases: SATISFACTION_ALIASES.communication }),
    punctuality: score({ aliases: SATISFACTION_ALIASES.punctuality }),
    channel: enumeration(SURVEY_CHANNELS, { aliases: ['评价渠道', '渠道', '回访方式'] }),
    comment: text({ aliases: ['评价内容', '备注', '意见建议', '客户意见'], pii: 'drop' }),
  },
  rules: [notAfterAsOf('submitted_at')],
});

export const SurveyRowSchema = surveys.schema;
export type SurveyRow = z.output<typeof SurveyRowSchema>;
