// GET /api/health and GET /api/meta.
import type { Day } from './common.ts';
import type { IngestRun } from './ingest.ts';

/** GET /api/health */
export interface Health {
  ok: true;
  engine: 'embedded' | 'remote';
  version: string;
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
