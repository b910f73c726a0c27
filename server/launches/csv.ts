import type { LaunchGroup } from '../../contract/launches.ts';
import { csvLine } from '../csv.ts';
import type { Db } from '../db/client.ts';
import { launchMembers } from '../queries/launches/launchMembers.ts';
import type { LaunchRow } from '../queries/launches/launches.ts';

/** A launch's frozen audience as CSV for the game's mail tool: one row per member, both groups or one. */

/** Rows per page read while a CSV streams out. */
const CSV_PAGE = 10_000;
const CSV_COLUMNS = ['group', 'player_id', 'server_id', 'stage', 'status', 'tier', 'idle_days', 'p_alive', 'expected_clv', 'cost', 'reward'];

export type CsvGroup = 'all' | LaunchGroup;

export interface LaunchCsv {
  name: string;
  /** CRLF-ended lines, the header first, then one chunk per page of members. */
  chunks: AsyncIterable<string>;
}

/** The file of a launch's audience, read page by page as it is consumed, so a large audience never sits in memory as one string. */
export function launchCsv(db: Db, launch: LaunchRow, group: CsvGroup): LaunchCsv {
  // The reward as the launch froze it, so the file stands on its own in the mail tool.
  const reward = String((JSON.parse(launch.offerJson) as { reward?: unknown }).reward ?? '');
  return { name: `launch-${launch.offerId}-${launch.asOf}-${group}.csv`, chunks: pages(db, launch.launchId, group, reward) };
}

async function* pages(db: Db, launchId: string, group: CsvGroup, reward: string): AsyncGenerator<string> {
  yield `${csvLine(CSV_COLUMNS)}\r\n`;
  let after = { afterGroup: '', afterPlayer: '' };
  for (let full = true; full; ) {
    const page = await launchMembers(db, { launch: launchId, group: group === 'all' ? '' : group, ...after, limit: CSV_PAGE });
    if (page.length) {
      const lines = page.map((m) => csvLine([m.group, m.playerId, m.serverId, m.stage, m.status, m.tier, m.idleDays, m.pAlive, m.expectedClv, m.cost, reward]));
      yield `${lines.join('\r\n')}\r\n`;
      after = { afterGroup: page[page.length - 1].group, afterPlayer: page[page.length - 1].playerId };
    }
    full = page.length === CSV_PAGE;
  }
}
