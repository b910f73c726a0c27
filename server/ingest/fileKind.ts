import path from 'node:path';

/** What an input file holds: player activity (sessions, payments) or the optional friend links. */
export type EventKind = 'sessions' | 'payments' | 'friends';
/** Kinds whose rows are activity: they feed player_daily and the stage snapshots; friend links feed neither. */
export const ACTIVITY_KINDS: ReadonlySet<EventKind> = new Set(['sessions', 'payments']);
export type FileFormat = 'ndjson' | 'csv';

export interface InboxFile {
  kind: EventKind;
  format: FileFormat;
  gzip: boolean;
}

const NAME = /^(payments|sessions|friends)[^/]*\.(ndjson|jsonl|csv)(\.gz)?$/i;
/**
 * The names a writer gives a file it has not finished (README, "How game servers should write files"):
 * never loaded, whatever the rest of the name says, so a change of NAME cannot let half a file in.
 */
const BEING_WRITTEN = /^\.|\.(part|tmp)$/i;

/** A name under which a writer keeps a file it has not finished (a temporary or hidden name). */
export const isBeingWritten = (name: string): boolean => BEING_WRITTEN.test(name);

/** What a dropped file holds, from its name (DESIGN section 4); null for files the ingester ignores. */
export function classifyFile(filePath: string): InboxFile | null {
  const name = path.basename(filePath);
  const m = isBeingWritten(name) ? null : NAME.exec(name);
  if (!m) return null;
  const ext = m[2].toLowerCase();
  return {
    kind: m[1].toLowerCase() as EventKind,
    format: ext === 'csv' ? 'csv' : 'ndjson',
    gzip: Boolean(m[3]),
  };
}
