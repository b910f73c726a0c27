// POST /api/erasure: erasing players on request (admin).

/** Most ids one request may erase; a larger list is sent in several requests (`npm run erase` does). */
export const ERASURE_MAX_PLAYERS = 1000;

/** Longest player id accepted; the ingester stores longer ones, but no game issues them. */
export const PLAYER_ID_MAX_LENGTH = 256;

/** What can be wrong with a player id, and how the server says it. */
export const PLAYER_ID_PROBLEMS = {
  not_text: 'not text',
  blank: 'blank',
  spaces: 'spaces around the id',
  too_long: `longer than ${PLAYER_ID_MAX_LENGTH} characters`,
  control: 'control characters',
} as const;
export type PlayerIdProblem = keyof typeof PLAYER_ID_PROBLEMS;

/**
 * Why a player id is malformed, or null. The ingester keeps any field that is
 * not blank once its surrounding spaces are trimmed, so the same rule holds
 * here: text, not blank, no surrounding spaces (they are trimmed on ingest, so
 * such an id is never stored), no control characters (a pasted line break).
 */
export function playerIdProblem(id: unknown): PlayerIdProblem | null {
  if (typeof id !== 'string') return 'not_text';
  if (id.trim() === '') return 'blank';
  if (id !== id.trim()) return 'spaces';
  if (id.length > PLAYER_ID_MAX_LENGTH) return 'too_long';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rule refuses
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'control';
  return null;
}

/** A list of ids as typed or read from a file, one per line: spaces around a line dropped, blank lines skipped, repeats once. */
export interface IdList {
  ids: string[];
  /** line: from 1. */
  bad: { line: number; problem: PlayerIdProblem }[];
}

export function parseIdList(text: string): IdList {
  const ids: string[] = [];
  const bad: IdList['bad'] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw.trim();
    if (id === '') return;
    const problem = playerIdProblem(id);
    if (problem) bad.push({ line: i + 1, problem });
    else if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  });
  return { ids, bad };
}

/** POST /api/erasure */
export interface ErasureRequest {
  players: string[];
}

/** Body of the 400 answer to a list with malformed ids: nothing was erased. */
export interface ErasureRefusal {
  error: string;
  code: 'erasure_bad_ids' | 'erasure_empty' | 'erasure_too_many';
  /** index: position in the list, from 0; id: its first 80 characters. */
  bad: { index: number; id: string; problem: PlayerIdProblem }[];
}

/** Rows of the erased players in one table, before the erasure and after it. */
export interface ErasureTableCount {
  table: string;
  before: number;
  after: number;
  /** Rows still on disk (deleted for readers but not yet merged away); 0 once physically removed. */
  onDisk: number;
}

/** A stored file rewritten without the erased players. */
export interface ErasureFileChange {
  kind: 'report' | 'archive';
  /** Relative to the reports directory or the archive. */
  path: string;
  /** Lines (CSV, NDJSON), objects (JSON) or mentions (HTML) taken out. */
  removed: number;
}

/** The steps of an erasure, in order, as the command line prints them; the last is one of the final two. */
export const ERASURE_STEPS = {
  counted: 'counted rows',
  deny_list: 'deny list updated',
  deleted: 'deleted for readers',
  merged: 'deleted rows merged away',
  reports: 'report files redacted',
  archive: 'archive redacted',
  physically_removed: 'physically removed',
  cleanup_pending: 'old parts still on disk: the engine removes them at its next cleanup',
} as const;
export type ErasureStepName = keyof typeof ERASURE_STEPS;

export interface ErasureStep {
  step: ErasureStepName;
  /** Since the step before. */
  seconds: number;
}

export interface ErasureResult {
  /** Distinct ids erased (now on the deny list). */
  players: number;
  tables: ErasureTableCount[];
  files: ErasureFileChange[];
  /** True when no row of theirs is left on disk: deleted rows merged away and the old parts removed. */
  physicallyRemoved: boolean;
  steps: ErasureStep[];
  seconds: number;
}
