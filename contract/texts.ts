// Catalog data in the dashboard's languages: offers and report schedules carry their own words (in whatever
// language the studio wrote them) and, per language code, the words to show a user of that language instead.
import type { ReportLang } from './enums.ts';

/** Per language, the record's fields in that language; a missing or empty text falls back to the record's own words. */
export type LocalTexts<F extends string> = Partial<Record<ReportLang, Partial<Record<F, string>>>>;

/** A field of a record in a language: its text for that language when it has one, else the record's own. */
export const localWord = <F extends string>(o: Partial<Record<F, string>> & { texts?: LocalTexts<F> }, field: F, lang: ReportLang): string =>
  o.texts?.[lang]?.[field] || o[field] || '';
