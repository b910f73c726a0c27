import path from 'node:path';

export type EventKind = 'sessions' | 'payments';
export type FileFormat = 'ndjson' | 'csv';

export interface InboxFile {
  kind: EventKind;
  format: FileFormat;
  gzip: boolean;
}

const NAME = /^(payments|sessions)[^/]*\.(ndjson|jsonl|csv)(\.gz)?$/i;

/** What a dropped file holds, from its name (DESIGN section 4); null for files the ingester ignores. */
export function classifyFile(filePath: string): InboxFile | null {
  const m = NAME.exec(path.basename(filePath));
  if (!m) return null;
  const ext = m[2].toLowerCase();
  return {
    kind: m[1].toLowerCase() as EventKind,
    format: ext === 'csv' ? 'csv' : 'ndjson',
    gzip: Boolean(m[3]),
  };
}
