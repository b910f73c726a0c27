// The stage-transition endpoints: GET /api/lifecycle/transitions, GET /api/lifecycle/flow, POST /api/lifecycle/backfill.
import type { Day, Money } from './common.ts';
import type { FlowKey, Status, ValueTier } from './enums.ts';

/** A player's decline status: '' outside decline, 'lost' once idle past the lost horizon. */
export type StageStatus = '' | Status | 'lost';

/** ?from&to&server: two snapshot days; by default the last one against the week before it. */
export interface TransitionsQuery {
  from?: Day;
  to?: Day;
  server: string;
}

export interface TransitionFlow {
  from: FlowKey;
  to: FlowKey;
  players: number;
  /** Lifetime spend (as of "to") of the players on this flow. */
  lifetimeSpend: Money;
  /** Their spend in the stage rules' recent window ending on "to". */
  recentSpend: Money;
}

/** GET /api/lifecycle/transitions; the days are null before any snapshot. */
export interface Transitions {
  from: Day | null;
  to: Day | null;
  server: string;
  snapshots: { first: Day; last: Day } | null;
  flows: TransitionFlow[];
}

/** Sort directions of a flow's players by lifetime spend, the default first. */
export const FLOW_ORDERS = ['desc', 'asc'] as const;
export type FlowOrder = (typeof FLOW_ORDERS)[number];

/** Two snapshot days with the defaults applied (a type literal: it passes as query parameters). */
export type SnapshotPair = {
  from: Day;
  to: Day;
  server: string;
};

/** ?fromStage&toStage&order&limit&offset: one flow's players, a page at a time. */
export interface FlowSelection {
  fromStage: FlowKey;
  toStage: FlowKey;
  order: FlowOrder;
  limit: number;
  offset: number;
}

/** The flow query as answered. */
export type FlowQuery = SnapshotPair & FlowSelection;

export interface FlowPlayer {
  playerId: string;
  serverId: string;
  tier: ValueTier;
  lifetimeSpend: Money;
  recentSpend: Money;
  idleDays: number;
}

export interface FlowPlayersPage {
  total: number;
  players: FlowPlayer[];
}

/** GET /api/lifecycle/flow: the query echoed with the page, or an empty page before any snapshot. */
export type FlowPlayers = FlowPlayersPage | (FlowQuery & FlowPlayersPage);

/** POST /api/lifecycle/backfill: days to snapshot (default: every day with data). */
export interface BackfillRequest {
  from?: Day;
  to?: Day;
}

/** POST /api/lifecycle/backfill; the days are null when there is no data. */
export interface BackfillResult {
  from: Day | null;
  to: Day | null;
  days: number;
  seconds: number;
}
