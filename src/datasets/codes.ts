/**
 * Code lists: code → labels seen in exports (zh label first). Plain data, apart from the datasets'
 * definitions, so the browser can label codes without the schemas (zod) in its bundle.
 */

export const SERVICE_TYPES = {
  daily_cleaning: ['日常保洁', '保洁', '日常清洁'],
  deep_cleaning: ['深度保洁', '开荒保洁', '深度清洁', '开荒'],
  maternity_nurse: ['月嫂', '母婴护理'],
  childcare: ['育儿嫂', '育婴师', '育儿'],
  elder_care: ['养老护理', '老人陪护', '养老'],
  patient_care: ['病患陪护', '医院陪护', '病人陪护'],
  cooking: ['烹饪', '做饭', '家庭烹饪'],
  home_custody: ['居室托管', '托管'],
  pest_control: ['消杀', '除虫', '杀虫'],
  plant_care: ['绿植养护', '绿植'],
  repair: ['维修', '家电维修'],
  other: ['其他', '其它'],
} as const;
export type ServiceType = keyof typeof SERVICE_TYPES;

export const SATISFACTION_ALIASES = {
  overall: ['总体满意度', '满意度', '总体评价', '综合满意度', '评分'],
  quality: ['服务质量'],
  attitude: ['服务态度'],
  professionalism: ['专业水平', '专业能力'],
  communication: ['沟通能力', '沟通'],
  punctuality: ['准时性', '守时'],
} as const;

export const BRANCH_ALIASES = ['门店', '分店', '网点', '所属门店', '门店名称'] as const;
export const STAFF_ID_ALIASES = ['服务人员编号', '员工编号', '阿姨编号', '人员编号', '工号'] as const;
export const ORDER_ID_ALIASES = ['订单编号', '订单号', '订单ID'] as const;
export const PASSED_TRUE = ['合格', '通过', 'pass', 'passed'] as const;
export const PASSED_FALSE = ['不合格', '未通过', 'fail', 'failed'] as const;

export const COMPLAINT_CATEGORIES = {
  service_quality: ['服务质量', '质量'],
  attitude: ['服务态度', '态度'],
  punctuality: ['不守时', '迟到', '准时性'],
  property_damage: ['财物损坏', '物品损坏', '损坏'],
  loss: ['物品丢失', '丢失'],
  safety: ['安全', '安全问题'],
  privacy: ['隐私', '隐私泄露'],
  price: ['收费', '价格', '收费问题'],
  other: ['其他', '其它'],
} as const;

export const INCIDENT_TYPES = {
  injury: ['人身伤害', '受伤'],
  property: ['财产损失', '财物损失'],
  theft: ['偷盗', '盗窃'],
  privacy: ['信息泄露', '隐私泄露'],
  other: ['其他', '其它'],
} as const;

export const SEVERITIES = { low: ['低', '轻微'], medium: ['中', '一般'], high: ['高', '严重'] } as const;

export const INSPECTION_METHODS = {
  supervisor: ['领班检查', '领班', '主管检查'],
  mystery_shopper: ['神秘顾客', '暗访'],
  onsite: ['实地考察', '现场检查'],
  third_party: ['第三方抽查', '第三方'],
} as const;

export const INSPECTION_ITEMS = {
  floor: ['地面'],
  glass: ['玻璃'],
  kitchen: ['厨房'],
  bathroom: ['卫生间'],
  rooms: ['卧室及大厅', '卧室', '大厅'],
  doors: ['门及框', '门'],
  skirting: ['地角线', '踢脚线'],
  records: ['记录'],
  conduct: ['服务规范', '规范'],
  other: ['其他', '其它'],
} as const;
