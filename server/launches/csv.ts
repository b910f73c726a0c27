import type { LaunchGroup } from '../../contract/launches.ts';
import type { CsvOptions } from '../../contract/csv.ts';
import type { Db } from '../db/client.ts';
import { column, csvFile, type CsvStream } from '../export/csvFile.ts';
import { launchMembers, type LaunchMemberRow } from '../queries/launches/launchMembers.ts';
import type { LaunchRow } from '../queries/launches/launches.ts';

/** A launch's frozen audience as CSV for the game's mail tool: one row per member, both groups or one. */

/** Rows per page read while a CSV streams out. */
const CSV_PAGE = 10_000;

export type CsvGroup = 'all' | LaunchGroup;

/** The file of a launch's audience, read page by page as it is consumed, so a large audience never sits in memory as one string. */
export function launchCsv(db: Db, launch: LaunchRow, group: CsvGroup, o: CsvOptions): CsvStream {
  // The reward as the launch froze it, so the file stands on its own in the mail tool.
  const reward = String((JSON.parse(launch.offerJson) as { reward?: unknown }).reward ?? '');
  const columns = [
    column<LaunchMemberRow>('group', (m) => m.group),
    column<LaunchMemberRow>('player_id', (m) => m.playerId),
    column<LaunchMemberRow>('server_id', (m) => m.serverId),
    column<LaunchMemberRow>('stage', (m) => m.stage),
    column<LaunchMemberRow>('status', (m) => m.status),
    column<LaunchMemberRow>('tier', (m) => m.tier),
    column<LaunchMemberRow>('idle_days', (m) => m.idleDays),
    column<LaunchMemberRow>('p_alive', (m) => m.pAlive),
    column<LaunchMemberRow>('expected_clv', (m) => m.expectedClv),
    column<LaunchMemberRow>('cost', (m) => m.cost),
    column<LaunchMemberRow>('reward', () => reward),
  ];
  const filters = { asOf: launch.asOf, group };
  return csvFile({ subject: `launch-${launch.offerId}`, filters, columns, pages: pages(db, launch.launchId, group) }, o);
}

async function* pages(db: Db, launchId: string, group: CsvGroup): AsyncGenerator<LaunchMemberRow[]> {
  let after = { afterGroup: '', afterPlayer: '' };
  for (let full = true; full; ) {
    const page = await launchMembers(db, { launch: launchId, group: group === 'all' ? '' : group, ...after, limit: CSV_PAGE });
    yield page;
    if (page.length) after = { afterGroup: page[page.length - 1].group, afterPlayer: page[page.length - 1].playerId };
    full = page.length === CSV_PAGE;
  }
}
