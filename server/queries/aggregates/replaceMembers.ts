import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';

/** Replaces the cohort rows of the players in cohort_members_fresh by their new ones. */
export async function replaceMembers(db: Db): Promise<void> {
  await exec(db, `DELETE FROM cohort_members WHERE player_id IN (SELECT player_id FROM cohort_members_fresh)`);
  await exec(db, `INSERT INTO cohort_members SELECT * FROM cohort_members_fresh`);
}
