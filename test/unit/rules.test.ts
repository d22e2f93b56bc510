import { describe, expect, it } from 'vitest';
import { duckdbForTests } from '../helpers.ts';
import { emptyWhen, notAfterAsOf, notBefore, requiredWhen, ruleIssues, type RowRule } from '../../src/datasets/rules.ts';
import { DATASETS } from '../../src/datasets/registry.ts';
import { ident, lit } from '../../src/lib/sql-text.ts';

// Each case: a row, then the columns of the issues check() must find (in order); the rule's SQL
// must be true exactly when that list is empty. As-of limit: 100.
type Row = Record<string, number | string | boolean | null>;
const CASES: [string, RowRule, Row, (string | null)[]][] = [
  ['later after earlier', notBefore('b', 'a'), { a: 1, b: 2 }, []],
  ['equal is not before', notBefore('b', 'a'), { a: 5, b: 5 }, []],
  ['later before earlier', notBefore('b', 'a'), { a: 2, b: 1 }, ['b']],
  ['earlier missing', notBefore('b', 'a'), { a: null, b: 1 }, []],
  ['later missing', notBefore('b', 'a'), { a: 1, b: null }, []],
  ['at the limit', notAfterAsOf('x', 'y'), { x: 100, y: null }, []],
  ['one past the limit', notAfterAsOf('x', 'y'), { x: 101, y: 50 }, ['x']],
  // Both past it: one issue per column, in the rule's column order.
  ['both past the limit', notAfterAsOf('x', 'y'), { x: 200, y: 101 }, ['x', 'y']],
  ['condition met, value missing', requiredWhen('c', { column: 's', equals: 'done' }, 'm'), { s: 'done', c: null }, ['c']],
  ['condition met, value given', requiredWhen('c', { column: 's', equals: 'done' }, 'm'), { s: 'done', c: 7 }, []],
  ['other status', requiredWhen('c', { column: 's', equals: 'done' }, 'm'), { s: 'open', c: null }, []],
  ['no status', requiredWhen('c', { column: 's', equals: 'done' }, 'm'), { s: null, c: null }, []],
  ['false condition met, value given', emptyWhen('p', { column: 'a', equals: false }, 'm'), { a: false, p: true }, ['p']],
  ['false condition met, value empty', emptyWhen('p', { column: 'a', equals: false }, 'm'), { a: false, p: null }, []],
  ['condition true', emptyWhen('p', { column: 'a', equals: false }, 'm'), { a: true, p: false }, []],
  ['condition unknown', emptyWhen('p', { column: 'a', equals: false }, 'm'), { a: null, p: true }, []],
];

const sqlOf = (v: Row[string]) => (v === null ? 'NULL' : typeof v === 'string' ? lit(v) : String(v));

const duck = duckdbForTests();

describe('row rules', () => {
  it.each(CASES)('%s', async (_name, rule, row, expected) => {
    expect(rule.check(row, { asOfLimit: 100 }).map((i) => i.column)).toEqual(expected);
    const values = Object.entries(row).map(([c, v]) => `${sqlOf(v)} AS ${ident(c)}`).join(', ');
    const sql = `SELECT ${rule.sql((c) => ident(c), 'CAST($asof AS BIGINT)')} FROM (SELECT ${values})`;
    const [[ok]] = (await duck.conn.runAndReadAll(sql, sql.includes('$asof') ? { asof: '100' } : {})).getRows() as [[boolean]];
    expect(ok).toBe(expected.length === 0);
  });

  it('gathers the issues of all rules in order', () => {
    const rules = [notAfterAsOf('x'), notBefore('b', 'a')];
    expect(ruleIssues(rules, { x: 101, a: 2, b: 1 }, { asOfLimit: 100 })).toEqual([
      { column: 'x', message: 'x is after the as-of time' },
      { column: 'b', message: 'b is before a' },
    ]);
    expect(ruleIssues(rules, { x: 1, a: 1, b: 2 }, { asOfLimit: 100 })).toEqual([]);
  });

  it('only reads columns each dataset has', () => {
    for (const d of DATASETS) for (const r of d.rules) for (const c of r.columns) expect(Object.keys(d.columns)).toContain(c);
  });
});
