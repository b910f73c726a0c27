import { existsSync } from 'node:fs';
import type { IngestRequest, IngestResult } from '../../contract/ingest.ts';
import type { Deps } from '../deps.ts';
import { invalid } from '../domainError.ts';
import { runIngestAndRefresh } from './runAndRefresh.ts';

/** A run asked for over the API: the files are read from this machine's disk, so a missing path is the caller's mistake. */
export async function ingestFromApi(deps: Pick<Deps, 'db' | 'ingester' | 'cfg'>, req: IngestRequest): Promise<IngestResult> {
  const missing = req.paths.find((p) => !existsSync(p));
  if (missing) throw invalid(`no such file or directory: ${missing}`);
  return runIngestAndRefresh(deps, { paths: req.paths, source: 'api' });
}
