import type { Db } from '../../server/db/client.ts';
import { exec } from '../../server/db/query.ts';

/** A uniform draw in (0, 1) from a hash of the player number and a salt: the game is the same on every run. */
const U = (salt: number) => `((cityHash64(number, ${salt}) % 1000000000) + 0.5) / 1e9`;

/**
 * Sessions of a synthetic game whose players follow a buy-till-you-die story,
 * written straight into the raw table (the lifecycle benchmark's game in
 * gameSql.ts gives every player a fixed lifetime, which leaves BG/NBD's
 * dropout unidentified and the fits degenerate). Player p registers at a
 * uniform time of the range, then visits at exponential gaps with their own
 * daily rate (log-normal around {rate}); after each repeat visit they leave
 * for good with their own probability ({dropout} x u^2, u uniform). Several
 * visits on one day are one active day, as in the product. Players are
 * numbers from..from+count-1; ids, servers and channels are as in gameSql.ts,
 * so its insertPayments adds the payments.
 */
export async function insertBuyTillYouDieSessions(
  db: Db,
  q: { from: number; count: number; days: number; firstDay: string; rate: number; dropout: number },
): Promise<void> {
  await exec(
    db,
    `INSERT INTO sessions (event_id, player_id, server_id, start, duration_s, day, level, platform, channel, source_file)
     SELECT concat('s', toString(p), '-', toString(k)) AS event_id, concat('p', toString(p)) AS player_id,
            concat('s', leftPad(toString(p % 16), 2, '0')) AS server_id,
            toDateTime64(toDateTime({first:Date}, 'UTC'), 3, 'UTC') + toIntervalSecond(toUInt64((reg + t) * 86400)) AS start,
            toUInt32(60 + cityHash64(p, k, 6) % 3600) AS duration_s,
            toDate({first:Date}) + toUInt32(floor(reg + t)) AS day,
            toUInt16(1 + least(99, intDiv(k, 2))) AS level,
            ['android', 'ios', 'pc'][1 + p % 3] AS platform,
            ['organic', 'ads', 'referral'][1 + cityHash64(p, 8) % 3] AS channel,
            'bench' AS source_file
     FROM (
       SELECT p, reg, k - 1 AS k, t
       FROM (
         SELECT number AS p, ${U(1)} * {days:UInt32} AS reg,
                {rate:Float64} * exp(sqrt(-2 * log(${U(2)})) * cos(2 * pi() * ${U(3)})) AS lambda,
                {dropout:Float64} * pow(${U(4)}, 2) AS q,
                -- Repeat visits before leaving (geometric), no more than the range can hold.
                toUInt32(least(1 + floor(log(${U(5)}) / log(1 - q)), ceil(lambda * ({days:UInt32} - reg) * 3) + 10)) AS repeats,
                arrayConcat([0.], arrayCumSum(arrayMap(j -> -log(((cityHash64(number, j, 7) % 1000000000) + 0.5) / 1e9) / lambda, range(repeats)))) AS times
         FROM numbers({from:UInt64}, {count:UInt64})
       )
       ARRAY JOIN times AS t, arrayEnumerate(times) AS k
       WHERE reg + t < {days:UInt32}
     )`,
    { ...q, first: q.firstDay },
  );
}
