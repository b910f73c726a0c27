import type { CsvOptions } from '../../contract/csv.ts';
import type { ComradePair } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import type { Logger } from '../log.ts';
import { findComrades } from './comrades.ts';

const columns = [
  column<ComradePair>('lapsed_id', (p) => p.lapsedId),
  column<ComradePair>('lapsed_server', (p) => p.lapsedServer),
  column<ComradePair>('lapsed_tier', (p) => p.lapsedTier),
  column<ComradePair>('lapsed_spend', (p) => p.lapsedSpend),
  column<ComradePair>('lapsed_idle_days', (p) => p.lapsedIdleDays),
  column<ComradePair>('lapsed_last_day', (p) => p.lapsedLastDay),
  column<ComradePair>('comrade_id', (p) => p.comradeId),
  column<ComradePair>('shared_days', (p) => p.sharedDays),
  column<ComradePair>('last_shared_day', (p) => p.lastSharedDay),
  column<ComradePair>('comrade_active_days', (p) => p.comradeActiveDays),
  column<ComradePair>('rank', (p) => p.rank),
  column<ComradePair>('reward_cost', (p) => p.rewardCost),
];

/** GET /api/winback/comrades.csv: every stored pair for the day; header only while they are being counted or before any data. */
export async function comradesCsv(db: Db, cfg: Config, log: Logger, asked: string | undefined, o: CsvOptions): Promise<CsvStream> {
  const asOf = (await resolveAsOf(db, asked)) ?? undefined;
  const pages = asOf ? offsetPages(async (limit, offset) => (await findComrades(db, cfg, log, { asOf, limit, offset })).pairs) : [];
  return csvFile({ subject: 'comrades', filters: { asOf }, columns, pages }, o);
}
