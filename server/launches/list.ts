import type { CsvOptions } from '../../contract/csv.ts';
import type { Launch, LaunchDetail, LaunchList, Uplift } from '../../contract/launches.ts';
import type { OfferVersion } from '../../contract/offers.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { shownUrl } from '../delivery/shownUrl.ts';
import { notFound } from '../domainError.ts';
import { column, csvFile, type CsvStream } from '../export/csvFile.ts';
import { deliveriesOf } from '../queries/delivery/deliveriesOf.ts';
import { launches, type LaunchRow } from '../queries/launches/launches.ts';
import { upliftHeadlines, upliftOf } from './uplift.ts';

/** Stored launches as the Launches page reads them; the uplift is measured up to the last day with data. */

/**
 * A launch as the API shows it: the frozen offer JSON stays out but for the
 * offer's words in other languages (none in launches frozen before offers had
 * them), and so do any credentials a record from before redaction holds in its URL.
 */
export const launchSummary = ({ offerJson, ...l }: LaunchRow): Launch => ({
  ...l,
  offerTexts: (JSON.parse(offerJson) as Partial<OfferVersion>).texts ?? {},
  webhookUrl: l.webhookUrl && shownUrl(l.webhookUrl),
});

/** The stored launch; not_found when the id is unknown. */
export async function findLaunch(db: Db, launchId: string): Promise<LaunchRow> {
  const [found] = await launches(db, { launch: launchId, limit: 1 });
  if (!found) throw notFound(`no launch "${launchId}"`);
  return found;
}

/** The newest launches, each with its uplift headline so far. */
export async function launchList(db: Db, cfg: Config, limit: number): Promise<LaunchList> {
  const [list, lastDay] = await Promise.all([launches(db, { limit }), resolveAsOf(db)]);
  const heads = await upliftHeadlines(db, list, lastDay);
  return { lastDay, currency: cfg.baseCurrency, launches: list.map((l) => ({ ...launchSummary(l), uplift: heads.get(l.launchId)! })) };
}

/** One launch with the offer as it froze it and every delivery attempt of its webhook. */
export async function launchDetail(db: Db, cfg: Config, launchId: string): Promise<LaunchDetail> {
  const launch = await findLaunch(db, launchId);
  const deliveries = await deliveriesOf(db, 'launch', launch.launchId);
  return { launch: { ...launchSummary(launch), offer: JSON.parse(launch.offerJson) as OfferVersion }, deliveries, currency: cfg.baseCurrency };
}

/** The full uplift of one launch: headline figures, statistics and stage transitions. */
export async function launchUplift(db: Db, launchId: string): Promise<Uplift> {
  const launch = await findLaunch(db, launchId);
  return upliftOf(db, launch, await resolveAsOf(db));
}

type ListedLaunch = LaunchList['launches'][number];
const launchColumns = [
  column<ListedLaunch>('launch_id', (l) => l.launchId),
  column<ListedLaunch>('offer_id', (l) => l.offerId),
  column<ListedLaunch>('offer_version', (l) => l.offerVersion),
  column<ListedLaunch>('offer_name', (l) => l.offerName),
  column<ListedLaunch>('as_of', (l) => l.asOf),
  column<ListedLaunch>('launched_at', (l) => l.launchedAt),
  column<ListedLaunch>('author', (l) => l.author),
  column<ListedLaunch>('audience', (l) => l.audience),
  column<ListedLaunch>('treatment', (l) => l.treatment),
  column<ListedLaunch>('holdout', (l) => l.holdout),
  column<ListedLaunch>('total_cost', (l) => l.totalCost),
  column<ListedLaunch>('uplift_state', (l) => l.uplift.state),
  column<ListedLaunch>('return_uplift', (l) => l.uplift.returnRate.difference),
  column<ListedLaunch>('return_uplift_p', (l) => l.uplift.returnRate.p),
  column<ListedLaunch>('revenue_uplift', (l) => l.uplift.revenuePerPlayer.difference),
];

/** GET /api/launches.csv: the newest launches as on the page, with their uplift so far. */
export async function launchListCsv(db: Db, cfg: Config, limit: number, o: CsvOptions): Promise<CsvStream> {
  const { launches: list, lastDay } = await launchList(db, cfg, limit);
  return csvFile({ subject: 'launches', filters: { measuredThrough: lastDay }, columns: launchColumns, pages: [list] }, o);
}
