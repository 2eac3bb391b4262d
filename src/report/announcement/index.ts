/**
 * The announcement draft (考核结果通报) that `report` writes beside index.html:
 * `考核结果通报.docx` in the Chinese folder, `announcement.docx` in the English one.
 */
import type { Lang } from '../labels.js';

export { announcementContent, gradeLists, type AnnouncementContent, type GradeList } from './announcement-content.js';
export { announcementDocx, announcementDocument } from './write-docx.js';

/** The announcement's file name in a report folder of `lang`. */
export const announcementFile = (lang: Lang): string => (lang === 'en' ? 'announcement.docx' : '考核结果通报.docx');
