/**
 * The company-editable configuration: targets, thresholds and bounds. Read once, checked with
 * zod, and every problem reported in one readable message.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const Target = z.object({
  target: z.number().nullable(),
  stretch: z.number().nullable().default(null),
}).strict();

export const ConfigSchema = z.object({
  company: z.object({ name: z.string().min(1), name_en: z.string().min(1) }).strict(),
  /** Per KPI id; unknown ids are refused so a typo does not silently keep the default. */
  targets: z.record(z.string(), Target).default({}),
  /** A survey scoring at least this counts as satisfied. */
  satisfied_threshold: z.number().int().min(1).max(5).default(4),
  /** Rates with a denominator below this are "insufficient data". */
  sample_floor: z.number().int().min(1).default(30),
  /** Public reports suppress cells whose count is 1..this. */
  suppression_threshold: z.number().int().min(1).default(10),
  /** Staff age eligibility (years, inclusive); female_max adds the seed's stricter bound for women. */
  age_bounds: z.object({ min: z.number().int().min(14), max: z.number().int().max(80), female_max: z.number().int().nullable().default(null) })
    .strict().refine((b) => b.min <= b.max, { message: 'min must not exceed max' }).default({ min: 18, max: 60, female_max: null }),
  /** Two complaints of one category against the same staff member or branch within this many days recur. */
  recurring_window_days: z.number().int().min(1).default(90),
}).strict();

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Turns zod issues into one message naming each bad path and value (Starlight's pattern). */
export function parseConfig(input: unknown, source: string, knownKpis: readonly string[]): Config {
  const r = ConfigSchema.safeParse(input);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration in ${source}:\n${lines.join('\n')}`);
  }
  const unknown = Object.keys(r.data.targets).filter((k) => !knownKpis.includes(k));
  if (unknown.length > 0) throw new ConfigError(`invalid configuration in ${source}:\n  - targets: unknown KPI id(s): ${unknown.join(', ')} (known: ${knownKpis.join(', ')})`);
  return r.data;
}

/** Reads and checks a JSON configuration file. */
export async function loadConfig(path: string, knownKpis: readonly string[]): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`configuration ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(json, path, knownKpis);
}

export const DEFAULT_CONFIG_PATH = 'data/quality.config.json';
