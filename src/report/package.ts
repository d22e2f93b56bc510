/**
 * Aggregate packages: what a member company hands its association instead of its CSV exports.
 * A package carries the company's facts (model.ts: KPI results and grouped counts, unsuppressed,
 * no rows, ids or free text), its as-of time, the method version and a SHA-256 over all of it.
 * The hash detects a package changed after it was made (integrity, not authenticity: anyone can
 * make a package; an association that needs authenticity signs the file).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KPIS } from '../kpi/catalogue.ts';
import type { CompanyFacts } from './model.ts';

export const PACKAGE_FORMAT = 'hsq-aggregate-package/1';

/** Thrown for a package that cannot be used; the message names the file and the reason. */
export class PackageError extends Error {
  override name = 'PackageError';
}

/**
 * The method version: a hash of every KPI's computation (SQL, kind, unit, direction, sample floor;
 * not its labels), so packages computed by different definitions can never be mixed.
 */
export const METHOD_VERSION = createHash('sha256')
  .update(JSON.stringify(KPIS.map(({ label: _l, definition: _d, source: _s, ...k }) => k)))
  .digest('hex').slice(0, 16);

const nullableNumber = z.number().nullable();
const KpiResultSchema = z.object({
  id: z.string(), period: z.string(), value: nullableNumber, numerator: nullableNumber, denominator: nullableNumber, n: nullableNumber,
  target: nullableNumber, stretch: nullableNumber, met: z.boolean().nullable(), ci_low: nullableNumber, ci_high: nullableNumber,
  status: z.enum(['met', 'missed', 'insufficient', 'no_target', 'not_applicable', 'no_data']),
});
const CountRowSchema = z.object({ key: z.string(), received: z.number().int().min(0), closed: z.number().int().min(0) });
const text2 = z.object({ zh: z.string(), en: z.string() });
const FactsSchema = z.object({
  company: z.object({ name: z.string(), name_en: z.string() }).loose(),
  period: z.string(), partial: z.boolean(), as_of: z.string(), threshold: z.number().int().min(1),
  kpis: z.array(KpiResultSchema), trend: z.array(z.object({ period: z.string(), kpis: z.array(KpiResultSchema) })),
  complaints_by_category: z.array(CountRowSchema), complaints_by_branch: z.array(CountRowSchema),
  coverage: z.array(z.object({ dataset: z.string(), label: text2, rows_read: z.number(), rows_accepted: z.number(), rows_rejected: z.number(), rows_superseded: z.number(), files: z.number() })),
  rejects: z.number().int().min(0),
});
const PackageSchema = z.object({ format: z.literal(PACKAGE_FORMAT), method_version: z.string(), period: z.string(), as_of: z.string(), facts: FactsSchema, sha256: z.string() });
export type AggregatePackage = z.output<typeof PackageSchema>;

/** JSON with every object's keys sorted, so the hash does not depend on key order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
  ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  : x));

/** SHA-256 of everything in a package but the hash itself. */
const digest = (p: Record<string, unknown>): string => {
  const body = { ...p };
  delete body.sha256;
  return createHash('sha256').update(canonical(body)).digest('hex');
};

/** The package of a company's facts (`methodVersion` is for tests of a mismatch). */
export function makePackage(facts: CompanyFacts, methodVersion = METHOD_VERSION): AggregatePackage {
  const body = { format: PACKAGE_FORMAT, method_version: methodVersion, period: facts.period, as_of: facts.as_of, facts } as const;
  return { ...body, sha256: digest(body) };
}

/** Reads and checks a package (`file` names it in errors): format, shape, hash and method version. */
export function readPackage(text: string, file: string): CompanyFacts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PackageError(`${file}: not a JSON file (${(e as Error).message})`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== PACKAGE_FORMAT) throw new PackageError(`${file}: not an aggregate package of this tool (format ${JSON.stringify(format ?? null)}, expected ${PACKAGE_FORMAT})`);
  const parsed = PackageSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new PackageError(`${file}: ${i.path.join('.') || 'package'}: ${i.message}`);
  }
  const p = parsed.data;
  if (digest(json as Record<string, unknown>) !== p.sha256) throw new PackageError(`${file}: its content does not match its SHA-256: the package was changed after it was made; ask the company for a new one`);
  if (p.method_version !== METHOD_VERSION) {
    throw new PackageError(`${file}: made with method version ${p.method_version}, this tool computes version ${METHOD_VERSION}; both sides need the same version of the KPI definitions`);
  }
  if (p.facts.period !== p.period || p.facts.as_of !== p.as_of) throw new PackageError(`${file}: its period or as-of time disagrees with its facts`);
  return p.facts as CompanyFacts;
}

/** Refuses companies that cover different periods (each named with its source). */
export function checkSamePeriod(inputs: readonly { source: string; facts: CompanyFacts }[]): void {
  const first = inputs[0];
  for (const x of inputs) {
    if (first && x.facts.period !== first.facts.period) {
      throw new PackageError(`${x.source}: covers ${x.facts.period}, ${first.source} covers ${first.facts.period}; an association report compares one period`);
    }
  }
}
