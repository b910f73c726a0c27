import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The head anchor: the latest entry's seq and hash, kept in DATA_DIR/audit.head
 * beside the engine and rewritten after every append. The chain alone cannot
 * show that its last entries were deleted (what remains still links up); the
 * anchor can, since it names an entry the table must still end with. Someone
 * able to rewrite both the table and this file is out of its reach; keeping a
 * copy of the file elsewhere (a backup, a log shipper) closes that too.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const headFile = (dataDir: string) => path.join(dataDir, 'audit.head');

/** Replaces the anchor in one rename, so a reader never sees half a file. */
export function writeHead(dataDir: string, head: AuditHead): void {
  const file = headFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  // With a remote engine nothing else may have made DATA_DIR yet.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(tmp, `${JSON.stringify(head)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The anchor, or null when there is none (no entry was ever appended in this data directory) or it is unreadable. */
export function readHead(dataDir: string): AuditHead | null {
  const file = headFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<AuditHead>;
    return typeof h.seq === 'number' && typeof h.hash === 'string' ? { seq: h.seq, hash: h.hash } : null;
  } catch {
    return null;
  }
}
