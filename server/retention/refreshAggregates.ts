import type { Db } from '../db/client.ts';
import { changedCohorts } from '../queries/aggregates/changedCohorts.ts';
import { refreshDayCells } from '../queries/aggregates/dayCells.ts';
import { fillFreshMembers } from '../queries/aggregates/freshMembers.ts';
import { ledgerSince } from '../queries/aggregates/ledgerSince.ts';
import { refreshOverviewDays } from '../queries/aggregates/overviewDays.ts';
import { replaceMembers } from '../queries/aggregates/replaceMembers.ts';
import { AGGREGATE_TABLES, truncateAggregate } from '../queries/aggregates/truncateAggregates.ts';
import { refreshWeekCells } from '../queries/aggregates/weekCells.ts';
import { getSetting, setSetting } from '../queries/settings/appSettings.ts';
import { cohortAggregatesReady, MARK_KEY, READY_KEY } from './aggregatesReady.ts';

/** Before any ledger row: a full fill covers every day (a Monday, so no week start falls before the first Date). */
const BEGINNING = { mark: '1970-01-05 00:00:00.000', day: '1970-01-05' };

export interface AggregateRefresh {
  /** 'full' after a fill from scratch, 'days' after a refresh from `from` on, 'none' when nothing changed. */
  kind: 'full' | 'days' | 'none';
  from?: string;
  /** Cohorts before `from` recomputed whole, their starting attributes having changed. */
  changed?: string[];
}

/** Recomputes the region of every aggregate: activity days from `from` on, and the whole of the `changed` cohorts. */
async function refreshRegion(db: Db, from: string, changed: string[]): Promise<void> {
  await refreshDayCells(db, from, changed);
  await refreshWeekCells(db, from, changed);
  await refreshOverviewDays(db, from);
}

async function refreshNow(db: Db): Promise<AggregateRefresh> {
  const ready = await cohortAggregatesReady(db);
  const since = ready ? await getSetting(db, MARK_KEY) : undefined;
  const ledger = await ledgerSince(db, since || BEGINNING.mark);
  if (ready && since && !ledger.dirtyFrom) {
    if (ledger.mark && ledger.mark !== since) await setSetting(db, MARK_KEY, ledger.mark);
    return { kind: 'none' };
  }
  // Readers compute live from here until the aggregates are whole again (a crash leaves them so until a full fill).
  await setSetting(db, READY_KEY, '');
  const full = !(ready && since);
  if (full) for (const table of AGGREGATE_TABLES) await truncateAggregate(db, table);
  const from = full ? BEGINNING.day : ledger.dirtyFrom!;
  await truncateAggregate(db, 'cohort_members_fresh');
  await fillFreshMembers(db, from);
  const changed = full ? [] : await changedCohorts(db, from);
  await replaceMembers(db);
  await refreshRegion(db, from, changed);
  await truncateAggregate(db, 'cohort_members_fresh');
  await setSetting(db, MARK_KEY, ledger.mark ?? BEGINNING.mark);
  await setSetting(db, READY_KEY, new Date().toISOString());
  return full ? { kind: 'full' } : { kind: 'days', from, changed };
}

const queues = new WeakMap<Db, Promise<unknown>>();

/**
 * Brings the retention and Overview pre-aggregates (sql/028) up to date with
 * the data: only the days the ingests since the last refresh touched (the
 * ingest ledger says which), or everything when they were never filled or a
 * refresh did not finish. One refresh at a time per database.
 */
export async function refreshCohortAggregates(db: Db): Promise<AggregateRefresh> {
  const run = (queues.get(db) ?? Promise.resolve()).catch(() => {}).then(() => refreshNow(db));
  queues.set(db, run);
  return run;
}
