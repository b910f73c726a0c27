import type { Config } from './config.ts';
import { erasureKey } from './erasure/playerKey.ts';
import type { IngestSettings } from './ingest/ingestFile.ts';

/** Rows per insert chunk: large enough to keep the engine's per-insert cost small, small enough to retry cheaply. */
export const INGEST_CHUNK_ROWS = 1_000_000;

export function ingestSettings(cfg: Config, chunkRows = INGEST_CHUNK_ROWS): IngestSettings {
  return {
    gameTz: cfg.gameTz,
    baseCurrency: cfg.baseCurrency,
    currencyRates: cfg.currencyRates,
    maxBadShare: cfg.ingest.maxBadShare,
    chunkRows,
    erasureKey: erasureKey(cfg),
    limits: cfg.ingest.limits,
  };
}
