import type { RulesRecompute } from '../../contract/settings.ts';
import type { Db } from '../db/client.ts';
import { daysBetween } from '../days.ts';
import { busy } from '../domainError.ts';
import type { Logger } from '../log.ts';
import { markConfigState } from '../queries/settings/configState.ts';
import { configVersion } from '../queries/settings/configVersions.ts';
import { pendingVersion } from '../queries/settings/pendingVersion.ts';
import { versionInForce } from '../queries/settings/versionInForce.ts';
import { dataDays } from '../queries/stages/dataDays.ts';
import { dropReplacedStages } from '../queries/stages/dropReplacedStages.ts';
import { writeStageDays } from './snapshots.ts';
import { stageWrites } from './stageLock.ts';

type JobView = Omit<RulesRecompute, 'inForce'>;

const IDLE: JobView = { state: 'idle', version: null, percent: 0, daysDone: 0, daysTotal: 0, startedAt: null, finishedAt: null, error: null };

/** A DateTime64(3) parameter value (UTC) for computed_at comparisons. */
const engineInstant = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * The background recompute of a saved stage-rules version: every stored day's
 * stage snapshot is written under the pending version (invisible to readers),
 * then the version is published and the snapshots it replaced are dropped, so
 * every page switches from the previous version to the new one at once.
 * One at a time per engine: a save while one runs is refused (409) rather than
 * queued, so what a person saved is what gets applied next, never a stale queue.
 * It holds stageWrites(db) from start to publication, so an ingest's stage
 * refresh waits for it and then refreshes the touched days under the new version.
 */
export class RulesRecomputeJob {
  private job: JobView = IDLE;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly db: Db) {}

  /** The job's progress and the version in force; `job` defaults to the progress now. */
  async view(job: JobView = this.job): Promise<RulesRecompute> {
    return { ...job, inForce: await versionInForce(this.db) };
  }

  /** The progress as it is at this instant. */
  get progress(): JobView {
    return this.job;
  }

  /** Refuses while a recompute runs. */
  private ensureIdle(): void {
    if (!this.running) return;
    const { version, percent, daysDone, daysTotal } = this.job;
    throw busy(
      `version ${version ?? 'being saved'} of the stage rules is still being applied (${percent}%, ${daysDone} of ${daysTotal} days); save again when it is done`,
    );
  }

  /**
   * Saves a version with `save` (which returns its number) and recomputes it in
   * the background; resolves with the version once saved. The job is claimed
   * before anything is awaited, so of two saves racing one is refused and
   * changes nothing.
   */
  begin(save: () => Promise<number>, log: Logger): Promise<number> {
    this.ensureIdle();
    this.stopping = false;
    this.job = { ...IDLE, state: 'running', startedAt: new Date().toISOString() };
    const saved = save();
    this.running = saved
      .then(
        (version) => {
          this.job = { ...this.job, version };
          return this.run(version, log);
        },
        () => {
          this.job = IDLE; // the caller gets the error; nothing was saved
        },
      )
      .finally(() => {
        this.running = null;
      });
    return saved;
  }

  /** Settles when no recompute runs (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Ends a running recompute after its current batch; the version stays pending and the next start picks it up again. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async run(version: number, log: Logger): Promise<void> {
    const db = this.db;
    const storedDays = async () => {
      const { minDay, maxDay } = await dataDays(db);
      return minDay && maxDay ? daysBetween(minDay, maxDay) : [];
    };
    try {
      // Known before waiting for an ingest's refresh to end, so the progress says how much is ahead; read again once it has.
      this.job = { ...this.job, daysTotal: (await storedDays()).length };
      const published = await stageWrites(db).run(async () => {
        const since = engineInstant(new Date());
        const days = await storedDays();
        const saved = await configVersion(db, version);
        if (!saved) throw new Error(`version ${version} of the stage rules is not stored`);
        this.job = { ...this.job, daysTotal: days.length, percent: days.length ? 0 : 100 };
        const onDay = (done: number, total: number) => {
          this.job = { ...this.job, daysDone: done, percent: Math.floor((done / total) * 100) };
        };
        await writeStageDays(db, days, { version, rules: saved.rules, replace: false }, onDay, () => this.stopping);
        if (this.stopping) return false;
        await markConfigState(db, version, 'published');
        // In force from here: the progress says so at once; the clean-up below is the lock's last step.
        this.job = { ...this.job, state: 'done', percent: 100, finishedAt: new Date().toISOString() };
        log.info(`stage rules version ${version} published`, { days: this.job.daysTotal });
        await dropReplacedStages(db, version, since).catch((err: Error) =>
          // Readers ignore what it would drop; the next publication drops it.
          log.warn('the stage snapshots replaced by a rules version were not dropped', { version, error: err.message }),
        );
        return true;
      });
      if (!published) this.job = { ...this.job, state: 'idle', finishedAt: new Date().toISOString() };
    } catch (err) {
      log.error(`stage rules version ${version} could not be applied; the previous version stays in force`, { error: (err as Error).message });
      // Engine text stays in the log; the page says what happened and what to do.
      this.job = {
        ...this.job,
        state: 'failed',
        finishedAt: new Date().toISOString(),
        error: 'the recompute failed (see the server log); save the rules again',
      };
      await markConfigState(db, version, 'failed').catch(() => {});
    }
  }
}

const jobs = new WeakMap<Db, RulesRecomputeJob>();

/** The recompute job of an engine (one per process and engine). */
export function rulesRecompute(db: Db): RulesRecomputeJob {
  let job = jobs.get(db);
  if (!job) {
    job = new RulesRecomputeJob(db);
    jobs.set(db, job);
  }
  return job;
}

/** At start: a version left pending by a crash or a stop mid-recompute is applied again from its first day. */
export async function resumePendingRules(db: Db, log: Logger): Promise<number | null> {
  const version = await pendingVersion(db);
  if (version === null) return null;
  log.info(`stage rules version ${version} was not applied yet: recomputing it`);
  await rulesRecompute(db).begin(async () => version, log);
  return version;
}
