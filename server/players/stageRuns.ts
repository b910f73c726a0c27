import type { StageRun } from '../../contract/players.ts';
import { addDays } from '../days.ts';
import type { StageDay } from '../queries/players/playerStageDays.ts';

/** Folds daily snapshots into runs of the same stage; a gap in the days ends a run. */
export function stageRuns(days: readonly StageDay[]): StageRun[] {
  const runs: StageRun[] = [];
  let prevDay = '';
  for (const d of days) {
    const stage = d.status === 'lost' ? 'lost' : d.stage;
    const last = runs.at(-1);
    if (last && last.stage === stage && prevDay && d.day === addDays(prevDay, 1)) last.to = d.day;
    else runs.push({ from: d.day, to: d.day, stage });
    prevDay = d.day;
  }
  return runs;
}
