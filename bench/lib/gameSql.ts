import type { Db } from '../../server/db/client.ts';
import { exec, one } from '../../server/db/query.ts';

/**
 * A large synthetic game written straight into the raw tables (the ingester has
 * its own benchmark), so 100M events take minutes, not hours. Deterministic:
 * every value is a hash of the event number or the player number.
 * - events lean towards low player numbers (p = players * u^2): a few very
 *   active players, a long tail of light ones;
 * - each player registers on a day of the range and plays over an exponential
 *   lifetime (mean 30 days), so the game has new, steady, fading and gone players;
 * - one player in ten pays, on about half of their sessions, with a few whales.
 */
// u has a billion steps: with fewer, u^2 would skip player numbers near the top of the range.
const PLAYER = `toUInt64(floor({players:UInt64} * pow((cityHash64(number, 1) % 1000000000) / 1e9, 2)))`;
const REG_DAY = `(cityHash64(p, 2) % {days:UInt32})`;
const LIFE_DAYS = `(1 + toUInt32(-log(((cityHash64(p, 3) % 1000000) + 1) / 1000001) * 30))`;

/**
 * Sessions number offset..offset+count-1; `table` 'sessions_plain' is a copy without the rollup views, for timing their upkeep;
 * player p plays on server p % `servers`.
 */
export async function insertSessions(
  db: Db,
  offset: number,
  count: number,
  players: number,
  days: number,
  firstDay: string,
  table: 'sessions' | 'sessions_plain' = 'sessions',
  servers = 16,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ${table} (event_id, player_id, server_id, start, duration_s, day, level, platform, channel, source_file)
     SELECT concat('s', toString(number)) AS event_id,
            concat('p', toString(p)) AS player_id,
            concat('s', leftPad(toString(p % {servers:UInt32}), 2, '0')) AS server_id,
            toDateTime64(toDateTime({first:Date}, 'UTC'), 3, 'UTC') + toIntervalSecond(d * 86400 + cityHash64(number, 5) % 86400) AS start,
            toUInt32(60 + cityHash64(number, 6) % 3600) AS duration_s,
            toDate({first:Date}) + d AS day,
            toUInt16(1 + least(99, intDiv(d - ${REG_DAY}, 2))) AS level,
            ['android', 'ios', 'pc'][1 + p % 3] AS platform,
            ['organic', 'ads', 'referral'][1 + cityHash64(p, 8) % 3] AS channel,
            'bench' AS source_file
     FROM (
       SELECT number, ${PLAYER} AS p,
              toUInt32(least({days:UInt32} - 1, ${REG_DAY} + cityHash64(number, 4) % ${LIFE_DAYS})) AS d
       FROM numbers({offset:UInt64}, {count:UInt64})
     )`,
    { offset, count, players, days, first: firstDay, servers },
  );
}

/** Payments on about half the sessions of paying players (p % 10 = 0); one payer in fifty is a whale. */
export async function insertPayments(db: Db): Promise<void> {
  await exec(
    db,
    `INSERT INTO payments (event_id, player_id, server_id, ts, day, amount, amount_orig, currency, sku, channel, source_file)
     SELECT concat('pay', substring(event_id, 2)) AS event_id, player_id, server_id, start + toIntervalSecond(30) AS ts, day,
            price * if(cityHash64(player_id, 9) % 50 = 0, 10, 1) AS amount, amount AS amount_orig,
            'USD' AS currency, 'gem_pack' AS sku, channel, 'bench' AS source_file
     FROM (
       SELECT *, toDecimal64([0.99, 4.99, 9.99, 19.99, 49.99, 99.99][1 + cityHash64(event_id, 10) % 6], 4) AS price
       FROM sessions
       WHERE toUInt64(substring(player_id, 2)) % 10 = 0 AND cityHash64(event_id, 11) % 2 = 0
     )`,
  );
}

/** A copy of the sessions table that no materialized view reads: the same insert without the rollup upkeep. */
export async function createPlainSessions(db: Db): Promise<void> {
  await exec(db, 'CREATE TABLE sessions_plain AS sessions');
}

export async function dropPlainSessions(db: Db): Promise<void> {
  await exec(db, 'DROP TABLE sessions_plain SYNC');
}

/** Folds the daily rollup's parts into one row per key now, as the engine's background merges do over time. */
export async function mergeRollups(db: Db): Promise<void> {
  await exec(db, 'OPTIMIZE TABLE player_daily FINAL');
}

export async function eventCounts(db: Db): Promise<{ sessions: number; payments: number; players: number }> {
  const r = await one<{ sessions: number; payments: number; players: number }>(
    db,
    `SELECT (SELECT count() FROM sessions) AS sessions, (SELECT count() FROM payments) AS payments,
            (SELECT uniqExact(player_id) FROM sessions) AS players`,
  );
  return { sessions: Number(r?.sessions), payments: Number(r?.payments), players: Number(r?.players) };
}

/** The reference: one bare scan of all events grouped by player. */
export async function bareGroupByPlayer(db: Db): Promise<number> {
  const r = await one<{ players: number }>(
    db,
    `SELECT count() AS players FROM (
       SELECT player_id, count() AS events, max(t) AS last
       FROM (SELECT player_id, start AS t FROM sessions UNION ALL SELECT player_id, ts AS t FROM payments)
       GROUP BY player_id)`,
  );
  return Number(r?.players);
}
