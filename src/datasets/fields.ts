/**
 * Column builders shared by the dataset schemas. Each builder returns a zod schema that
 * takes the raw CSV cell (string or missing) and outputs a typed value or null, plus the
 * metadata the ingest needs (aliases, storage kind, PII handling).
 */
import { z } from 'zod';
import { ACCEPTED_DATE_FORMATS, parseLocalTimestamp, startOfDay } from '../lib/datetime.ts';

export type ColumnKind = 'string' | 'timestamp' | 'date' | 'integer' | 'number' | 'boolean';
/** drop: never written; hash: written as a salted hash (joins still work). */
export type PiiHandling = 'drop' | 'hash';

export interface ColumnOptions {
  /** Header names accepted besides the canonical one (Chinese first). */
  aliases: readonly string[];
  required?: boolean;
  pii?: PiiHandling;
  /** Low-cardinality text: dictionary-encode in Arrow. */
  dictionary?: boolean;
}

export interface ColumnSpec<T = unknown> extends ColumnOptions {
  kind: ColumnKind;
  required: boolean;
  /** Allowed codes for enum columns, in display order. */
  codes?: readonly string[];
  /** Labels exports use for each code (Chinese first). */
  labels?: Readonly<Record<string, readonly string[]>>;
  schema: z.ZodType<T, string | undefined>;
  /** The same check as `schema`, without zod's overhead: the value, or an Invalid. */
  read: (raw: string | undefined) => T | Invalid;
  /**
   * Every exact cell text this column reads as a value (labels, yes/no words, codes): lets the
   * bulk ingest (ingest/bulk) recognise them in SQL, taking each one's value from `read`.
   */
  literals?: readonly string[];
  /** Free text: the longest value accepted, in UTF-16 units (JavaScript's `length`). */
  maxLength?: number;
}

/** Cells that exports use to mean "no value". */
export const NULL_TOKENS: ReadonlySet<string> = new Set(['', '-', '--', '—', '/', 'null', 'NULL', 'N/A', 'n/a', 'NA', '#N/A']);

/** Why a cell was refused (returned, not thrown: the ingest reads millions of cells). */
export class Invalid {
  readonly reason: string;
  constructor(reason: string) { this.reason = reason; }
}

type Parse<T> = (s: string) => T | { error: string };

const EMPTY_REQUIRED = new Invalid('required value is empty');

/** The cell reader shared by the zod schema and the ingest's fast path: value, null or Invalid. */
function reader<T>(parse: Parse<T>, required: boolean): (raw: string | undefined) => T | null | Invalid {
  const errors = new Map<string, Invalid>();
  return (raw) => {
    const s = raw === undefined ? '' : raw.trim();
    if (NULL_TOKENS.has(s)) return required ? EMPTY_REQUIRED : null;
    const out = parse(s);
    if (out !== null && typeof out === 'object' && 'error' in out) {
      let inv = errors.get(out.error);
      if (!inv) errors.set(out.error, (inv = new Invalid(out.error)));
      return inv;
    }
    return out;
  };
}

function cell<T>(read: (raw: string | undefined) => T | null | Invalid): z.ZodType<T | null, string | undefined> {
  return z.string().optional().transform((raw, ctx): T | null => {
    const v = read(raw);
    if (v instanceof Invalid) {
      ctx.issues.push({ code: 'custom', message: v.reason, input: raw });
      return z.NEVER;
    }
    return v;
  });
}

/** Output type of a column: non-null when the options say `required: true`. */
export type Out<T, O> = O extends { required: true } ? T : T | null;

type Meta = Pick<ColumnSpec, 'labels' | 'literals' | 'maxLength'>;

function spec<T, O extends ColumnOptions>(kind: ColumnKind, parse: Parse<T>, o: O, meta: Meta = {}): ColumnSpec<Out<T, O>> {
  const required = o.required ?? false;
  const read = reader(parse, required) as (raw: string | undefined) => Out<T, O> | Invalid;
  const schema = cell(read) as unknown as z.ZodType<Out<T, O>, string | undefined>;
  return { ...o, kind, required, ...(meta.labels ? { codes: Object.keys(meta.labels) } : {}), ...meta, schema, read };
}

/** How label cells are compared: NFKC, trimmed, lower case, without spaces, `_` or `-` (`Very Satisfied` = `verysatisfied`). */
export const normLabel = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');
const norm = normLabel;

