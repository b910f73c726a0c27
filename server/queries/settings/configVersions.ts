import type { RulesVersion, RulesVersionWithRules } from '../../../contract/settings.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { THRESHOLD_NAMES } from '../../lifecycle/rules.ts';
import { VERSION_IN_FORCE } from '../stages/inForce.ts';

/** Every saved version of the stage rules, newest first, with its state (a version without a state row was never pending). */
export async function listConfigVersions(db: Db): Promise<RulesVersion[]> {
  return rows<RulesVersion>(
    db,
    `SELECT version, author, note, restored_from AS restoredFrom, created_at AS createdAt, if(s.state = '', 'published', s.state) AS state
     FROM lifecycle_config AS c
     LEFT JOIN (SELECT version, argMax(state, at) AS state FROM lifecycle_config_state GROUP BY version) AS s ON s.version = c.version
     ORDER BY version DESC
     SETTINGS join_use_nulls = 0`,
  );
}

/** The asked version's latest state; a version without a state row was never pending. */
const VERSION_STATE = `(SELECT if(count() = 0, 'published', argMax(state, at)) FROM lifecycle_config_state WHERE version = if({v:UInt32} = 0, ${VERSION_IN_FORCE}, {v:UInt32}))`;

/** One version with its thresholds as decimal strings; version 0 means the one in force. */
export async function configVersion(db: Db, version: number): Promise<RulesVersionWithRules | undefined> {
  // Column names come from the fixed threshold list.
  const cols = THRESHOLD_NAMES.map((n) => `toString(${n}) AS ${n}`).join(', ');
  const r = await one<RulesVersion & Rules>(
    db,
    `SELECT version, author, note, restored_from AS restoredFrom, created_at AS createdAt, ${VERSION_STATE} AS state, ${cols}
     FROM lifecycle_config WHERE version = if({v:UInt32} = 0, ${VERSION_IN_FORCE}, {v:UInt32})`,
    { v: version },
  );
  if (!r) return undefined;
  const rules = Object.fromEntries(THRESHOLD_NAMES.map((n) => [n, String(r[n as keyof typeof r])]));
  return { version: Number(r.version), author: r.author, note: r.note, restoredFrom: Number(r.restoredFrom), createdAt: r.createdAt, state: r.state, rules };
}
