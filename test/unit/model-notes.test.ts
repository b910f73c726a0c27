import { describe, expect, it } from 'vitest';
import { MODEL_NOTE_CODES, type ModelNote } from '../../contract/models.ts';
import { fitBgNbd } from '../../server/models/bgnbd.ts';
import { noted, noteMessage } from '../../server/models/notes.ts';
import { modelNoteText } from '../../web/src/lib/modelNote.ts';

/** A value for every placeholder a note may carry. */
const VALUES = {
  iterations: 500,
  param: 'beta',
  value: '9.99e+5',
  to: 'infinity',
  q: '0.800',
  players: 12345,
  repeaters: 3,
  min: 30,
  asOf: '2026-03-31',
  error: 'Code: 241. Memory limit exceeded',
  model: 'BG/NBD',
  status: 'degenerate',
  days: 30,
  first: '2026-03-01',
  last: '2026-03-20',
};

describe('model notes', () => {
  it('words every code in English on the server and in both languages on the dashboard, every placeholder filled', () => {
    for (const code of MODEL_NOTE_CODES) {
      const note: ModelNote = { code, values: VALUES };
      for (const text of [noteMessage(note), modelNoteText(note, 'fallback', 'en'), modelNoteText(note, 'fallback', 'zh')]) {
        expect(text, code).not.toMatch(/\{\w+\}/);
        expect(text, code).not.toBe('fallback');
      }
      expect(modelNoteText(note, '', 'zh'), code).toMatch(/\p{Script=Han}/u);
    }
  });

  it('gives a run whose fit is unusable the model, its status and the fit’s own reason', () => {
    const fit = noted('runs_off', { param: 'b', value: '1.00e+6', to: 'infinity' }).note;
    const run = noted('fit_unusable', { model: 'BG/NBD', status: 'degenerate' }, fit);
    expect(run.message).toBe('BG/NBD: degenerate: b = 1.00e+6 runs off to infinity: the data cannot pin it down');
    expect(modelNoteText(run.note, run.message, 'en')).toBe('BG/NBD: Degenerate fit: b = 1.00e+6 runs off to infinity: the data cannot pin it down');
    expect(modelNoteText(run.note, run.message, 'zh')).toBe('BG/NBD：拟合退化：b = 1.00e+6 趋于无穷大：数据无法确定该参数');
  });

  it('formats counts and days for the reader', () => {
    expect(modelNoteText({ code: 'scored', values: { players: 1234567 } }, '', 'en')).toBe('1,234,567 players scored');
    expect(modelNoteText({ code: 'no_payers', values: { asOf: '2026-03-31' } }, '', 'zh')).toBe('截至 2026年3月31日 没有有交易的付费玩家：无可拟合');
  });

  it('notes a fit with too little data with its counts', () => {
    const fit = fitBgNbd([{ x: 1, t_x: 2, T: 10, n: 3 }]);
    expect(fit.status).toBe('too_few_players');
    expect(fit.note.code).toBe('too_few_players');
    expect(modelNoteText(fit.note, fit.message, 'zh')).toMatch(/^3 名玩家，至少需要 \d+ 名$/);
  });

  it('shows the message of a run recorded before notes existed, or of a code this build does not know', () => {
    expect(modelNoteText(null, 'old message', 'zh')).toBe('old message');
    expect(modelNoteText({ code: 'new_code' as never, values: {} }, 'newer message', 'zh')).toBe('newer message');
  });
});
