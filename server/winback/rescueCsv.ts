import type { CsvOptions } from '../../contract/csv.ts';
import type { RescuePlayer, RescueQuery } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import { rescueDecisions } from './rescue.ts';

const columns = [
  column<RescuePlayer>('player_id', (p) => p.playerId),
  column<RescuePlayer>('server_id', (p) => p.serverId),
  column<RescuePlayer>('status', (p) => p.status),
  column<RescuePlayer>('tier', (p) => p.tier),
  column<RescuePlayer>('idle_days', (p) => p.idleDays),
  column<RescuePlayer>('lifetime_spend', (p) => p.lifetimeSpend),
  column<RescuePlayer>('p_alive', (p) => p.pAlive),
  column<RescuePlayer>('expected_clv', (p) => p.expectedClv),
  column<RescuePlayer>('clv_source', (p) => p.clvSource),
  column<RescuePlayer>('p_churn', (p) => p.pChurn),
  column<RescuePlayer>('value_if_kept', (p) => p.valueIfKept),
  column<RescuePlayer>('p_win_back', (p) => p.pWinBack),
  column<RescuePlayer>('expected_return', (p) => p.expectedReturn),
  column<RescuePlayer>('reward_tier', (p) => p.rewardTier),
  column<RescuePlayer>('cost', (p) => p.cost),
  column<RescuePlayer>('decision', (p) => p.decision),
];

/** GET /api/winback/rescue.csv: every declining player's decision on one day (pinned, so a load mid-download cannot mix days). */
export async function rescueCsv(
  db: Db,
  cfg: Config,
  q: Required<Omit<RescueQuery, 'asOf' | 'limit' | 'offset'>> & Pick<RescueQuery, 'asOf'>,
  o: CsvOptions,
): Promise<CsvStream> {
  const asOf = await resolveAsOf(db, q.asOf);
  const ask = { asOf: asOf ?? undefined, decision: q.decision, sort: q.sort };
  const pages = asOf ? offsetPages(async (limit, offset) => (await rescueDecisions(db, cfg, { ...ask, limit, offset })).players) : [];
  return csvFile({ subject: 'rescue', filters: ask, columns, pages }, o);
}
