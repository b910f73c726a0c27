import type { Db } from '../../db/client.ts';
import { exec } from '../../db/query.ts';
import { CONFLICTS_TABLE, TABLES } from './tables.ts';

type EventIdKind = 'sessions' | 'payments';

/** The fields two deliveries of one event_id must agree on, in the order the reason names the first that differs. */
const COMPARED: Record<EventIdKind, readonly string[]> = {
  sessions: ['player_id', 'start'],
  payments: ['player_id', 'amount_orig', 'currency'],
};

/** What a conflicting row's quarantine text shows: its staged fields, times in ISO-8601 UTC. */
const SHOWN: Record<EventIdKind, readonly string[]> = {
  sessions: ['event_id', 'player_id', 'server_id', 'start', 'duration_s', 'level', 'platform', 'channel'],
  payments: ['event_id', 'player_id', 'server_id', 'ts', 'amount_orig', 'currency', 'sku', 'channel'],
};

const TIMES = new Set(['start', 'ts']);
const shownAs = (f: string) => (f === 'amount_orig' ? 'amount' : f);
const shownValue = (f: string) => (TIMES.has(f) ? `concat(replaceOne(toString(s.${f}), ' ', 'T'), 'Z')` : `toString(s.${f})`);

/** The reason of a conflicting duplicate: which field differs from the first delivery. */
export const conflictReason = (field: string) => `conflicting duplicate: different ${shownAs(field)}`;

/**
 * Finds the good staged rows whose event_id was seen first with other values:
 * already stored, or on an earlier line of this file. The first one wins, so
 * such a row goes to the quarantine instead of being stored twice or replacing
 * it. Only the staged event_ids are looked up in the stored table, and only
 * ids with more than one version are joined.
 */
export async function findConflictingDuplicates(db: Db, kind: EventIdKind): Promise<void> {
  const t = TABLES[kind];
  const fields = COMPARED[kind];
  const cols = fields.join(', ');
  const reason = `multiIf(${fields.map((f, i) => `s.${f} != f.first.${i + 1}, '${conflictReason(f)}'`).join(', ')}, '')`;
  const raw = `toJSONString(CAST(tuple(${SHOWN[kind].map(shownValue).join(', ')}), 'Tuple(${SHOWN[kind].map((f) => `${shownAs(f)} String`).join(', ')})'))`;
  await exec(
    db,
    `INSERT INTO ${CONFLICTS_TABLE} (line, raw, reason)
     SELECT line, raw, conflict FROM (
       SELECT s.line AS line, ${raw} AS raw, ${reason} AS conflict
       FROM ${t.stage} AS s
       INNER JOIN (
         SELECT event_id, argMin(tuple(${cols}), line) AS first
         FROM (
           SELECT event_id, ${cols}, toUInt64(0) AS line FROM ${t.raw}
           WHERE event_id IN (SELECT event_id FROM ${t.stage} WHERE reason = '')
           UNION ALL
           SELECT event_id, ${cols}, line FROM ${t.stage} WHERE reason = ''
         )
         GROUP BY event_id
         HAVING uniqExact(${cols}) > 1
       ) AS f ON s.event_id = f.event_id
       WHERE s.reason = ''
     )
     WHERE conflict != ''`,
  );
}
