import type { CsvOptions } from '../../contract/csv.ts';
import type { AudienceMember, AudienceSort, OfferVersion } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import { audienceMembers } from '../queries/offers/audienceMembers.ts';
import { audienceOptions } from './audience.ts';

const columns = [
  column<AudienceMember>('player_id', (m) => m.playerId),
  column<AudienceMember>('server_id', (m) => m.serverId),
  column<AudienceMember>('stage', (m) => m.stage),
  column<AudienceMember>('status', (m) => m.status),
  column<AudienceMember>('tier', (m) => m.tier),
  column<AudienceMember>('idle_days', (m) => m.idleDays),
  column<AudienceMember>('max_level', (m) => m.maxLevel),
  column<AudienceMember>('lifetime_spend', (m) => m.lifetimeSpend),
  column<AudienceMember>('p_alive', (m) => m.pAlive),
  column<AudienceMember>('churn_risk', (m) => m.churnRisk),
  column<AudienceMember>('p_churn', (m) => m.pChurn),
  column<AudienceMember>('expected_clv', (m) => m.expectedClv),
  column<AudienceMember>('clv_source', (m) => m.clvSource),
  column<AudienceMember>('value_if_kept', (m) => m.valueIfKept),
  column<AudienceMember>('cost', (m) => m.cost),
];

/** GET /api/offers/:id/audience.csv: the offer's whole audience on the day, priced as on the page; header only before any data. */
export async function audienceCsv(db: Db, cfg: Config, offer: OfferVersion, sort: AudienceSort, asOf: string | undefined, o: CsvOptions): Promise<CsvStream> {
  const day = await resolveAsOf(db, asOf);
  const opts = day ? await audienceOptions(db, cfg, day) : null;
  const pages = opts ? offsetPages((limit, offset) => audienceMembers(db, offer, opts, sort, { limit, offset })) : [];
  return csvFile({ subject: `audience-${offer.offerId}`, filters: { version: offer.version, asOf: day, sort }, columns, pages }, o);
}
