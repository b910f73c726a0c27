import type { CsvOptions } from '../../contract/csv.ts';
import type { FlowPlayer, FlowPlayers, FlowSelection, SnapshotPair, Transitions, TransitionsQuery } from '../../contract/lifecycle.ts';
import type { Db } from '../db/client.ts';
import { addDays } from '../days.ts';
import { invalid } from '../domainError.ts';
import { column, csvFile, offsetPages, type CsvStream } from '../export/csvFile.ts';
import { flowPlayers } from '../queries/lifecycle/flowPlayers.ts';
import { snapshotDays } from '../queries/lifecycle/snapshotDays.ts';
import { transitions } from '../queries/lifecycle/transitions.ts';

/**
 * The two snapshot days to compare; by default the last snapshot day against
 * the week before it (or the first snapshot day). Null before any snapshot.
 */
async function snapshotPair(db: Db, asked: TransitionsQuery): Promise<(SnapshotPair & { first: string; last: string }) | null> {
  const { first, last } = await snapshotDays(db);
  if (!first || !last) return null;
  const to = asked.to ?? last;
  const weekBefore = addDays(to, -7);
  const from = asked.from ?? (weekBefore < first ? first : weekBefore);
  if (from >= to) throw invalid(`from (${from}) must be before to (${to})`);
  return { from, to, server: asked.server, first, last };
}

/** Players moving between stages from one snapshot day to another. */
export async function transitionsBetween(db: Db, asked: TransitionsQuery): Promise<Transitions> {
  const pair = await snapshotPair(db, asked);
  if (!pair) return { from: null, to: null, server: asked.server, snapshots: null, flows: [] };
  const { first, last, ...q } = pair;
  return { ...q, snapshots: { first, last }, flows: await transitions(db, q) };
}

/** One page of the players on one flow, with the query echoed; an empty page before any snapshot. */
export async function flowPlayersPage(db: Db, asked: TransitionsQuery, flow: FlowSelection): Promise<FlowPlayers> {
  const pair = await snapshotPair(db, asked);
  if (!pair) return { total: 0, players: [] };
  const { first: _f, last: _l, ...range } = pair;
  const q = { ...range, ...flow };
  return { ...q, ...(await flowPlayers(db, q)) };
}

const flowColumns = [
  column<FlowPlayer>('player_id', (p) => p.playerId),
  column<FlowPlayer>('server_id', (p) => p.serverId),
  column<FlowPlayer>('tier', (p) => p.tier),
  column<FlowPlayer>('lifetime_spend', (p) => p.lifetimeSpend),
  column<FlowPlayer>('recent_spend', (p) => p.recentSpend),
  column<FlowPlayer>('idle_days', (p) => p.idleDays),
];

/** GET /api/lifecycle/flow.csv: every player on one flow, in the page's order; header only before any snapshot. */
export async function flowPlayersCsv(db: Db, asked: TransitionsQuery, flow: Omit<FlowSelection, 'limit' | 'offset'>, o: CsvOptions): Promise<CsvStream> {
  const pair = await snapshotPair(db, asked);
  const filters = { from: pair?.from, to: pair?.to, server: asked.server, fromStage: flow.fromStage, toStage: flow.toStage, order: flow.order };
  const pages = pair
    ? offsetPages(async (limit, offset) => (await flowPlayers(db, { from: pair.from, to: pair.to, server: pair.server, ...flow, limit, offset })).players)
    : [];
  return csvFile({ subject: 'flow', filters, columns: flowColumns, pages }, o);
}
