import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_NOTE } from '../../server/offers/catalog.ts';
import { translate } from '../../web/src/lib/i18n.ts';
import { SYSTEM_NOTES } from '../../web/src/lib/systemWords.ts';

describe('words the dashboard writes on its own versions', () => {
  it('has a message in both languages for every note the seeds write', () => {
    const sqlNotes = ['sql/005_lifecycle_config.sql', 'sql/030_lost_after_60_idle_days.sql'].flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/'(DESIGN section 6 defaults[^']*)'/g)].map((m) => m[1]),
    );
    expect(sqlNotes).toEqual(['DESIGN section 6 defaults', 'DESIGN section 6 defaults, lost after 60 idle days']);
    for (const note of [...sqlNotes, DEFAULT_CATALOG_NOTE]) {
      const key = SYSTEM_NOTES[note];
      expect(key, note).toBeDefined();
      expect(translate('zh', key)).toMatch(/\p{Script=Han}/u);
      expect(translate('en', key)).not.toBe('');
    }
  });
});
