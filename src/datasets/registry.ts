/**
 * The one list of datasets. Order matters: a dataset comes after those it references,
 * so references can be checked in one pass.
 */
import type { Dataset, DatasetName } from './define.ts';
import { orders } from './orders.ts';
import { surveys } from './surveys.ts';
import { complaints } from './complaints.ts';
import { staff } from './staff.ts';
import { trainings } from './trainings.ts';
import { staffSurveys } from './staff-surveys.ts';
import { inspections } from './inspections.ts';
import { incidents } from './incidents.ts';

export const DATASETS: readonly Dataset[] = [
  orders, staff, surveys, complaints, trainings, staffSurveys, inspections, incidents,
] as unknown as readonly Dataset[];

const BY_NAME = new Map(DATASETS.map((d) => [d.name, d]));

/** The dataset called `name`; throws on an unknown name. */
export function datasetByName(name: DatasetName | string): Dataset {
  const d = BY_NAME.get(name as DatasetName);
  if (!d) throw new Error(`unknown dataset: ${name} (known: ${DATASETS.map((x) => x.name).join(', ')})`);
  return d;
}

export type { Dataset, DatasetName } from './define.ts';
