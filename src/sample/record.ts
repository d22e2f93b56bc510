/** One generated record of the sample company (internal form: times as local ms), shared by the generators and writers. */
export type Val = string | number | boolean | null;
export type Rec = Record<string, Val>;
