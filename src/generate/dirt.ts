/** The deliberate mistakes of the sample, as listed in data-samples/README.md and checked by a test. */

/** One listed piece of dirt. `row` is the row the user sees (CSV line incl. header; Excel row). */
export interface Dirt {
  id: string;
  file: string;
  sheet: string | null;
  row: number;
  column: string;
  value: string;
  note: string;
}
