// GET /api/health and GET /api/meta.
import type { Day } from './common.ts';
import type { IngestRun } from './ingest.ts';

/** GET /api/health for anonymous callers (load balancers): up, which engine, its version. Nothing about the data. */
export interface PublicHealth {
  ok: true;
  engine: 'embedded' | 'remote';
  version: string;
}

/** GET /api/health for signed-in callers and API tokens: also the counts and the last ingest. */
export interface Health extends PublicHealth {
  database: string;
  gameTz: string;
  baseCurrency: string;
  rows: { sessions: number; payments: number; quarantine: number };
  players: number;
  latestEventTime: string | null;
  lastIngest: IngestRun | null;
}

/** GET /api/meta: what every page needs to offer its filters. */
export interface Meta {
  minDay: Day | null;
  maxDay: Day | null;
  servers: string[];
  gameTz: string;
  /** 1 = weeks start on Monday, 7 = on Sunday. */
  weekStart: 1 | 7;
  baseCurrency: string;
}
