import type { RulesVersion, RulesVersionWithRules } from '../../../contract/settings.ts';
import type { Db } from '../../db/client.ts';
import { one, rows } from '../../db/query.ts';
import type { Rules } from '../../../contract/settings.ts';
import { THRESHOLD_NAMES } from '../../lifecycle/rules.ts';

/** Every saved version of the stage rules, newest first. */
export async function listConfigVersions(db: Db): Promise<RulesVersion[]> {
  return rows<RulesVersion>(
    db,
    `SELECT version, author, note, restored_from AS restoredFrom, created_at AS createdAt FROM lifecycle_config ORDER BY version DESC`,
  );
}

/** One version with its thresholds as decimal strings; version 0 means the active one. */
export async function configVersion(db: Db, version: number): Promise<RulesVersionWithRules | undefined> {
  // Column names come from the fixed threshold list.
  const cols = THRESHOLD_NAMES.map((n) => `toString(${n}) AS ${n}`).join(', ');
  const r = await one<RulesVersion & Rules>(
    db,
    `SELECT version, author, note, restored_from AS restoredFrom, created_at AS createdAt, ${cols}
     FROM lifecycle_config WHERE {v:UInt32} = 0 OR version = {v:UInt32} ORDER BY version DESC LIMIT 1`,
    { v: version },
  );
  if (!r) return undefined;
  const rules = Object.fromEntries(THRESHOLD_NAMES.map((n) => [n, String(r[n as keyof typeof r])]));
  return { version: Number(r.version), author: r.author, note: r.note, restoredFrom: Number(r.restoredFrom), createdAt: r.createdAt, rules };
}
