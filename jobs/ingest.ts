import { IngestBusyError } from '../server/ingest/ingestRun.ts';
import { runIngestAndRefresh } from '../server/ingest/runAndRefresh.ts';
import type { Deps } from '../server/deps.ts';

/** Loads whatever the game servers dropped into the inbox, then archives it. */
export async function run(deps: Deps): Promise<void> {
  const { cfg, log } = deps;
  try {
    const s = await runIngestAndRefresh(deps, { paths: [cfg.inboxDir], source: 'cron', archiveDir: cfg.archiveDir, settleSeconds: cfg.ingest.settleSeconds });
    if (s.growing.length > 0) log.info('ingest: files still being written, left in the inbox for the next tick', { files: s.growing });
    if (s.files.length === 0) return;
    log.info('ingest: inbox loaded', {
      files: s.files.length,
      rowsLoaded: s.rowsLoaded,
      rowsQuarantined: s.rowsQuarantined,
      rowsDuplicate: s.rowsDuplicate,
      seconds: Number(s.seconds.toFixed(1)),
      stageDaysRefreshed: s.stageDaysRefreshed,
    });
    for (const f of s.files.filter((x) => x.state === 'rejected')) log.warn('ingest: file rejected', { file: f.file, error: f.error });
  } catch (err) {
    if (err instanceof IngestBusyError) {
      log.info('ingest: previous run still in progress, skipping this tick');
      return;
    }
    throw err;
  }
}
