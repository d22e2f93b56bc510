/**
 * parseLocalTimestamp (lib/datetime.ts) in DuckDB SQL, for the bulk ingest: every shape it
 * accepts (canonical, ISO 8601 with `T`, fraction and offset, `/` or `.` without zero padding,
 * 年月日, compact `20260705`, Excel serials 20000–80000) to the same local ms, NULL otherwise.
 * The regexes are the JavaScript ones spelled for RE2 (JavaScript's `\s` written out, `i`
 * folded into `[Tt]`, `[Zz]`); test/ingest/cell-sql.test.ts holds the two to the same value
 * on a corpus of every form, valid and not.
 */
import { lit } from '../../lib/sql-text.ts';

/** Code points JavaScript's `\s` and String.prototype.trim take as white space. */
export const JS_SPACE = [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
const JS_SPACE_CLASS = JS_SPACE.map((c) => `\\x{${c.toString(16)}}`).join('');
const S = `[${JS_SPACE_CLASS}]`;
const D = '[0-9]';

const ISO_FULL = `(${D}{4})[-/.](${D}{1,2})[-/.](${D}{1,2})(?:[Tt${JS_SPACE_CLASS}]+(${D}{1,2}):(${D}{2})(?::(${D}{2})(?:[.,](${D}{1,9}))?)?)?${S}*([Zz]|[+-]${D}{2}:?${D}{2})?`;
const CHINESE = `(${D}{4})${S}*年${S}*(${D}{1,2})${S}*月${S}*(${D}{1,2})${S}*[日号]?(?:${S}*(${D}{1,2})${S}*[:：时點点]${S}*(${D}{1,2})(?:${S}*[:：分]${S}*(${D}{1,2})${S}*秒?)?${S}*分?)?`;
const COMPACT = `(${D}{4})(${D}{2})(${D}{2})(?:${S}*(${D}{2}):?(${D}{2})(?::?(${D}{2}))?)?`;

/** One regex, three alternatives in parseLocalTimestamp's order; group names say which. */
const PATTERN = `^(?:${ISO_FULL}|${CHINESE}|${COMPACT})$`;
const GROUPS = ['y1', 'mo1', 'd1', 'h1', 'mi1', 's1', 'f1', 'tz1', 'y2', 'mo2', 'd2', 'h2', 'mi2', 's2', 'y3', 'mo3', 'd3', 'h3', 'mi3', 's3'];
/** The shapes DuckDB's own cast reads exactly as JavaScript does (`T` or a space before the time). */
const CANONICAL = '[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)?';
/** The same with the local offset written out (+08:00 or +0800): the offset changes nothing. */
const CANONICAL_LOCAL = `${CANONICAL}\\+08:?00`;
/** Chinese Excel's `2026/7/5 14:03`: strict on the digits here, strptime then checks the ranges. */
const SLASH = '[1-9][0-9]{3}/[0-9]{1,2}/[0-9]{1,2}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?';
const SLASH_FORMATS = "['%Y/%m/%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d']";

const DAY_MS = 86_400_000;
/** 1899-12-30, Excel's day 0, as local ms. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A group as an integer: from the alternative that took part, else `dflt`. */
const part = (m: string, name: string, dflt: string) =>
  `coalesce(TRY_CAST(nullif(${m}.${name}1, '') AS BIGINT), TRY_CAST(nullif(${m}.${name}2, '') AS BIGINT), TRY_CAST(nullif(${m}.${name}3, '') AS BIGINT), ${dflt})`;

/** The local ms of parts struct `p` (see timestampSteps), NULL when it is no real time. */
function fromParts(p: string): string {
  const [y, mo, d, h, mi, s] = ['y', 'mo', 'd', 'h', 'mi', 's'].map((k) => `${p}.${k}`) as [string, string, string, string, string, string];
  const leap = `(${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0))`;
  const dim = `CASE ${mo} WHEN 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
  // Years below 100 mean 1900+ to Date.UTC; no export writes them, so they go to the validator.
  const valid = `${y} >= 100 AND ${mo} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${dim} AND ${h} <= 23 AND ${mi} <= 59 AND ${s} <= 59`;
  return `CASE WHEN ${valid} THEN epoch_ms(make_timestamp(${y}, ${mo}, ${d}, ${h}, ${mi}, ${s})) + ${p}.f + ${p}.off * 60000 END`;
}

/**
 * The steps from trimmed cell text `t` (a column name) to its local ms, NULL when
 * parseLocalTimestamp would refuse it. `own(j)` names step j's column, so each step is computed
 * once per cell: which shape it has (the ones DuckDB reads natively are cheaper than the
 * general regex), the regex's groups, their integers, the value.
 */
export function timestampSteps(t: string, own: (j: number) => string): string[] {
  const [form, groups, parts] = [own(0), own(1), own(2)];
  const tz = `${groups}.tz1`;
  const offset = `CASE WHEN ${tz} = '' THEN 0 WHEN upper(${tz}) = 'Z' THEN 480 ELSE 480 - (CASE WHEN left(${tz}, 1) = '-' THEN -1 ELSE 1 END) * (CAST(substr(replace(${tz}, ':', ''), 2, 2) AS BIGINT) * 60 + CAST(substr(replace(${tz}, ':', ''), 4, 2) AS BIGINT)) END`;
  const frac = `CASE WHEN ${groups}.f1 = '' THEN 0 ELSE CAST(rpad(left(${groups}.f1, 3), 3, '0') AS BIGINT) END`;
  const serial = `TRY_CAST(${t} AS DOUBLE)`;
  return [
    // -1: empty; 1–3: shapes DuckDB reads natively (most exports); 0: the rest, through the general regex.
    `CASE WHEN ${t} IS NULL THEN -1 WHEN regexp_full_match(${t}, ${lit(CANONICAL)}) THEN 1 WHEN regexp_full_match(${t}, ${lit(SLASH)}) THEN 2
      WHEN regexp_full_match(${t}, ${lit(CANONICAL_LOCAL)}) THEN 3 ELSE 0 END`,
    `CASE WHEN ${form} = 0 THEN regexp_extract(${t}, ${lit(PATTERN)}, [${GROUPS.map(lit).join(', ')}]) END`,
    `CASE WHEN ${form} = 0 THEN struct_pack(y := ${part(groups, 'y', 'NULL')}, mo := ${part(groups, 'mo', 'NULL')}, d := ${part(groups, 'd', 'NULL')},
      h := ${part(groups, 'h', '0')}, mi := ${part(groups, 'mi', '0')}, s := ${part(groups, 's', '0')}, f := ${frac}, off := ${offset}) END`,
    `CASE ${form}
      WHEN 1 THEN epoch_ms(TRY_CAST(${t} AS TIMESTAMP))
      WHEN 2 THEN epoch_ms(try_strptime(${t}, ${SLASH_FORMATS}))
      WHEN 3 THEN epoch_ms(TRY_CAST(regexp_replace(${t}, '\\+08:?00$', '') AS TIMESTAMP))
      WHEN 0 THEN CASE WHEN regexp_full_match(${t}, ${lit(`${D}{5}(\\.${D}+)?`)})
        THEN CASE WHEN ${serial} BETWEEN 20000 AND 80000 THEN ${EXCEL_EPOCH_MS} + CAST(round(${serial} * ${DAY_MS}.0 / 1000.0) AS BIGINT) * 1000 END
        ELSE ${fromParts(parts)} END END`,
  ];
}

/** The start of the local day of ms expression `v` (floor, also before 1970). */
export const startOfDaySql = (v: string) => `(${v}) - ((((${v}) % ${DAY_MS}) + ${DAY_MS}) % ${DAY_MS})`;
