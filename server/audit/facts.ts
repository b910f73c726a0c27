import type { IngestResult } from '../../contract/ingest.ts';
import type { BackfillResult } from '../../contract/lifecycle.ts';
import type { FitAnswer } from '../../contract/models.ts';

// What the trail keeps of a change's result, shared by the API routes and the commands run without the server.

/** An ingest run: where it read and what it loaded. */
export const ingestFacts = (paths: string[]) => (r: IngestResult) => ({
  paths,
  files: r.files.length,
  rowsLoaded: r.rowsLoaded,
  rowsQuarantined: r.rowsQuarantined,
  rowsDuplicate: r.rowsDuplicate,
});

/** A model fit: the day, the unit and each model's outcome. */
export const fitFacts = (f: FitAnswer) => ({
  asOf: f.asOf,
  unit: f.unit,
  runs: f.runs.map((m) => ({ kind: m.kind, status: m.status, players: m.players })),
});

/** A stage backfill: the days snapshotted. */
export const backfillFacts = (b: BackfillResult) => ({ from: b.from, to: b.to, days: b.days });
