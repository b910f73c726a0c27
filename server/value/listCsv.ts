import type { CsvOptions } from '../../contract/csv.ts';
import type { ValueListName, ValueListPlayer, ValueListSort, ValueQuery } from '../../contract/value.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import { valueListPage } from './lists.ts';

const columns = [
  column<ValueListPlayer>('player_id', (p) => p.playerId),
  column<ValueListPlayer>('server_id', (p) => p.serverId),
  column<ValueListPlayer>('stage', (p) => p.stage),
  column<ValueListPlayer>('status', (p) => p.status),
  column<ValueListPlayer>('tier', (p) => p.tier),
  column<ValueListPlayer>('tenure_days', (p) => p.tenureDays),
  column<ValueListPlayer>('idle_days', (p) => p.idleDays),
  column<ValueListPlayer>('paying_days', (p) => p.payingDays),
  column<ValueListPlayer>('lifetime_spend', (p) => p.lifetimeSpend),
  column<ValueListPlayer>('recent_spend', (p) => p.recentSpend),
  column<ValueListPlayer>('prior_spend', (p) => p.priorSpend),
  column<ValueListPlayer>('last_pay_day', (p) => p.lastPayDay),
  column<ValueListPlayer>('p_alive', (p) => p.pAlive),
  column<ValueListPlayer>('risk_tier', (p) => p.riskTier),
  column<ValueListPlayer>('expected_clv', (p) => p.expectedClv),
];

/** GET /api/value/lists/:name.csv: the whole list in the page's order; empty (header only) before any data. */
export function valueListCsv(db: Db, name: ValueListName, q: ValueQuery | null, sort: ValueListSort, o: CsvOptions): CsvStream {
  const pages = q ? offsetPages(async (limit, offset) => (await valueListPage(db, name, { ...q, limit, offset, sort })).players) : [];
  return csvFile({ subject: `value-${name}`, filters: { asOf: q?.asOf, server: q?.server, sort }, columns, pages }, o);
}
