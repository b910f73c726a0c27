/** The runs archive: stored runs with their files and delivery attempts, as the API lists them. */
import path from 'node:path';
import type { Deliveries } from '../../contract/delivery.ts';
import type { ReportRun, ReportRuns, RunFile } from '../../contract/reports.ts';
import type { Db } from '../db/client.ts';
import { invalid, notFound } from '../domainError.ts';
import { deliveriesOf } from '../queries/delivery/deliveriesOf.ts';
import { listRuns } from '../queries/reportRuns/listRuns.ts';
import type { RunRow } from '../queries/reportRuns/runRow.ts';

const RUN_ID = /^[0-9a-f-]{36}$/;

async function view(db: Db, r: RunRow): Promise<ReportRun> {
  return {
    ...r,
    options: JSON.parse(r.options || '{}'),
    files: JSON.parse(r.files || '[]') as RunFile[],
    deliveries: await deliveriesOf(db, 'report', r.runId),
  };
}

async function runOf(db: Db, id: string): Promise<RunRow> {
  if (!RUN_ID.test(id)) throw invalid(`a run id is a UUID, got "${id}"`);
  const found = (await listRuns(db, { runId: id, limit: 1, offset: 0 }))[0];
  if (!found) throw notFound(`no report run ${id}`);
  const { total: _t, ...row } = found;
  return row;
}

/** Runs newest first, of one schedule or all. */
export async function reportRuns(db: Db, q: { scheduleId?: string; limit: number; offset: number }): Promise<ReportRuns> {
  const found = await listRuns(db, q);
  return {
    total: Number(found[0]?.total ?? 0),
    limit: q.limit,
    offset: q.offset,
    runs: await Promise.all(found.map(({ total: _t, ...row }) => view(db, row))),
  };
}

export async function reportRun(db: Db, id: string): Promise<ReportRun> {
  return view(db, await runOf(db, id));
}

export async function runDeliveries(db: Db, id: string): Promise<Deliveries> {
  return { deliveries: await deliveriesOf(db, 'report', (await runOf(db, id)).runId) };
}

/** Where one of a run's files is on disk: only the files the run recorded, by exact name, so nothing else under REPORTS_DIR is reachable. */
export async function runFile(db: Db, id: string, name: string): Promise<{ runId: string; name: string; path: string }> {
  const run = await runOf(db, id);
  const file = (JSON.parse(run.files || '[]') as RunFile[]).find((f) => f.name === name);
  if (!file) throw notFound(`run ${run.runId} has no file "${name}"`);
  return { runId: run.runId, name: file.name, path: path.join(run.outputDir, file.name) };
}
