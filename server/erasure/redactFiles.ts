import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ErasureFileChange } from '../../contract/erasure.ts';
import { classifyFile, type InboxFile } from '../ingest/fileKind.ts';
import { redactHtml, redactJson, redactLines, type IsErased, type Redacted } from './redactText.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Replaces a file's bytes in one rename, so a reader sees the old file or the new one. */
function replaceFile(file: string, bytes: Buffer): void {
  const tmp = `${file}.erasure-tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** An archived input file as the ingester names it; a name clash in the archive got a `<ms>-` prefix. */
export const archivedKind = (file: string): InboxFile | null => classifyFile(path.basename(file).replace(/^\d+-/, ''));

export interface ArchiveChange extends ErasureFileChange {
  /** sha256 of the file before and after: the ingest ledger is keyed by the first. */
  hashBefore: string;
  hashAfter: string;
}

/** Rewrites one archived input file without the erased players' rows; null when it named none. */
export function redactArchivedFile(
  file: string,
  isErased: IsErased,
  ids: readonly string[] = [],
): (Redacted & { hashBefore: string; hashAfter: string }) | null {
  const info = archivedKind(file);
  if (!info) return null;
  const bytes = readFileSync(file);
  const r = redactLines((info.gzip ? gunzipSync(bytes) : bytes).toString('utf8'), info.format, isErased, ids);
  if (r.removed === 0) return null;
  const plain = Buffer.from(r.text, 'utf8');
  const out = info.gzip ? gzipSync(plain) : plain;
  replaceFile(file, out);
  return { ...r, hashBefore: sha256(bytes), hashAfter: sha256(out) };
}

/** Every input file kept in the archive (done and rejected ones), rewritten without the erased players. */
export function redactArchive(archiveDir: string, isErased: IsErased, ids: readonly string[]): ArchiveChange[] {
  const out: ArchiveChange[] = [];
  for (const file of filesUnder(archiveDir)) {
    const r = redactArchivedFile(file, isErased, ids);
    if (r) out.push({ kind: 'archive', path: path.relative(archiveDir, file), removed: r.removed, hashBefore: r.hashBefore, hashAfter: r.hashAfter });
  }
  return out;
}

/** Every stored report file (HTML, CSV, JSON), rewritten without the erased players. */
export function redactReports(reportsDir: string, ids: readonly string[]): ErasureFileChange[] {
  const set = new Set(ids);
  const isErased: IsErased = (v) => set.has(v);
  const out: ErasureFileChange[] = [];
  for (const file of filesUnder(reportsDir)) {
    const ext = path.extname(file).toLowerCase();
    if (!['.csv', '.json', '.html'].includes(ext)) continue;
    const text = readFileSync(file, 'utf8');
    let r: Redacted;
    try {
      r = ext === '.csv' ? redactLines(text, 'csv', isErased, ids) : ext === '.json' ? redactJson(text, isErased) : redactHtml(text, ids);
    } catch {
      // Not JSON after all: treat it as text, mentions only.
      r = redactHtml(text, ids);
    }
    if (r.removed === 0) continue;
    replaceFile(file, Buffer.from(r.text, 'utf8'));
    out.push({ kind: 'report', path: path.relative(reportsDir, file), removed: r.removed });
  }
  return out;
}

/** Size and sha256 of a stored file now, for the report-run record. */
export function fileFacts(file: string): { bytes: number; sha256: string } | null {
  if (!existsSync(file)) return null;
  const b = readFileSync(file);
  return { bytes: b.length, sha256: sha256(b) };
}
