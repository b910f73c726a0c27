import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRIC_DEFINITIONS, METRIC_KEYS, metricText } from '../../contract/metricDefinitions.ts';
import { README, metricsTable, readmeWithMetrics } from '../../scripts/metricsDoc.ts';

describe('the metric definitions', () => {
  it("are the README's metrics table (run `npm run docs:metrics` after changing a definition)", () => {
    const readme = readFileSync(README, 'utf8');
    expect(readmeWithMetrics(readme)).toBe(readme);
    expect(readme).toContain(metricsTable());
  });

  it('give every metric a name, one sentence, a window and a unit in both languages', () => {
    for (const key of METRIC_KEYS) {
      for (const lang of ['en', 'zh'] as const) {
        const m = metricText(key, lang);
        for (const part of [m.name, m.definition, m.window, m.unit]) expect(part.trim(), `${key} ${lang}`).not.toBe('');
        // One sentence: a single full stop, at the end.
        expect(m.definition, `${key} ${lang}`).toMatch(lang === 'en' ? /[^.]\.$/ : /。$/);
        expect(m.definition.slice(0, -1), `${key} ${lang}`).not.toMatch(lang === 'en' ? /\.\s/ : /。/);
      }
      // The Chinese text is a translation, not a copy (names such as ARPU may stay as they are).
      expect(METRIC_DEFINITIONS[key].definition.zh).not.toBe(METRIC_DEFINITIONS[key].definition.en);
    }
  });

  it('fail the README check when a definition changes', () => {
    const readme = readFileSync(README, 'utf8');
    const edited = readme.replace(metricText('revenue', 'en').definition, 'Money, somehow.');
    expect(edited).not.toBe(readme);
    expect(readmeWithMetrics(edited)).not.toBe(edited);
  });
});
