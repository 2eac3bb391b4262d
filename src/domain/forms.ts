/**
 * The side sheets of the fill-in forms (`yardstick template`): instructions and the unit list.
 * They carry no data, so a reader may skip them without a note.
 */
export const FORM_INSTRUCTIONS_SHEET = '填表说明';
export const FORM_UNITS_SHEET = '单位名单';
export const FORM_SIDE_SHEETS: readonly string[] = [FORM_INSTRUCTIONS_SHEET, FORM_UNITS_SHEET];