/** Free text or identifiers. */
export function text<O extends ColumnOptions>(o: O, maxLength = 4000): ColumnSpec<Out<string, O>> {
  return spec('string', (s) => (s.length > maxLength ? { error: `longer than ${maxLength} characters` } : s), o, { maxLength });
}

/** A point in time (local Asia/Shanghai unless the value carries an offset). */
export function timestamp<O extends ColumnOptions>(o: O): ColumnSpec<Out<number, O>> {
  return spec('timestamp', (s) => parseLocalTimestamp(s) ?? { error: `not a date/time (accepted: ${ACCEPTED_DATE_FORMATS})` }, o);
}

/** A calendar day; a time part, if any, is dropped. */
export function date<O extends ColumnOptions>(o: O): ColumnSpec<Out<number, O>> {
  return spec('date', (s) => {
    const t = parseLocalTimestamp(s);
    return t === null ? { error: `not a date (accepted: ${ACCEPTED_DATE_FORMATS})` } : startOfDay(t);
  }, o);
}

/** A number such as an amount: accepts `¥1,200.50`, `1200元`; rejects negatives. */
export function amount<O extends ColumnOptions>(o: O): ColumnSpec<Out<number, O>> {
  return spec('number', (s) => {
    const n = Number(s.replace(/^[¥￥]|元$|,/g, '').trim());
    if (!Number.isFinite(n)) return { error: 'not a number' };
    return n < 0 ? { error: 'negative amount' } : n;
  }, o);
}

/** Integer score 1..5, or a satisfaction label (非常满意 5 … 非常不满意 1). */
export function score<O extends ColumnOptions>(o: O): ColumnSpec<Out<number, O>> {
  const words = {
    非常满意: 5, 很满意: 5, 满意: 4, 比较满意: 4, 基本满意: 3, 一般: 3, 不满意: 2, 非常不满意: 1, 很不满意: 1,
    'very satisfied': 5, satisfied: 4, neutral: 3, dissatisfied: 2, 'very dissatisfied': 1,
  };
  const labels = new Map(Object.entries(words).map(([k, v]) => [norm(k), v]));
  const literals = [...Object.keys(words), ...[1, 2, 3, 4, 5].flatMap((n) => [`${n}`, `${n}分`])];
  return spec('integer', (s) => {
    const label = labels.get(norm(s));
    if (label !== undefined) return label;
    const n = Number(s.replace(/分$/, ''));
    return Number.isInteger(n) && n >= 1 && n <= 5 ? n : { error: 'not a score 1–5 or a satisfaction label (非常满意…非常不满意)' };
  }, o, { literals });
}

const TRUE_WORDS = ['是', '有', 'y', 'yes', 'true', '1', '√', '✓', 't'];
const FALSE_WORDS = ['否', '无', '没有', 'n', 'no', 'false', '0', '×', 'f'];

/** Yes/no; `extraTrue`/`extraFalse` add column-specific words such as 合格/不合格. */
export function boolean<O extends ColumnOptions>(o: O, extraTrue: readonly string[] = [], extraFalse: readonly string[] = []): ColumnSpec<Out<boolean, O>> {
  const map = new Map<string, boolean>();
  for (const w of [...TRUE_WORDS, ...extraTrue]) map.set(norm(w), true);
  for (const w of [...FALSE_WORDS, ...extraFalse]) map.set(norm(w), false);
  const accepted = [...TRUE_WORDS.slice(0, 3), ...extraTrue, ...FALSE_WORDS.slice(0, 3), ...extraFalse].join('/');
  const literals = [...TRUE_WORDS, ...extraTrue, ...FALSE_WORDS, ...extraFalse].flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]);
  return spec('boolean', (s) => map.get(norm(s)) ?? { error: `not a yes/no value (accepted: ${accepted})` }, o, { literals });
}

/** A coded value; `labels` maps each code to the labels exports use for it. */
export function enumeration<C extends string, O extends ColumnOptions>(labels: Record<C, readonly string[]>, o: O): ColumnSpec<Out<C, O>> {
  const codes = Object.keys(labels) as C[];
  const map = new Map<string, C>();
  for (const code of codes) {
    map.set(norm(code), code);
    for (const l of labels[code]) map.set(norm(l), code);
  }
  const accepted = codes.map((c) => (labels[c][0] ? `${c}/${labels[c][0]}` : c)).join(', ');
  const literals = [...codes, ...codes.flatMap((c) => labels[c])];
  return spec<C, O>('string', (s) => map.get(norm(s)) ?? { error: `unknown value (accepted: ${accepted})` }, { dictionary: true, ...o }, { labels, literals });
}

