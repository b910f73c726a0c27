import { IngestBusyError } from '../server/ingest/ingestRun.ts';
import { runIngestAndRefresh } from '../server/ingest/runAndRefresh.ts';
import type { Deps } from '../server/deps.ts';

/** Loads whatever the game servers dropped into the inbox, then archives it. */
export async function run(deps: Deps): Promise<void> {
  const { cfg, log } = deps;
  try {
    const s = await runIngestAndRefresh(deps, { paths: [cfg.inboxDir], source: 'cron', archiveDir: cfg.archiveDir });
    if (s.files.length === 0) return;
    log(
      `ingest: ${s.files.length} file(s), ${s.rowsLoaded} rows loaded, ${s.rowsQuarantined} quarantined, ` +
        `${s.rowsDuplicate} duplicates in ${s.seconds.toFixed(1)} s; ${s.stageDaysRefreshed} stage day(s) refreshed`,
    );
    for (const f of s.files.filter((x) => x.state === 'rejected')) log(`ingest: rejected ${f.file}: ${f.error}`);
  } catch (err) {
    if (err instanceof IngestBusyError) {
      log('ingest: previous run still in progress, skipping this tick');
      return;
    }
    throw err;
  }
}
