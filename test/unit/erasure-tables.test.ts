import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASHED_ONLY_TABLES, INGEST_WORK_TABLES, PLAYER_COLUMN, PLAYER_TABLES, QUARANTINE_TABLE } from '../../server/erasure/tables.ts';

const SQL_DIR = path.resolve(import.meta.dirname, '../../sql');

/** Tables and their columns as the migrations create them (the last CREATE of a name wins: 008, 011, 013 recreate player_attributes). */
function migrationTables(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const file of readdirSync(SQL_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const text = readFileSync(path.join(SQL_DIR, file), 'utf8').replace(/--[^\n]*/g, '');
    for (const m of text.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)\s*\(([\s\S]*?)\)\s*ENGINE/g)) {
      // name and the start of its type: a player id is text, whatever the name (stage_daily.players is a count)
      const columns = [...m[2].matchAll(/(?:^|[(,\n])\s*(\w+)\s+([A-Z][\w(]*)/g)].map((c) => `${c[1]} ${c[2]}`);
      tables.set(m[1], columns);
    }
  }
  return tables;
}

describe('the erasure table list', () => {
  const tables = migrationTables();
  const names = (table: string) => (tables.get(table) ?? []).map((c) => c.split(' ')[0]);
  const isPlayerColumn = (c: string) => {
    const [name, type] = c.split(' ');
    return PLAYER_COLUMN.test(name) && /^(String|LowCardinality\(String|Nullable\(String)/.test(type);
  };
  const listed = new Set([...PLAYER_TABLES.map((t) => t.table), QUARANTINE_TABLE, ...INGEST_WORK_TABLES, ...HASHED_ONLY_TABLES]);

  it('reads the migrations (sanity: known tables and columns are found)', () => {
    expect(names('sessions')).toContain('player_id');
    expect(names('friend_links')).toEqual(expect.arrayContaining(['player_id', 'friend_id']));
    expect(names('stage_sessions')).toContain('player_id');
    expect(tables.size).toBeGreaterThan(30);
  });

  it('names every table with a player-id column', () => {
    const holding = [...tables].filter(([, cols]) => cols.some((c) => isPlayerColumn(c))).map(([name]) => name);
    expect(holding.length).toBeGreaterThan(10);
    expect(holding.filter((t) => !listed.has(t))).toEqual([]);
  });

  it('names only tables that exist, with the columns it says', () => {
    for (const name of listed) expect(tables.has(name), name).toBe(true);
    for (const t of PLAYER_TABLES) for (const c of t.columns) expect(names(t.table), `${t.table}.${c}`).toContain(c);
    expect(names(QUARANTINE_TABLE)).toContain('raw');
  });
});
