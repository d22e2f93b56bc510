/**
 * A tiny company whose KPIs are worked out by hand in kpi.test.ts. Period of interest: 2026-Q3
 * = [2026-07-01 00:00, 2026-10-01 00:00); as-of 2026-10-10 12:00.
 */
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { silentEffects, tempDir, writeFiles } from '../helpers.ts';

export const AS_OF = '2026-10-10 12:00';

export const FILES = {
  'orders.csv': [
    'order_id,customer_id,is_member,branch,service_type,staff_id,ordered_at,completed_at,status,callback_at',
    'O1,C1,是,A店,daily_cleaning,S1,2026-07-01 08:00,2026-07-01 12:00,completed,2026-07-04 12:00', // callback exactly 72 h
    'O2,C2,否,A店,daily_cleaning,S1,2026-07-10 09:00,2026-07-10 11:00,completed,2026-07-13 11:01', // 72 h 1 min
    'O3,C3,是,B店,maternity_nurse,S2,2026-08-01 09:00,2026-09-15 10:00,completed,', // member, no callback
    'O4,C4,否,B店,daily_cleaning,S2,2026-09-20 09:00,2026-10-02 10:00,completed,', // completed in Q4
    'O5,C5,否,A店,daily_cleaning,,2026-06-20 09:00,2026-06-30 23:59,completed,', // completed in Q2
    'O6,C6,否,A店,daily_cleaning,S1,2026-07-05 09:00,,cancelled,',
  ].join('\n'),
  'surveys.csv': [
    'survey_id,order_id,submitted_at,overall,quality,punctuality',
    'V1,O1,2026-07-02 10:00,5,5,4',
    'V2,O1,2026-07-03 10:00,3,2,',
    'V3,O2,2026-07-11 10:00,4,4,4',
    'V4,O5,2026-07-01 00:00,2,,', // Q3 survey of a Q2 order
    'V5,O4,2026-10-01 00:00,5,,', // first instant of Q4
  ].join('\n'),
  'complaints.csv': [
    'complaint_id,order_id,branch,staff_id,received_at,first_response_at,closed_at,status,category',
    'K1,O1,A店,S1,2026-07-02 10:00,2026-07-03 10:00,2026-07-04 10:00,closed,punctuality', // 24 h / 48 h exactly
    'K2,O2,A店,S1,2026-07-15 10:00,2026-07-16 10:01,2026-07-20 10:00,closed,punctuality',
    'K3,O3,B店,S2,2026-09-30 20:00,,,open,attitude',
    'K4,,B店,,2026-06-30 23:00,2026-07-01 01:00,2026-07-01 02:00,closed,price', // Q2
    'K5,O2,A店,S1,2026-08-10 08:00,2026-08-10 09:00,2026-10-05 08:00,closed,service_quality', // closed after Q3, before as-of
  ].join('\n'),
  'staff.csv': [
    'staff_id,branch,hired_at,left_at,background_check_at,birth_date,gender',
    'S1,A店,2025-01-01,,2024-12-20,1980-05-01,female',
    'S2,B店,2026-08-15,,2026-09-16,1970-01-15,female', // checked after first completed order (O3, 09-15)
    'S3,A店,2024-06-01,2026-08-31,2024-05-01,1990-03-03,female',
    'S4,A店,2026-07-01,,2026-06-25,2009-01-01,male', // 17 at 2026-09-30
    'S5,B店,2023-01-01,2026-06-30,2022-12-01,1965-09-30,female', // 61 on 2026-09-30
    'S6,A店,2026-10-05,,2026-10-01,1995-01-01,female',
  ].join('\n'),
  'trainings.csv': [
    'staff_id,trained_at,topic,assessed,passed',
    'S1,2026-02-01,skills,是,合格',
    'S1,2026-08-01,safety,是,不合格',
    'S1,2025-12-31,ethics,否,',
    'S2,2026-09-01,ethics,否,',
    'S3,2026-03-01,skills,否,',
    'S3,2026-07-15,etiquette,是,合格',
    'S5,2026-01-10,safety,否,',
    'S5,2026-05-10,skills,否,',
    'S4,2026-10-02,skills,否,',
  ].join('\n'),
};

/** Ingests the fixture into a temp folder and returns the data dir. */
export async function ingestFixture(files: Record<string, string> = FILES): Promise<string> {
  const d = await tempDir('hsq-kpi-');
  await writeFiles(join(d, 'in'), files);
  await ingest({ inDir: join(d, 'in'), outDir: join(d, 'out'), asOf: AS_OF, salt: 's' }, silentEffects());
  return join(d, 'out');
}
