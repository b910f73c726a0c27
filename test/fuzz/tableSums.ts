import type { Db } from '../../server/db/client.ts';
import { rows } from '../../server/db/query.ts';

/** The one table a refused request may rightly change: the audit trail records refusals. */
const MAY_CHANGE = /^audit_log$/;
/** Columns a refused request may rightly change: a token's or a session's use is stamped (the columns rather than the tables are left out). */
const VOLATILE: Record<string, string[]> = { api_tokens: ['last_used_at', 'updated_at'], user_sessions: ['last_seen_at', 'updated_at'] };

export type Sums = Map<string, string>;

/**
 * Row count and an order-free checksum of every stored table in one query
 * (FINAL where the engine merges rows, so that a background merge does not
 * look like a change).
 */
export async function tableSums(db: Db): Promise<Sums> {
  await settled(db);
  const tables = await rows<{ name: string }>(
    db,
    `SELECT name FROM system.tables
     WHERE database = currentDatabase() AND engine NOT IN ('View', 'MaterializedView', 'LiveView') AND NOT is_temporary
     ORDER BY name`,
  );
  const parts = tables
    .filter((t) => !MAY_CHANGE.test(t.name))
    .map((t) => {
      const except = VOLATILE[t.name] ? ` EXCEPT (${VOLATILE[t.name].join(', ')})` : '';
      return `SELECT '${t.name}' AS name, count() AS n, groupBitXor(cityHash64(*${except})) AS h FROM \`${t.name}\``;
    });
  const sums = await rows<{ name: string; n: string; h: string }>(db, `${parts.join(' UNION ALL ')} SETTINGS final = 1`);
  return new Map(sums.map((s) => [s.name, `${s.n}:${s.h}`]));
}

/** The tables whose rows or checksum differ. */
export function changedTables(before: Sums, after: Sums): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/**
 * Waits for the engine's pending mutations (stage snapshots delete replaced
 * rows asynchronously): an accepted request may still be changing a table
 * after its answer, which must not count against the next refused one.
 */
async function settled(db: Db, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await rows<{ table: string; command: string; reason: string }>(
      db,
      'SELECT table, command, latest_fail_reason AS reason FROM system.mutations WHERE database = currentDatabase() AND NOT is_done',
    );
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`mutations still pending after ${timeoutMs / 1000} s: ${JSON.stringify(pending).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Counts the statements that can change data sent through the engine's
 * client (the real calls, counted on their way): while the count stands
 * still, the tables' sums cannot have moved and need not be read again.
 */
export function statementCounter(db: Db): () => number {
  let count = 0;
  const client = db.client as unknown as Record<string, (arg: { query?: string; table?: string }) => unknown>;
  const reads = /^\s*(SELECT|WITH|SHOW|DESCRIBE|EXISTS|EXPLAIN)\b/i;
  for (const method of ['command', 'insert', 'exec', 'query']) {
    const real = client[method].bind(db.client);
    client[method] = (arg) => {
      // The audit trail is left out of the sums (MAY_CHANGE), so its appends are not counted either.
      const audit = method === 'insert' && arg?.table !== undefined && MAY_CHANGE.test(arg.table);
      if (!audit && (method !== 'query' || !reads.test(arg?.query ?? ''))) count++;
      return real(arg);
    };
  }
  return () => count;
}
