/** Made-up personal data for the sample (so PII handling is exercised on realistic shapes). */
import type { Rand } from './random.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'.split('');
const GIVEN = '秀英桂兰玉兰淑珍丽娟红梅海燕凤英春梅小红翠花金凤丽华美玲建国志强秀兰桂芳晓燕雪梅玉梅丽萍'.match(/.{2}/g)!;
const AREA = ['110105', '110108', '110102', '110106', '110112', '110114', '130102', '410105', '340104', '510104'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function personName(r: Rand): string {
  return r.pick(SURNAMES) + r.pick(GIVEN);
}

export function mobile(r: Rand): string {
  return `1${r.pick(['38', '39', '50', '58', '86', '88', '35', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A mainland resident ID number with a valid check digit, encoding birth date and gender. */
export function idNumber(r: Rand, birth: Date, female: boolean): string {
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  let seq = r.int(0, 99) * 10 + r.int(0, 4) * 2 + (female ? 0 : 1);
  seq = Math.min(seq, 999);
  const body = `${r.pick(AREA)}${ymd}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0);
  return body + CHECK[sum % 11];
}
