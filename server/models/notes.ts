/**
 * What the models say of their fits, runs and checks: a code and its values
 * (ModelNote) that the dashboard words in the user's language, and the
 * English message kept beside it for logs and API clients.
 */
import type { ModelNote, ModelNoteCode } from '../../contract/models.ts';

const ENGLISH: Record<ModelNoteCode, string> = {
  converged: 'converged',
  no_stable_maximum: 'no stable maximum after {iterations} iterations',
  runs_off: '{param} = {value} runs off to {to}: the data cannot pin it down',
  mean_spend_infinite: 'q = {q} <= 1: the population mean spend is infinite',
  too_few_players: '{players} players, at least {min} needed',
  too_few_repeaters: '{repeaters} players with a repeat transaction, at least {min} needed',
  too_few_repeat_payers: '{players} payers with a repeat transaction, at least {min} needed',
  cohort_too_small: 'a cohort of {players}, at least {min} needed',
  no_data: 'no data yet',
  no_players: 'no player with a transaction up to {asOf}: nothing to fit',
  no_payers: 'no payer with a transaction up to {asOf}: nothing to fit',
  scored: '{players} players scored',
  error: 'error: {error}',
  fit_unusable: '{model}: {status}',
  segments_need_snapshots: 'segment CLV needs stage snapshots {days} days apart; snapshots cover {first}..{last}',
};

/** The English wording of a note, its cause after a colon. */
export function noteMessage(note: ModelNote): string {
  const word = (v: string | number) => (typeof v === 'number' ? v.toLocaleString('en') : v);
  const own = ENGLISH[note.code].replace(/\{(\w+)\}/g, (m, name: string) => (name in note.values ? word(note.values[name]) : m));
  return note.cause ? `${own}: ${noteMessage(note.cause)}` : own;
}

/** A note and its English message, to spread into a fit, run or check. */
export function noted(code: ModelNoteCode, values: ModelNote['values'] = {}, cause?: ModelNote): { note: ModelNote; message: string } {
  const note: ModelNote = cause ? { code, values, cause } : { code, values };
  return { note, message: noteMessage(note) };
}
