import type { z } from 'zod';
import { amount, boolean, enumeration, text, timestamp } from './fields.ts';
import { defineDataset } from './define.ts';
import { notAfterAsOf, notBefore, requiredWhen } from './rules.ts';
import { BRANCH_ALIASES, ORDER_ID_ALIASES, SERVICE_TYPES, STAFF_ID_ALIASES } from './codes.ts';

export const ORDER_STATUSES = {
  completed: ['已完成', '完成', '已结束'],
  cancelled: ['已取消', '取消', '已退单'],
  scheduled: ['待服务', '已预约', '待上门'],
  in_service: ['服务中', '进行中'],
} as const;

/** 服务订单: one row per order. */
export const orders = defineDataset({
  name: 'orders',
  label: { zh: '服务订单', en: 'Orders' },
  prefixes: ['orders', 'order', '订单', '服务订单'],
  key: ['order_id'],
  dateColumn: 'ordered_at',
  columns: {
    order_id: text({ aliases: ORDER_ID_ALIASES, required: true }, 64),
    customer_id: text({ aliases: ['客户编号', '客户ID', '客户号', '会员编号'], required: true, pii: 'hash' }, 64),
    customer_name: text({ aliases: ['客户姓名', '客户名称', '姓名'], pii: 'drop' }),
    customer_phone: text({ aliases: ['联系电话', '客户电话', '手机号', '电话'], pii: 'drop' }),
    is_member: boolean({ aliases: ['是否会员', '会员'] }, ['会员'], ['非会员']),
    branch: text({ aliases: BRANCH_ALIASES, required: true, dictionary: true }, 100),
    service_type: enumeration(SERVICE_TYPES, { aliases: ['服务类型', '服务项目', '服务类别'], required: true }),
    staff_id: text({ aliases: STAFF_ID_ALIASES }, 64),
    ordered_at: timestamp({ aliases: ['下单时间', '下单日期', '创建时间'], required: true }),
    completed_at: timestamp({ aliases: ['完成时间', '服务完成时间', '完成日期'] }),
    status: enumeration(ORDER_STATUSES, { aliases: ['订单状态', '状态'], required: true }),
    amount: amount({ aliases: ['金额', '订单金额', '实付金额', '金额(元)'] }),
    callback_at: timestamp({ aliases: ['回访时间', '回访日期'] }),
  },
  rules: [
    notBefore('completed_at', 'ordered_at'),
    notBefore('callback_at', 'ordered_at'),
    notAfterAsOf('ordered_at', 'completed_at', 'callback_at'),
    requiredWhen('completed_at', { column: 'status', equals: 'completed' }, 'status is completed but completed_at is empty'),
  ],
});

export const OrderRowSchema = orders.schema;
export type OrderRow = z.output<typeof OrderRowSchema>;
