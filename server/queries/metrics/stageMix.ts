import type { StageCountRow } from '../stages/stageCounts.ts';

/** One cell of a stage mix: its players and the recent spend of each row folded into it (summed by the caller's money helper). */
export interface StageMixCell {
  players: number;
  spend: string[];
}

/** A day's stage counts folded into the active base: cells by key, lost players apart, the base's total. */
export interface StageMixFold {
  cells: Map<string, StageMixCell>;
  lost: number;
  total: number;
}

/** The cell keys the mix is folded by: a stage, or a stage and its decline status. */
export const STAGE_MIX_KEY = {
  stage: (r: Pick<StageCountRow, 'stage'>) => r.stage,
  stageStatus: (r: Pick<StageCountRow, 'stage' | 'status'>) => `${r.stage}|${r.status}`,
} as const;

/**
 * The one stage-mix fold of the Overview and the reports: lost players
 * (idle beyond the horizon) have left the active base, so they are counted
 * apart and stay out of every cell and of the total.
 */
export function foldStageMix(rows: readonly StageCountRow[], by: keyof typeof STAGE_MIX_KEY): StageMixFold {
  const key = STAGE_MIX_KEY[by];
  const cells = new Map<string, StageMixCell>();
  let lost = 0;
  let total = 0;
  for (const r of rows) {
    const players = Number(r.players);
    if (r.status === 'lost') {
      lost += players;
      continue;
    }
    total += players;
    const cell = cells.get(key(r)) ?? { players: 0, spend: [] };
    cell.players += players;
    cell.spend.push(r.revenue);
    cells.set(key(r), cell);
  }
  return { cells, lost, total };
}
