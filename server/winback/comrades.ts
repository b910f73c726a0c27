import type { ComradeBasis, ComradePair, ComradePairs, ComradesState } from '../../contract/winback.ts';
import { resolveAsOf } from '../asOf.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { toUnits } from '../money.ts';
import { comradePairs, type ComradePairRow } from '../queries/offers/comradePairs.ts';
import { publishedComradeRun } from '../queries/offers/publishedComradeRun.ts';
import { storedComradePairs } from '../queries/offers/storedComradePairs.ts';
import { comradesRefreshing, refreshComrades } from './comradesRefresh.ts';
import { COMRADE_LOOKBACK_DAYS, COMRADES_PER_LAPSED, computeComrades } from './comradesRun.ts';
import { chosenOfferOn, currentChoices } from './choices.ts';
import { winbackOfferOf } from './rescue.ts';

type Pair = Omit<ComradePair, 'rewardCost'>;
interface Computed {
  basis: ComradeBasis;
  rows: Pair[];
}

/** Every pair as of `asOf`, computed now (the same bounded computation as the background refresh), in the page's order. */
export async function computeComradePairs(
  db: Db,
  cfg: Pick<Config, 'gameTz'>,
  asOf: string,
  opts: { lapsedPerChunk?: number; cap?: number } = {},
): Promise<Computed> {
  const found: ComradePairRow[] = [];
  const run = await computeComrades(db, cfg, asOf, async (basis, chunk) => void found.push(...(await comradePairs(db, basis, chunk))), opts);
  return { basis: run.basis, rows: rankPairs(found) };
}

// An earlier day than the stored one is computed on demand and paged here: the
// last answer is kept until the data changes (db.writes) or another day is asked.
const memos = new WeakMap<Db, { key: string; pairs: Promise<Computed> }>();

function memoPairs(db: Db, cfg: Config, asOf: string): Promise<Computed> {
  const key = `${db.writes}|${asOf}|${cfg.gameTz}`;
  const memo = memos.get(db);
  if (memo?.key === key) return memo.pairs;
  const pairs = computeComradePairs(db, cfg, asOf);
  memos.set(db, { key, pairs });
  // A failed computation is not kept.
  pairs.catch(() => memos.get(db)?.pairs === pairs && memos.delete(db));
  return pairs;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byMoneyDesc = (a: string, b: string) => {
  const d = toUnits(b) - toUnits(a);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

/** Most valuable lapsed players first, each one's comrades best first, numbered 1..COMRADES_PER_LAPSED. */
export function rankPairs(found: readonly Omit<ComradePairRow, 'rank'>[]): Pair[] {
  const sorted = found
    .map((r) => ({
      lapsedId: r.lapsedId,
      lapsedServer: r.lapsedServer,
      lapsedTier: r.lapsedTier,
      lapsedSpend: r.lapsedSpend,
      lapsedIdleDays: Number(r.lapsedIdleDays),
      lapsedLastDay: r.lapsedLastDay,
      comradeId: r.comradeId,
      sharedDays: r.sharedDays === null ? null : Number(r.sharedDays),
      lastSharedDay: r.lastSharedDay,
      comradeActiveDays: Number(r.comradeActiveDays),
    }))
    .sort(
      (a, b) =>
        byMoneyDesc(a.lapsedSpend, b.lapsedSpend) ||
        byText(a.lapsedId, b.lapsedId) ||
        (b.sharedDays ?? 0) - (a.sharedDays ?? 0) ||
        b.comradeActiveDays - a.comradeActiveDays ||
        byText(a.comradeId, b.comradeId),
    );
  let rank = 0;
  return sorted.map((r, i) => {
    rank = i > 0 && sorted[i - 1].lapsedId === r.lapsedId ? rank + 1 : 1;
    return { ...r, rank };
  });
}

const asPair = (r: ComradePairRow): Pair => ({
  ...r,
  lapsedIdleDays: Number(r.lapsedIdleDays),
  sharedDays: r.sharedDays === null ? null : Number(r.sharedDays),
  comradeActiveDays: Number(r.comradeActiveDays),
  rank: Number(r.rank),
});

interface Found {
  asOf: string;
  state: ComradesState;
  basis: ComradeBasis;
  total: number;
  pairs: Pair[];
}

/**
 * The pairs of a day: the stored run when it is of that day (and, for the
 * latest day, of its current stage snapshot); for the latest day while the
 * background refresh computes it, the previous stored run (or nothing) and
 * the state `computing`, starting that refresh when none runs in this process
 * (data loaded without an ingest, a start after an upgrade, a rules save or a
 * re-snapshot of the day, a refresh that failed); for an earlier day,
 * computed on demand.
 */
async function pairsOf(db: Db, cfg: Config, log: Logger, asOf: string, latest: string, page: { limit: number; offset: number }): Promise<Found> {
  const run = await publishedComradeRun(db);
  const stored = async (runId: string) => {
    const s = await storedComradePairs(db, { runId, ...page });
    return { total: s.total, pairs: s.rows.map(asPair) };
  };
  if (run?.asOf === asOf && (asOf !== latest || Number(run.current) === 1)) return { asOf, state: 'ready', basis: run.basis, ...(await stored(run.runId)) };
  if (asOf === latest) {
    if (!comradesRefreshing(db)) {
      refreshComrades({ db, cfg }).catch((e: unknown) => log.error(`comrade pairs refresh failed: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (run) return { asOf: run.asOf, state: 'computing', basis: run.basis, ...(await stored(run.runId)) };
    return { asOf, state: 'computing', basis: 'shared_days', total: 0, pairs: [] };
  }
  const { basis, rows } = await memoPairs(db, cfg, asOf);
  return { asOf, state: 'ready', basis, total: rows.length, pairs: rows.slice(page.offset, page.offset + page.limit) };
}

/** One page of the pairs on `q.asOf` (default: the last day with data). */
export async function findComrades(db: Db, cfg: Config, log: Logger, q: { asOf?: string; limit: number; offset: number }): Promise<ComradePairs> {
  const page = { limit: q.limit, offset: q.offset };
  const latest = await resolveAsOf(db);
  const chosen = await currentChoices(db);
  const choice = { version: chosen.version, offerId: chosen.comradesOfferId };
  if (!latest) return { asOf: null, state: 'ready', currency: cfg.baseCurrency, basis: 'shared_days', offer: null, choice, total: 0, pairs: [], ...page };
  const found = await pairsOf(db, cfg, log, q.asOf ?? latest, latest, page);
  const offer = await chosenOfferOn(db, chosen.comradesOfferId, found.asOf);
  const rewardCost = offer && offer.cost.kind === 'fixed' ? offer.cost.fixedCost : null;
  return {
    asOf: found.asOf,
    state: found.state,
    currency: cfg.baseCurrency,
    basis: found.basis,
    lookbackDays: COMRADE_LOOKBACK_DAYS,
    perLapsed: COMRADES_PER_LAPSED,
    offer: offer && winbackOfferOf(offer),
    choice,
    total: found.total,
    pairs: found.pairs.map((r) => ({ ...r, rewardCost })),
    ...page,
  };
}
