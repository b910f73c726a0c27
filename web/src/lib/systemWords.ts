// What the dashboard itself writes on the versions it saves (the seeded stage rules and offer catalog: author
// "system" and a fixed note) is the product's wording, not a user's: shown in the user's language. Notes and
// authors that people write are shown as they wrote them.
import { t, type MessageKey } from './i18n.ts';

export const SYSTEM_AUTHOR = 'system';

/** The fixed notes of system versions (sql/005, sql/030, server/offers/catalog.ts) and their message keys. */
export const SYSTEM_NOTES: Readonly<Record<string, MessageKey>> = {
  'DESIGN section 6 defaults': 'system.note.rulesDefaults',
  'DESIGN section 6 defaults, lost after 60 idle days': 'system.note.rulesDefaultsLost60',
  'default catalog (DESIGN section 1)': 'system.note.defaultCatalog',
};

export const authorText = (author: string): string => (author === SYSTEM_AUTHOR ? t('system.author') : author);

export const noteText = (v: { author: string; note: string }): string => {
  const key = v.author === SYSTEM_AUTHOR ? SYSTEM_NOTES[v.note] : undefined;
  return key ? t(key) : v.note;
};
