import type { ReportLang } from '../../contract/enums.ts';
import type { Db } from '../../server/db/client.ts';
import { writeRun } from '../../server/queries/reportRuns/writeRun.ts';

export interface Claim {
  runId: string;
  scheduleId: string;
  scheduleVersion: number;
  windowFrom: string;
  windowTo: string;
  lang: ReportLang;
}

/** The row a scheduler in another process leaves while it runs a window: a claim that blocks the same window here. */
export function writeRunningClaim(db: Db, claim: Claim): Promise<void> {
  return writeRun(db, {
    ...claim,
    trigger: 'schedule',
    firedAt: null,
    options: '{}',
    state: 'running',
    startedAt: null,
    finishedAt: null,
    error: '',
    outputDir: '',
    files: '[]',
  });
}
