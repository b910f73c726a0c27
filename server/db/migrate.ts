import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger, type Logger } from '../log.ts';
import type { Db } from './client.ts';
import { exec, insertRows, rows } from './query.ts';

export const SQL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sql');

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {}

/** Splits a migration file into statements: a statement ends with `;` at the end of a line. */
export function splitStatements(text: string): string[] {
  const noComments = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return noComments
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadMigrations(dir = SQL_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((name) => {
    const m = /^(\d{3,})_[a-z0-9_]+\.sql$/.exec(name);
    if (!m) throw new MigrationError(`sql/${name}: migration files are named NNN_snake_case.sql`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new MigrationError(`sql/${name}: version ${version} is used twice`);
    seen.add(version);
    const text = readFileSync(path.join(dir, name), 'utf8');
    return { version, name, checksum: createHash('sha256').update(text).digest('hex'), statements: splitStatements(text) };
  });
}

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies pending migrations in order and records each with its checksum.
 * An applied file whose text changed is an error: migrations are append-only.
 */
export async function migrate(db: Db, migrations = loadMigrations(), log: Logger = silentLogger): Promise<number> {
  await exec(
    db,
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
     ) ENGINE = MergeTree ORDER BY version`,
  );
  const applied = new Map((await rows<Applied>(db, 'SELECT version, name, checksum FROM schema_migrations ORDER BY version')).map((a) => [a.version, a]));
  let count = 0;
  for (const m of migrations) {
    const done = applied.get(m.version);
    if (done) {
      if (done.checksum !== m.checksum) {
        throw new MigrationError(
          `sql/${m.name} was changed after it was applied (checksum ${done.checksum.slice(0, 12)} recorded, ` +
            `${m.checksum.slice(0, 12)} now). Applied migrations are append-only: restore the file and add a new numbered one.`,
        );
      }
      continue;
    }
    log.info('applying a migration', { file: `sql/${m.name}` });
    for (const statement of m.statements) {
      try {
        await exec(db, statement);
      } catch (err) {
        throw new MigrationError(`sql/${m.name} failed: ${(err as Error).message}\nstatement: ${statement.slice(0, 200)}`);
      }
    }
    await insertRows(db, 'schema_migrations', [{ version: m.version, name: m.name, checksum: m.checksum }]);
    count++;
  }
  return count;
}
