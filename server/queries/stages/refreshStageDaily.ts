import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Snapshots the stage counts of one day (per server, stage, status, tier) and drops older snapshots of it. */
export async function refreshStageDay(db: Db, day: string): Promise<void> {
  const computedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await exec(
    db,
    `INSERT INTO stage_daily (day, server_id, stage, status, tier, players, spend_r, computed_at)
     SELECT {day:Date}, server_id, stage, status, tier, count(), sum(spend_r), {at:DateTime64(3)}
     FROM player_stage(as_of = {day:Date})
     GROUP BY server_id, stage, status, tier`,
    { day, at: computedAt },
  );
  await exec(db, `DELETE FROM stage_daily WHERE day = {day:Date} AND computed_at < {at:DateTime64(3)}`, { day, at: computedAt });
}
