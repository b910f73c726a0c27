import type { AuditBreak, AuditVerify } from '../../contract/audit.ts';
import type { Db } from '../db/client.ts';
import { auditChainPage } from '../queries/audit/auditChainPage.ts';
import type { AuditRecord } from '../queries/audit/appendAudit.ts';
import { entryHash } from './chain.ts';
import { readHead, type AuditHead } from './head.ts';

const PAGE = 5000;

const broken = (entries: number, seq: number, reason: AuditBreak, message: string): AuditVerify => ({
  intact: false,
  entries,
  brokenAt: { seq, reason, message },
});

/** The first thing wrong with `row` given the entry before it (null for the first), or null when it links up. */
function checkLink(row: AuditRecord, prev: AuditRecord | null): { seq: number; reason: AuditBreak; message: string } | null {
  const expected = (prev?.seq ?? 0) + 1;
  if (row.seq < expected)
    return { seq: row.seq, reason: 'out_of_order', message: `entry ${row.seq} comes after entry ${expected - 1}: an entry was inserted or reordered` };
  if (row.seq > expected)
    return {
      seq: expected,
      reason: 'missing',
      message: row.seq === expected + 1 ? `entry ${expected} is missing` : `entries ${expected} to ${row.seq - 1} are missing`,
    };
  // Stored times read back in the engine's format; the hash was taken over the ISO text of the same instant.
  const record = { ...row, at: new Date(row.at).toISOString() };
  const { hash: _stored, ...fields } = record;
  if (entryHash(fields) !== row.hash) return { seq: row.seq, reason: 'edited', message: `entry ${row.seq} was changed after it was written` };
  if (row.prev_hash !== (prev?.hash ?? ''))
    return { seq: row.seq, reason: 'relinked', message: `entry ${row.seq} does not link to entry ${expected - 1}: an entry was replaced or inserted` };
  return null;
}

/** The break the head anchor shows once the whole chain has been read, or null. */
function checkHead(
  head: AuditHead | null,
  last: AuditRecord | null,
  anchored: string | undefined,
): { seq: number; reason: AuditBreak; message: string } | null {
  if (!head) return last ? { seq: last.seq, reason: 'head_mismatch', message: 'the head anchor (DATA_DIR/audit.head) is missing or unreadable' } : null;
  const lastSeq = last?.seq ?? 0;
  if (lastSeq < head.seq)
    return {
      seq: lastSeq + 1,
      reason: 'head_missing',
      message: `the trail ends at entry ${lastSeq} but the head anchor names entry ${head.seq}: the latest entries were deleted`,
    };
  // A trail longer than its anchor is an anchor write that failed after its row was stored; the entry it names must still match.
  if (anchored !== head.hash) return { seq: head.seq, reason: 'head_mismatch', message: `entry ${head.seq} is not the one the head anchor names` };
  return null;
}

/**
 * Reads the whole trail in seq order, page by page, recomputing every entry's
 * hash and its link to the one before, then checks the head anchor: intact
 * with the entry count, or the first broken entry and why.
 */
export async function verifyAudit(db: Db, pageSize = PAGE): Promise<AuditVerify> {
  const head = readHead(db.dataDir);
  let prev: AuditRecord | null = null;
  let entries = 0;
  let anchored: string | undefined;
  for (let after = { seq: 0, hash: '' }; ; ) {
    const page = await auditChainPage(db, after, pageSize);
    for (const row of page) {
      const fault = checkLink(row, prev);
      if (fault) return broken(entries, fault.seq, fault.reason, fault.message);
      if (row.seq === head?.seq) anchored = row.hash;
      entries++;
      prev = row;
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1] as AuditRecord;
    after = { seq: last.seq, hash: last.hash };
  }
  const fault = checkHead(head, prev, anchored);
  return fault ? broken(entries, fault.seq, fault.reason, fault.message) : { intact: true, entries };
}
